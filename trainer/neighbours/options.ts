// The neighbour stage's options: how many neighbours, how much evidence, how purchases are
// weighted, how popular neighbours are damped. One row each (trainer/option-table): the stage's
// callers, the trainer's command line, --help and the manifest all take them from this table.
import type { Neighbours } from '../../lib/artifacts/index.js'
import {
  byStage, defaultsOf, integer, number, oneOf, option, optionTable, resolveOptions, type OptionValues
} from '../option-table/index.js'

// Defaults chosen by the offline evaluation (`npm run evaluate`, README "Recommendation quality";
// last 90 days of Online Retail held out, 1,860 customers): over weighting × minSupport 1/2/3/5 ×
// topK 10/20/50 × damping 0/0.1/0.25/0.5, binary, minSupport 5, topK 20, no damping had the best
// hit rate @10 (0.486, vs 0.477 with the former minSupport 2; 0.321 for most-popular). minSupport
// 5 also beat 2 on 60- and 120-day test periods. Why support helps: a pair seen in one or two
// customers' histories is a basket, not a co-purchase pattern, and between rare products it
// scores a near-perfect cosine that crowds out real evidence. The price: on the whole file 2,992
// of 3,659 recommendable products keep neighbours (3,472 with minSupport 2); the others get the
// popular fallback, which scored better than their weak neighbours when recommending from one
// long-tail product (hit rate @10 0.27 vs 0.18, same split). Quantity weights let wholesalers
// dominate (hit rate 0.21); damping popular neighbours lowers the hit rate at every α tried.
/** How a customer's purchases of a product become one matrix cell (weights.ts). */
const WEIGHTING = oneOf(['binary', 'quantity', 'log-quantity'] as const satisfies ReadonlyArray<Neighbours['weighting']>)

export const NEIGHBOUR_OPTIONS = optionTable('Recommendations', {
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
    default: 5
  }),
  weighting: option({
    kind: WEIGHTING,
    flag: 'weighting',
    arg: 'W',
    help: 'binary | quantity | log-quantity',
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

/** Defaults applied, every value checked; throws ShopperError ERR_USAGE (`neighbours: topK must be …`). */
export function resolveNeighbourOptions (options: Partial<NeighbourOptions> = {}): NeighbourOptions {
  return resolveOptions(NEIGHBOUR_OPTIONS.rows, options, byStage('neighbours'))
}
