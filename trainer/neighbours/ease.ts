// EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): a learned
// product × product weight table in closed form. With X the customer × product purchase matrix
// (binary), the weights minimise ‖X − XB‖² + λ‖B‖² subject to diag(B) = 0:
//   P = (XᵀX + λI)⁻¹,   B[i][j] = −P[i][j] / P[j][j] (i ≠ j),   B[j][j] = 0.
// A basket's score for product j is Σ_{i ∈ basket} B[i][j]: row i of B is product i's list of
// weighted neighbours, which is exactly what neighbours.json stores and recommendForBasket sums.
// Each product keeps its top-K weights that are positive (a negative weight says "less likely
// with i": it is no reason to recommend) and rest on at least minSupport shared customers.
//
// Cost: one dense symmetric inverse the size of the dense product set, n² doubles twice (the Gram
// matrix, then P) and ~n³ flops (dense-cholesky.ts). That is why EASE runs on the `maxDenseProducts`
// products bought by the most customers (on Online Retail the 1,000 most-bought of 3,659 carry 71 %
// of all customer × product purchases, 2,000 carry 93 %) and the long tail keeps the sparse cosine rows of
// build.ts (binary weights, same topK and minSupport), rescaled to EASE's scale (tailScale).
import type { Neighbours } from '../../lib/artifacts/index.js'
import { ShopperError } from '../../lib/errors.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { cosineRows } from './build.js'
import { invertSymmetricPositiveDefinite } from './dense-cholesky.js'
import { buildPurchaseMatrix, columnCounts, purchaseColumns, type PurchaseColumns, type PurchaseMatrix } from './purchase-matrix.js'
import { heapsToSparseRows, recommendableColumns, type SparseRows } from './sparse-rows.js'
import { recencyWeights, type HalfLife } from './recency.js'
import { TopKHeaps } from './top-k.js'

export interface EaseOptions {
  /** λ, the L2 penalty added to the diagonal of XᵀX; larger = smoother weights */
  lambda: number
  /** neighbours kept per product */
  topK: number
  /** minimum number of shared customers for a pair to count */
  minSupport: number
  /** EASE over at most this many products (the most-bought); the others get cosine rows */
  maxDenseProducts: number
  /** recency decay of X (recency.ts); absent or 'none': binary X */
  halfLifeDays?: HalfLife
}

/**
 * The largest dense block accepted. Measured on this machine (bench/similarity-search.ts, whole
 * file, CPU time of the neighbour stage): 1,000 products 1.1–1.7 s and 16 MB, 2,000 products
 * 3.4–4.2 s and 64 MB, 3,000 9–10 s and 144 MB, 4,000 16–23 s and 256 MB — from 3,000 on, the
 * stage alone takes as long as the whole original Python pipeline (12–18 s). Larger catalogues
 * still get EASE on their most-bought products and cosine rows for the rest.
 */
export const MAX_DENSE_PRODUCTS = 2000

// The validation pick WITHOUT recency decay, kept as the benchmarks' baseline (the trainer's
// defaults are the option table's, options.ts, which add the decay that won on validation).
// Chosen on the validation windows by bench/similarity-search.ts (the 90 days before each test
// window, trained on what precedes them; Online Retail and Online Retail II; the rule: highest mean
// of HR@10 / (1.6 × most-popular's) and NDCG@10 / (1.05 × today's cosine defaults')), over
// λ 100–4,000 × topK 10–100 × minSupport 1–30 at 2,000 dense products, then the dense size:
// λ 500 (λ 250 suited Online Retail II a little better, 1,000 Online Retail), topK 20, minSupport
// 10 (thin pairs add noise here as they do for cosine), and 1,000 dense products — within 1 % of
// the best size's score (1,500 and 2,000 were no better within noise; 3,000 and 4,000, i.e.
// nearly full EASE, were worse on Online Retail II) for a quarter of 2,000's CPU time.
export const EASE_WITHOUT_DECAY: Readonly<EaseOptions> = Object.freeze({
  lambda: 500,
  topK: 20,
  minSupport: 10,
  maxDenseProducts: 1000
})

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', `ease: ${message}`)
}

