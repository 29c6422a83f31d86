// Product neighbours (item-based collaborative filtering): the trainer's public surface for step 4.
export { buildNeighbours, summariseNeighbours, type NeighbourSummary } from './build.js'
export { DEFAULT_NEIGHBOUR_OPTIONS, NEIGHBOUR_OPTIONS, WEIGHTINGS, resolveNeighbourOptions, type NeighbourOptions, type Weighting } from './options.js'
