// Sparse cosine similarity between product columns, never a products × products matrix.
//
// For each product i, walk its customers; for each customer, walk the products j > i further along
// that customer's row (rows are sorted), accumulating w_ci · w_cj into a dense accumulator of size
// P that is reset through the list of touched columns. Visiting only j > i computes each pair once
// and hands it to both products' heaps: half the work of the one-sided walk, on one core.
// Cost: Σ over customers of d(d − 1)/2 for a customer with d distinct products, plus O(P) memory.
// No worker threads: on the real data the whole walk is ~0.25 s on one core, a worker costs
// ~40 ms to start before it has loaded this module, and a split would need both halves' heaps
// merged; the second core is better left to the stages that run alongside.
import type { PurchaseColumns, PurchaseMatrix } from './purchase-matrix.js'
import type { TopKHeaps } from './top-k.js'

export interface CosineInput {
  matrix: PurchaseMatrix
  columns: PurchaseColumns
  /** per matrix cell */
  weights: Float64Array
  /** per product column */
  norms: Float64Array
  /** per product column: the divisor customers_p^α of the damped score */
  damping: Float64Array
  minSupport: number
}

/** Offers every pair with at least `minSupport` shared customers to both products' heaps. */
export function offerCosinePairs (input: CosineInput, heaps: TopKHeaps): void {
  const { matrix, columns, weights, norms, damping, minSupport } = input
  const products = matrix.products
  const rowOffsets = matrix.rowOffsets
  const rowProduct = matrix.product
  const { colOffsets, customer, entry } = columns
  const dot = new Float64Array(products)
  const shared = new Int32Array(products)
  const touched = new Int32Array(products)
  const floor = heaps.floor

  for (let i = 0; i < products; i++) {
    let touchedCount = 0
    for (let t = colOffsets[i]; t < colOffsets[i + 1]; t++) {
      const k = entry[t]
      const weightI = weights[k]
      const rowEnd = rowOffsets[customer[t] + 1]
      for (let m = k + 1; m < rowEnd; m++) {
        const j = rowProduct[m]
        if (shared[j] === 0) touched[touchedCount++] = j
        shared[j]++
        dot[j] += weightI * weights[m]
      }
    }
    const normI = norms[i]
    for (let u = 0; u < touchedCount; u++) {
      const j = touched[u]
      const support = shared[j]
      if (support >= minSupport) {
        const cosine = dot[j] / (normI * norms[j])
        const scoreJ = cosine / damping[j]
        const scoreI = cosine / damping[i]
        if (scoreJ >= floor[i]) heaps.offer(i, j, scoreJ, support)
        if (scoreI >= floor[j]) heaps.offer(j, i, scoreI, support)
      }
      dot[j] = 0
      shared[j] = 0
    }
  }
}
