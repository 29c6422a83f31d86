// Options of the product-neighbour model, merged over documented defaults and validated once here.
import type { Neighbours } from '../../lib/artifacts/index.js'
import { ShopperError } from '../../lib/errors.js'

export type Weighting = Neighbours['weighting']

export const WEIGHTINGS: readonly Weighting[] = ['binary', 'quantity', 'log-quantity']

export interface NeighbourOptions {
  /** how a customer's purchases of a product become one matrix cell */
  weighting: Weighting
  /** neighbours kept per product */
  topK: number
  /** minimum number of shared customers for a pair to count */
  minSupport: number
  /** exponent α of score = cosine / customers_j^α; 0 = plain cosine */
  popularityDamping: number
}

// minSupport 2: a pair seen in a single customer's history is one person's basket, not a
// co-purchase pattern. Between two rare products bought only by that customer it scores a perfect
// cosine of 1 and would crowd out real evidence. 2 is the smallest value that needs a second,
// independent customer, and it still leaves long-tail products with neighbours (see the README's
// numbers); the offline evaluation (issue 5) tunes it.
export const DEFAULT_NEIGHBOUR_OPTIONS: Readonly<NeighbourOptions> = Object.freeze({
  weighting: 'binary',
  topK: 20,
  minSupport: 2,
  popularityDamping: 0
})

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', `neighbours: ${message}`)
}

/** Defaults applied, every value checked; throws ShopperError ERR_USAGE on a bad value. */
export function resolveNeighbourOptions (options: Partial<NeighbourOptions> = {}): NeighbourOptions {
  const resolved: NeighbourOptions = { ...DEFAULT_NEIGHBOUR_OPTIONS }
  for (const key of Object.keys(DEFAULT_NEIGHBOUR_OPTIONS) as Array<keyof NeighbourOptions>) {
    const value = options[key]
    if (value !== undefined) (resolved as unknown as Record<string, unknown>)[key] = value
  }
  if (!WEIGHTINGS.includes(resolved.weighting)) {
    throw usage(`weighting must be one of ${WEIGHTINGS.join(', ')}, got ${String(resolved.weighting)}`)
  }
  if (!Number.isInteger(resolved.topK) || resolved.topK < 1) {
    throw usage(`topK must be an integer ≥ 1, got ${String(resolved.topK)}`)
  }
  if (!Number.isInteger(resolved.minSupport) || resolved.minSupport < 1) {
    throw usage(`minSupport must be an integer ≥ 1, got ${String(resolved.minSupport)}`)
  }
  if (typeof resolved.popularityDamping !== 'number' || !Number.isFinite(resolved.popularityDamping) || resolved.popularityDamping < 0) {
    throw usage(`popularityDamping must be a finite number ≥ 0, got ${String(resolved.popularityDamping)}`)
  }
  return resolved
}