/** Defaults applied, every value checked; throws ShopperError ERR_USAGE on a bad value. */
export function resolveEaseOptions (options: Partial<EaseOptions> = {}): EaseOptions {
  const resolved: EaseOptions = { ...EASE_WITHOUT_DECAY, halfLifeDays: 'none' }
  for (const key of Object.keys(resolved) as Array<keyof EaseOptions>) {
    const value = options[key]
    if (value !== undefined) Object.assign(resolved, { [key]: value })
  }
  const { halfLifeDays } = resolved
  if (halfLifeDays !== 'none' && !(typeof halfLifeDays === 'number' && Number.isFinite(halfLifeDays) && halfLifeDays > 0)) {
    throw usage(`halfLifeDays must be a number > 0 or 'none', got ${String(halfLifeDays)}`)
  }
  if (typeof resolved.lambda !== 'number' || !Number.isFinite(resolved.lambda) || !(resolved.lambda > 0)) {
    throw usage(`lambda must be a finite number > 0, got ${String(resolved.lambda)}`)
  }
  if (!Number.isInteger(resolved.topK) || resolved.topK < 1) throw usage(`topK must be an integer ≥ 1, got ${String(resolved.topK)}`)
  if (!Number.isInteger(resolved.minSupport) || resolved.minSupport < 1) {
    throw usage(`minSupport must be an integer ≥ 1, got ${String(resolved.minSupport)}`)
  }
  if (!Number.isInteger(resolved.maxDenseProducts) || resolved.maxDenseProducts < 1 || resolved.maxDenseProducts > MAX_DENSE_PRODUCTS) {
    throw usage(`maxDenseProducts must be an integer from 1 to ${MAX_DENSE_PRODUCTS}, got ${String(resolved.maxDenseProducts)}`)
  }
  return resolved
}

export interface DenseProducts {
  /** dense index → catalogue index, ascending */
  readonly product: Int32Array
  /** catalogue index → dense index, or −1 */
  readonly denseOf: Int32Array
  /** purchase cells (customer × product) on dense products, and in the whole matrix */
  readonly cells: number
  readonly totalCells: number
}

/**
 * The `maxDense` products with the most customers (ties to the lower catalogue index), among
 * those with at least one; in catalogue order.
 */
export function selectDenseProducts (matrix: PurchaseMatrix, maxDense: number): DenseProducts {
  const customers = columnCounts(matrix)
  const bought: number[] = []
  for (let p = 0; p < customers.length; p++) if (customers[p] > 0) bought.push(p)
  bought.sort((a, b) => (customers[b] - customers[a]) || (a - b))
  const product = Int32Array.from(bought.slice(0, maxDense)).sort()
  const denseOf = new Int32Array(matrix.products).fill(-1)
  let cells = 0
  product.forEach((p, d) => {
    denseOf[p] = d
    cells += customers[p]
  })
  return { product, denseOf, cells, totalCells: matrix.product.length }
}

export interface EaseTimings {
  gramMs: number
  choleskyMs: number
  triangularInverseMs: number
  productMs: number
}

export interface EaseSolution {
  readonly dense: DenseProducts
  readonly n: number
  /** P = (XᵀX + λI)⁻¹ over the dense products, full symmetric n × n, row-major */
  readonly inverse: Float64Array
  /** at a · n + b for a < b: customers who bought both dense products a and b (the rest is scratch) */
  readonly shared: Float64Array
  readonly timings: EaseTimings
  /** the λ added to the diagonal: the option's, times the mean decay weight when X is decayed */
  readonly lambdaUsed: number
}

/**
 * XᵀX over the dense products (X binary: entry [a][b] = customers who bought both a and b, the
 * diagonal = customers of a), full and symmetric. Built row by row — row a from a's customers'
 * purchases — so every write lands in the row being built, never across the 8 n²-byte matrix.
 * Cost: Σ over customers of (dense products bought)².
 */
export function denseGram (matrix: PurchaseMatrix, columns: PurchaseColumns, dense: DenseProducts): Float64Array {
  return denseGrams(matrix, columns, dense).counts
}

/**
 * denseGram's binary counts and, with cell `weights`, the weighted Gram G[a][b] = Σ_c w_ca · w_cb
 * in the same walk (minSupport still counts customers; the solve uses the weights).
 */
export function denseGrams (matrix: PurchaseMatrix, columns: PurchaseColumns, dense: DenseProducts, weights?: Float64Array): { counts: Float64Array, weighted?: Float64Array } {
  const n = dense.product.length
  const counts = new Float64Array(n * n)
  const weighted = weights === undefined ? undefined : new Float64Array(n * n)
  const { rowOffsets, product } = matrix
  const { colOffsets, customer, entry } = columns
  const { denseOf } = dense
  for (let a = 0; a < n; a++) {
    const p = dense.product[a]
    const row = a * n
    for (let t = colOffsets[p]; t < colOffsets[p + 1]; t++) {
      const c = customer[t]
      const wa = weights === undefined ? 1 : weights[entry[t]]
      for (let m = rowOffsets[c]; m < rowOffsets[c + 1]; m++) {
        const b = denseOf[product[m]]
        if (b < 0) continue
        counts[row + b]++
        if (weighted !== undefined) weighted[row + b] += wa * (weights as Float64Array)[m]
      }
    }
  }
  return weighted === undefined ? { counts } : { counts, weighted }
}

