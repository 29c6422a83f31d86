// Product neighbours (item-based collaborative filtering): the trainer's public surface for step 4.
export { summariseNeighbours, type NeighbourSummary } from './build.js'
export { buildNeighbourModel, buildNeighbours, type NeighbourModel } from './model.js'
export {
  DEFAULT_NEIGHBOUR_OPTIONS, NEIGHBOUR_OPTIONS, SIMILARITIES, WEIGHTINGS, neighbourOptionConflict, resolveNeighbourOptions,
  type NeighbourOptions, type Weighting
} from './options.js'
