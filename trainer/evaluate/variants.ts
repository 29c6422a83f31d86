// Which neighbour options to ship: the variants the issue asks about, each scored on the same
// split, searched one option at a time (coordinate ascent) from the current defaults.
//
// Why not the full grid: 3 weightings × 4 supports × 3 sizes × 4 dampings = 144 models, each a
// full neighbour build (~1 s on Online Retail). Coordinate ascent varies one option while the
// others stay at the best values found so far, and repeats the round until nothing changes
// (each configuration is scored once and remembered), which takes ~15 builds. It can miss an
// optimum that needs two options to change at once; the README's table shows every
// configuration it scored, so a reader can judge how flat the neighbourhood is.
import type { RecordedNeighbourOptions } from '../../lib/artifacts/index.js'
import { SIMILARITIES, WEIGHTINGS, neighbourOptionConflict, resolveNeighbourOptions, type NeighbourOptions } from '../neighbours/index.js'
import { evaluateItemKnn, type EvaluationContext, type MethodEvaluation } from './evaluate.js'

export interface VariantGrid {
  similarity: readonly NeighbourOptions['similarity'][]
  weighting: readonly NeighbourOptions['weighting'][]
  minSupport: readonly number[]
  topK: readonly number[]
  popularityDamping: readonly number[]
}

export const VARIANT_GRID: Readonly<VariantGrid> = Object.freeze({
  similarity: SIMILARITIES,
  weighting: WEIGHTINGS,
  minSupport: [1, 3, 5, 10, 20],
  topK: [10, 20, 50],
  popularityDamping: [0, 0.1, 0.25, 0.5]
})

/** The order options are varied in. */
const OPTION_ORDER: ReadonlyArray<keyof VariantGrid> = ['similarity', 'weighting', 'minSupport', 'topK', 'popularityDamping']

export interface VariantSearch {
  /** every configuration scored, in the order it was scored */
  results: MethodEvaluation[]
  /** the configuration the search started from (the current defaults) */
  start: NeighbourOptions
  best: NeighbourOptions
  rounds: number
}

/** Higher hit rate @10 wins; NDCG @10 breaks ties; an exact tie keeps the incumbent. */
export function betterThan (a: MethodEvaluation, b: MethodEvaluation): boolean {
  if (a.at10.hitRate !== b.at10.hitRate) return a.at10.hitRate > b.at10.hitRate
  return a.at10.ndcg > b.at10.ndcg
}

/** One configuration's identity; EASE's own options count only for EASE (cosine ignores them). */
export function optionsKey (options: RecordedNeighbourOptions): string {
  const similarity = options.similarity ?? 'cosine'
  const ease = similarity === 'ease' ? `/λ${options.easeLambda ?? ''}/${options.easeProducts ?? ''}` : ''
  return `${similarity}${ease}/${options.weighting}/${options.minSupport}/${options.topK}/${options.popularityDamping}`
}

export interface SearchOptions {
  grid: VariantGrid
  /** called with each newly scored configuration (progress output) */
  onResult: (result: MethodEvaluation) => void
  /** configurations already scored on this context (e.g. the defaults), not scored again */
  known: readonly MethodEvaluation[]
  maxRounds: number
}

/** Coordinate ascent over the grid from `start`. */
export function searchVariants (context: EvaluationContext, start: Partial<NeighbourOptions> = {}, given: Partial<SearchOptions> = {}): VariantSearch {
  const { grid, onResult, known, maxRounds }: SearchOptions = { grid: VARIANT_GRID, onResult: () => {}, known: [], maxRounds: 3, ...given }
  const scored = new Map<string, MethodEvaluation>()
  for (const result of known) if (result.options !== null) scored.set(optionsKey(result.options), result)
  const score = (options: NeighbourOptions): MethodEvaluation => {
    const key = optionsKey(options)
    let result = scored.get(key)
    if (result === undefined) {
      result = evaluateItemKnn(context, options)
      scored.set(key, result)
      onResult(result)
    }
    return result
  }

  const initial = resolveNeighbourOptions(start)
  let best = initial
  let bestResult = score(best)
  let rounds = 0
  for (let changed = true; changed && rounds < maxRounds;) {
    changed = false
    rounds++
    for (const option of OPTION_ORDER) {
      for (const value of grid[option]) {
        const candidate = { ...best, [option]: value }
        // e.g. EASE with quantity weights: not a configuration the trainer accepts
        if (neighbourOptionConflict(candidate) !== undefined) continue
        const result = score(candidate)
        if (betterThan(result, bestResult)) {
          best = candidate
          bestResult = result
          changed = true
        }
      }
    }
  }
  return { results: [...scored.values()], start: initial, best, rounds }
}