/**
 * P = (XᵀX + λI)⁻¹ over the dense products. The inverse works in the Gram matrix's lower
 * triangle and never touches its strict upper one, which therefore still holds the
 * shared-customer counts afterwards: minSupport needs them and they cost no second n² array.
 */
export function solveEase (matrix: PurchaseMatrix, dense: DenseProducts, lambda: number, weights?: Float64Array): EaseSolution {
  if (!(lambda > 0)) throw new RangeError(`lambda must be > 0, got ${lambda}`)
  const n = dense.product.length
  let started = performance.now()
  const { counts: shared, weighted } = denseGrams(matrix, purchaseColumns(matrix), dense, weights)
  // the weighted case solves on its own array (the counts stay for minSupport). λ is given on
  // the binary scale: scaled by trace(G) / trace(counts), the mean weight of a purchase, so that
  // one λ means the same smoothing with and without decay (the validation grid was searched so)
  let lambdaUsed = lambda
  if (weighted !== undefined) {
    let traceWeighted = 0
    let traceCounts = 0
    for (let a = 0; a < n; a++) {
      traceWeighted += weighted[a * n + a]
      traceCounts += shared[a * n + a]
    }
    if (traceCounts > 0 && traceWeighted > 0) lambdaUsed = lambda * traceWeighted / traceCounts
  }
  const gram = weighted ?? shared
  for (let a = 0; a < n; a++) gram[a * n + a] += lambdaUsed
  const timings = { gramMs: performance.now() - started, choleskyMs: 0, triangularInverseMs: 0, productMs: 0 }
  started = performance.now()
  const inverse = invertSymmetricPositiveDefinite(gram, n, timings)
  return { dense, n, inverse, shared, timings, lambdaUsed }
}

/**
 * Offers every dense product's EASE weights B[a][b] = −P[a][b] / P[b][b] that are > 0 and rest
 * on ≥ minSupport shared customers to the heaps, lists and indices by catalogue index.
 */
export function offerEaseWeights (solution: EaseSolution, minSupport: number, heaps: TopKHeaps): void {
  const { n, inverse, shared, dense } = solution
  const reciprocal = new Float64Array(n)
  for (let b = 0; b < n; b++) reciprocal[b] = 1 / inverse[b * n + b]
  const floor = heaps.floor
  for (let a = 0; a < n; a++) {
    const list = dense.product[a]
    const row = a * n
    for (let b = 0; b < n; b++) {
      if (b === a) continue
      const weight = -inverse[row + b] * reciprocal[b]
      // the cheap tests first: most weights are ≤ 0 or below a full heap's floor
      if (!(weight > 0) || weight < floor[list]) continue
      const support = a < b ? shared[row + b] : shared[b * n + a]
      if (support >= minSupport) heaps.offer(list, dense.product[b], weight, support)
    }
  }
}

/** The dense products' top-K EASE rows over catalogue indices; every other row is empty. */
export function easeRows (solution: EaseSolution, products: number, topK: number, minSupport: number): SparseRows {
  const heaps = new TopKHeaps(products, Math.max(1, Math.min(topK, solution.n - 1)))
  offerEaseWeights(solution, minSupport, heaps)
  return heapsToSparseRows(heaps)
}

/** Share of dense products, the least-bought first, that calibrate the tail's scale. */
const BOUNDARY_SHARE = 0.1

/**
 * The factor that puts cosine scores on EASE's scale: the median, over the least-bought tenth of
 * the dense products that have both rows, of (best EASE weight / best cosine score). Those are
 * the products most like the tail. 1 when no dense product has both rows (then no EASE weight
 * exists to be comparable with).
 *
 * Why scale at all: EASE weights are small (λ = 500 on Online Retail: a best weight around 0.02
 * of the cosine's), and a basket sums its products' rows. Unscaled cosine rows for the tail
 * outweighed every EASE row they were summed with: validation HR@10 0.385 instead of 0.584
 * (maxDenseProducts 2,000, λ 500). Scaled by this factor (≈ 0.02 there): 0.584, the same as with
 * no tail rows at all and as exact EASE rows for each tail product (each joined to the dense set
 * alone via the Schur complement, which cost 4–6 s of CPU for nothing measurable).
 */
export function tailScale (ease: SparseRows, cosine: SparseRows, dense: DenseProducts, customers: ArrayLike<number>): number {
  const both = Array.from(dense.product).filter((p) => ease.offsets[p + 1] > ease.offsets[p] && cosine.offsets[p + 1] > cosine.offsets[p])
  if (both.length === 0) return 1
  both.sort((a, b) => (customers[a] - customers[b]) || (a - b))
  const ratios = both.slice(0, Math.max(1, Math.ceil(both.length * BOUNDARY_SHARE)))
    .map((p) => ease.score[ease.offsets[p]] / cosine.score[cosine.offsets[p]])
    .sort((a, b) => a - b)
  const middle = ratios.length >> 1
  return ratios.length % 2 === 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2
}

