// Recency decay of the customer × product matrix: a purchase counts less the longer ago the
// customer last bought the product, w = 0.5^((reference − last) / halfLife), with reference = the
// latest purchase in the matrix (the training data's end). Co-purchase evidence from last
// season says less about the next weeks than last month's: retail catalogues are seasonal.
//
// Chosen on the validation windows (bench/recency-search.ts, README "Recommendation quality"):
// a half-life of 45 days in the middle of a plateau from 30 to 60 days; every half-life from 14
// to 180 days beat no decay on both data sets' validation windows. The reference date only
// scales every weight by one constant, which EASE's λ scaling (ease.ts) and cosine both cancel.
import { DAY_MS } from '../rfm.js'
import type { PurchaseMatrix } from './purchase-matrix.js'

/** A half-life in days, or 'none': every purchase counts the same (the original method). */
export type HalfLife = number | 'none'

/** The decay factor of each matrix cell, aligned with `matrix.product`; all 1 for 'none'. */
export function recencyWeights (matrix: PurchaseMatrix, halfLifeDays: HalfLife): Float64Array {
  const weights = new Float64Array(matrix.lastPurchase.length).fill(1)
  if (halfLifeDays === 'none') return weights
  let reference = -Infinity
  for (const last of matrix.lastPurchase) if (last > reference) reference = last
  const halfLifeMs = halfLifeDays * DAY_MS
  for (let k = 0; k < weights.length; k++) weights[k] = Math.pow(0.5, (reference - matrix.lastPurchase[k]) / halfLifeMs)
  return weights
}

/** `weights` × each cell's decay, in place; unchanged for 'none'. */
export function applyRecency (weights: Float64Array, matrix: PurchaseMatrix, halfLifeDays: HalfLife): Float64Array {
  if (halfLifeDays === 'none') return weights
  const decay = recencyWeights(matrix, halfLifeDays)
  for (let k = 0; k < weights.length; k++) weights[k] *= decay[k]
  return weights
}
