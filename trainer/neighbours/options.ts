// The neighbour stage's options: which similarity learns the product × product weights, how many
// neighbours, how much evidence, how purchases are weighted, how popular neighbours are damped. One row each (trainer/option-table): the stage's
// callers, the trainer's command line, --help and the manifest all take them from this table.
import type { Neighbours, Similarity } from '../../lib/artifacts/index.js'
import { ShopperError } from '../../lib/errors.js'
import { MAX_DENSE_PRODUCTS } from './ease.js'
import {
  byStage, defaultsOf, integer, integerOr, number, oneOf, option, optionTable, resolveOptions, type OptionValues
} from '../option-table/index.js'

// Defaults chosen on the validation windows, never on a test score (README "Recommendation
// quality"): the 90 days before each data set's test window, trained on what precedes them,
// Online Retail and Online Retail II, one rule fixed before any test score (the mean of
// HR@10 / (1.6 × most-popular's) and NDCG@10 / (1.05 × the former defaults')).
// - bench/similarity-search.ts compared cosine, cosine over BM25 weights, the BM25 dot product
//   and EASE (λ × topK × minSupport × dense size): EASE over the 1,000 most-bought products won.
// - bench/recency-search.ts then decayed the purchase matrix by recency (recency.ts): a half-life
//   of 45 days, λ 2,000 (on the binary scale), topK 20, minSupport 3, decay in EASE and in its
//   cosine tail. A plateau: half-lives 30–60 days × λ 1,000–2,000 scored alike, and minSupport
//   3, 5 or 10 within ±0.003 of each other.
// Quantity weights let wholesalers dominate; damping popular neighbours lowered the hit rate at
// every α tried (`npm run evaluate -- --variants`). The former defaults (cosine, binary, topK 20,
// minSupport 5, no decay) are `--similarity cosine --min-support 5 --half-life-days none`.
/** Which similarity learns the weights (build.ts dispatches on it). */
const SIMILARITY = oneOf(['cosine', 'bm25', 'ease'] as const satisfies ReadonlyArray<Similarity>)

/** How a customer's purchases of a product become one matrix cell (weights.ts). */
const WEIGHTING = oneOf(['binary', 'quantity', 'log-quantity'] as const satisfies ReadonlyArray<Neighbours['weighting']>)

export const NEIGHBOUR_OPTIONS = optionTable('Recommendations', {
  similarity: option({
    kind: SIMILARITY,
    flag: 'similarity',
    arg: 'S',
    help: 'cosine (over --weighting) | bm25 (cosine over BM25-weighted purchases) | ease (a learned table: Steck 2019)',
    default: 'ease'
  }),
  easeLambda: option({
    // the L2 penalty on the weights; larger = smoother, closer to co-occurrence counts
    kind: number({ min: 1, max: 1e7 }),
    flag: 'ease-lambda',
    arg: 'L',
    help: 'EASE: the penalty λ on XᵀX\'s diagonal (on the scale of undecayed purchases)',
    default: 2000
  }),
  halfLifeDays: option({
    // trainer/neighbours/recency.ts: chosen on the validation windows (45 days)
    kind: integerOr('none', { min: 1, max: 3650 }),
    flag: 'half-life-days',
    arg: 'D|none',
    help: "a purchase counts half as much D days before the data's last one (cosine, ease); none: all the same",
    default: 45
  }),
  easeProducts: option({
    // the dense solve costs n² × 16 bytes and ~n³ flops (trainer/neighbours/ease.ts measures why 2,000)
    kind: integer({ min: 1, max: MAX_DENSE_PRODUCTS }),
    flag: 'ease-products',
    help: `EASE: learn the table over the N most-bought products (≤ ${MAX_DENSE_PRODUCTS}); the others get cosine rows`,
    default: 1000
  }),
  topK: option({
    kind: integer({ min: 1 }),
    flag: 'top-k',
    help: 'neighbours kept per product',
    default: 20
  }),
  minSupport: option({
    kind: integer({ min: 1 }),
    flag: 'min-support',
    help: 'minimum customers two products share to be neighbours',
    default: 3
  }),
  weighting: option({
    kind: WEIGHTING,
    flag: 'weighting',
    arg: 'W',
    help: 'binary | quantity | log-quantity (cosine; bm25 takes binary or quantity; ease binary)',
    default: 'binary'
  }),
  popularityDamping: option({
    // score = cosine / customers_j^α. At most 1, as the command line always allowed: α = 1
    // already divides out all of a neighbour's popularity (the stage alone used to take any α ≥ 0)
    kind: number({ min: 0, max: 1 }),
    flag: 'popularity-damping',
    arg: 'A',
    help: "divide scores by (neighbour's customers)^A, A in 0..1",
    default: 0
  })
})

export type NeighbourOptions = OptionValues<typeof NEIGHBOUR_OPTIONS.rows>
export type Weighting = NeighbourOptions['weighting']

export const WEIGHTINGS = WEIGHTING.values

export const DEFAULT_NEIGHBOUR_OPTIONS: Readonly<NeighbourOptions> = Object.freeze(defaultsOf(NEIGHBOUR_OPTIONS.rows))

export const SIMILARITIES = SIMILARITY.values

/**
 * Options that are each valid but do not go together, as one line naming the flags; undefined
 * when they do. EASE learns from "bought or not" and its weights are not cosines to damp; BM25's
 * term frequency is a count or a flag, not a logarithm.
 */
export function neighbourOptionConflict (options: Pick<NeighbourOptions, 'similarity' | 'weighting' | 'popularityDamping'>): string | undefined {
  const { similarity, weighting, popularityDamping } = options
  if (similarity === 'ease' && weighting !== 'binary') return `--similarity ease learns from binary purchases: --weighting ${weighting} needs --similarity cosine or bm25`
  if (similarity === 'ease' && popularityDamping !== 0) return '--similarity ease does not take --popularity-damping (its weights are not cosines): use --similarity cosine or bm25'
  if (similarity === 'bm25' && weighting === 'log-quantity') return '--similarity bm25 saturates counts itself: --weighting must be binary or quantity'
  return undefined
}

/** Defaults applied, every value checked; throws ShopperError ERR_USAGE (`neighbours: topK must be …`). */
export function resolveNeighbourOptions (options: Partial<NeighbourOptions> = {}): NeighbourOptions {
  const resolved = resolveOptions(NEIGHBOUR_OPTIONS.rows, options, byStage('neighbours'))
  const conflict = neighbourOptionConflict(resolved)
  if (conflict !== undefined) throw new ShopperError('ERR_USAGE', conflict)
  return resolved
}