/** Row p from `ease` for dense products, else from `cosine` with its scores × `scale`. */
export function mergeRows (ease: SparseRows, cosine: SparseRows, dense: DenseProducts, scale: number): SparseRows {
  const merged: SparseRows = { offsets: [0], neighbour: [], score: [], sharedCustomers: [] }
  for (let p = 0; p + 1 < ease.offsets.length; p++) {
    const isDense = dense.denseOf[p] >= 0
    const from = isDense ? ease : cosine
    for (let u = from.offsets[p]; u < from.offsets[p + 1]; u++) {
      merged.neighbour.push(from.neighbour[u])
      merged.score.push(isDense ? from.score[u] : from.score[u] * scale)
      merged.sharedCustomers.push(from.sharedCustomers[u])
    }
    merged.offsets.push(merged.neighbour.length)
  }
  return merged
}

/** What the manifest can say about an EASE model beyond the neighbours file's own fields. */
export interface EaseSummary {
  similarity: 'ease'
  lambda: number
  /** λ as added to the diagonal (scaled by the mean decay weight when decayed) */
  lambdaUsed: number
  halfLifeDays: HalfLife
  maxDenseProducts: number
  /** products that got EASE rows */
  denseProducts: number
  /** share of the customer × product purchases (matrix cells) on those products */
  denseCellShare: number
  /** products with purchases outside the dense set: they got cosine rows */
  tailProducts: number
  /** the factor on the tail's cosine scores (tailScale); 1 without a tail */
  tailScale: number
  /** bytes of the dense n × n arrays: two, three with decay (the weighted Gram beside the counts) */
  denseBytes: number
  timings: EaseTimings & { rowsMs: number, tailMs: number }
}

export interface EaseModel {
  neighbours: Neighbours
  summary: EaseSummary
}

/**
 * The EASE neighbours of every recommendable product, from the same purchase matrix and
 * catalogue the cosine builder uses: EASE rows for the `maxDenseProducts` most-bought products,
 * cosine rows (binary, the same topK and minSupport, no damping; scores × tailScale) for the
 * others. Pure: the same table, catalogue and options give the same file. `weighting` is
 * 'binary' (X holds 1 for "bought") and `popularityDamping` 0; the summary is the manifest's.
 */
export function buildEaseNeighbours (aggregates: TransactionAggregates, built: BuiltCatalogue, options: Partial<EaseOptions> = {}): EaseModel {
  const resolved = resolveEaseOptions(options)
  const { topK, minSupport } = resolved
  const { products } = built.catalogue
  const { columnOf, recommendable } = recommendableColumns(aggregates, built)
  const matrix = buildPurchaseMatrix(aggregates, columnOf, products.length)
  const dense = selectDenseProducts(matrix, resolved.maxDenseProducts)
  const halfLifeDays = resolved.halfLifeDays ?? 'none'
  const solution = solveEase(matrix, dense, resolved.lambda, halfLifeDays === 'none' ? undefined : recencyWeights(matrix, halfLifeDays))

  let started = performance.now()
  let rows = easeRows(solution, products.length, topK, minSupport)
  const rowsMs = performance.now() - started

  started = performance.now()
  const customers = columnCounts(matrix)
  let tailProducts = 0
  for (let p = 0; p < customers.length; p++) if (customers[p] > 0 && dense.denseOf[p] < 0) tailProducts++
  let scale = 1
  if (tailProducts > 0) {
    // the tail from the matrix EASE solved on (rebuilding it from the table would give the same)
    const cosine = cosineRows(matrix, recommendable, { weighting: 'binary', topK, minSupport, popularityDamping: 0, halfLifeDays })
    scale = tailScale(rows, cosine, dense, customers)
    rows = mergeRows(rows, cosine, dense, scale)
  }
  const tailMs = performance.now() - started

  const n = solution.n
  return {
    neighbours: { similarity: 'ease', weighting: 'binary', topK, minSupport, popularityDamping: 0, ...rows },
    summary: {
      similarity: 'ease',
      lambda: resolved.lambda,
      lambdaUsed: solution.lambdaUsed,
      halfLifeDays,
      maxDenseProducts: resolved.maxDenseProducts,
      denseProducts: n,
      denseCellShare: dense.totalCells > 0 ? dense.cells / dense.totalCells : 0,
      tailProducts,
      tailScale: scale,
      denseBytes: (halfLifeDays === 'none' ? 2 : 3) * n * n * Float64Array.BYTES_PER_ELEMENT,
      timings: { ...solution.timings, rowsMs, tailMs }
    }
  }
}
