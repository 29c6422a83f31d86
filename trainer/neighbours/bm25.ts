// BM25 weighting of the customer × product matrix before the item-item similarity: Okapi BM25
// (Robertson & Zaragoza 2009) with the products as documents and the customers as their terms,
// the way the `implicit` library's BM25Recommender weights item-item collaborative filtering.
//
//   w[c][p] = idf(c) · tf · (k1 + 1) / (tf + k1 · (1 − b + b · len(p) / avgLen))
//   idf(c)  = ln(1 + (N − n(c) + 0.5) / (n(c) + 0.5))        (Lucene's form: always > 0)
//
// N = products with at least one purchase, n(c) = distinct products customer c bought, len(p) =
// Σ_c tf over p's customers (its customers, for binary tf), avgLen its mean over those products.
// - idf down-weights customers who buy everything: a wholesaler with 1,000 products co-buys
//   every pair of them, which says little about any one pair.
// - the length norm down-weights blockbusters, but only where the similarity keeps it: cosine
//   divides each product column by its own norm, so a per-product factor cancels and cosine over
//   BM25 weights is cosine over idf-weighted customers (plus tf saturation for quantity tf). The
//   unnormalised dot product (`normalise: 'none'`, implicit's BM25Recommender) keeps it, and b
//   sets how hard popular neighbours are pushed down.
import type { Neighbours } from '../../lib/artifacts/index.js'
import { ShopperError } from '../../lib/errors.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { offerCosinePairs } from './cosine.js'
import { buildPurchaseMatrix, columnCounts, purchaseColumns, type PurchaseMatrix } from './purchase-matrix.js'
import { applyRecency, type HalfLife } from './recency.js'
import { heapsToSparseRows, recommendableColumns } from './sparse-rows.js'
import { TopKHeaps } from './top-k.js'
import { columnNorms } from './weights.js'

export interface Bm25Options {
  /** term-frequency saturation: tf counts up to about k1 times as much as tf = 1 */
  k1: number
  /** length normalisation, 0 (none) … 1 (full) */
  b: number
  /** what a customer's purchases of a product count as before saturation */
  tf: 'binary' | 'quantity'
}

/** Lucene's and Elasticsearch's defaults. */
export const DEFAULT_BM25_OPTIONS: Readonly<Bm25Options> = Object.freeze({ k1: 1.2, b: 0.75, tf: 'binary' })

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', `bm25: ${message}`)
}

function resolveBm25Options (options: Partial<Bm25Options>): Bm25Options {
  const resolved: Bm25Options = { ...DEFAULT_BM25_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) }
  if (typeof resolved.k1 !== 'number' || !Number.isFinite(resolved.k1) || resolved.k1 < 0) throw usage(`k1 must be a finite number ≥ 0, got ${String(resolved.k1)}`)
  if (typeof resolved.b !== 'number' || !(resolved.b >= 0 && resolved.b <= 1)) throw usage(`b must be a number from 0 to 1, got ${String(resolved.b)}`)
  if (resolved.tf !== 'binary' && resolved.tf !== 'quantity') throw usage(`tf must be binary or quantity, got ${String(resolved.tf)}`)
  return resolved
}

/** idf of each customer (matrix row): ln(1 + (N − n + 0.5) / (n + 0.5)); 0 for a customer with no purchase. */
export function customerIdf (matrix: PurchaseMatrix): Float64Array {
  const customers = columnCounts(matrix)
  let documents = 0
  for (let p = 0; p < customers.length; p++) if (customers[p] > 0) documents++
  const idf = new Float64Array(matrix.customers)
  for (let c = 0; c < matrix.customers; c++) {
    const terms = matrix.rowOffsets[c + 1] - matrix.rowOffsets[c]
    if (terms > 0) idf[c] = Math.log(1 + (documents - terms + 0.5) / (terms + 0.5))
  }
  return idf
}

/** One BM25 weight per matrix cell, aligned with `matrix.product` (every weight > 0). */
export function bm25Weights (matrix: PurchaseMatrix, given: Partial<Bm25Options> = {}): Float64Array {
  const { k1, b, tf } = resolveBm25Options(given)
  const cells = matrix.product.length
  const frequency = tf === 'binary' ? new Float64Array(cells).fill(1) : Float64Array.from(matrix.quantity)
  const length = new Float64Array(matrix.products)
  for (let k = 0; k < cells; k++) length[matrix.product[k]] += frequency[k]
  let total = 0
  let documents = 0
  for (let p = 0; p < length.length; p++) {
    if (length[p] > 0) {
      total += length[p]
      documents++
    }
  }
  const averageLength = documents > 0 ? total / documents : 1
  const idf = customerIdf(matrix)
  const weights = new Float64Array(cells)
  for (let c = 0; c < matrix.customers; c++) {
    for (let k = matrix.rowOffsets[c]; k < matrix.rowOffsets[c + 1]; k++) {
      const f = frequency[k]
      const norm = 1 - b + b * length[matrix.product[k]] / averageLength
      weights[k] = idf[c] * f * (k1 + 1) / (f + k1 * norm)
    }
  }
  return weights
}

export interface Bm25NeighbourOptions extends Bm25Options {
  /** 'cosine': cosine over the BM25 weights; 'none': their plain dot product */
  normalise: 'cosine' | 'none'
  topK: number
  minSupport: number
  /** exponent α of score = similarity / customers_j^α, as for the cosine builder */
  popularityDamping: number
  /** recency decay of the term frequencies (recency.ts) */
  halfLifeDays?: HalfLife
}

export const DEFAULT_BM25_NEIGHBOUR_OPTIONS: Readonly<Bm25NeighbourOptions> = Object.freeze({
  ...DEFAULT_BM25_OPTIONS,
  normalise: 'cosine',
  topK: 20,
  minSupport: 5,
  popularityDamping: 0
})

/** What the manifest can say about the weighting beyond the neighbours file's own fields. */
export interface Bm25Summary {
  weighting: 'bm25'
  k1: number
  b: number
  tf: Bm25Options['tf']
  normalise: Bm25NeighbourOptions['normalise']
}

export interface Bm25Model {
  neighbours: Neighbours
  summary: Bm25Summary
}

/**
 * Neighbours by cosine (or dot product) over BM25-weighted purchases, through the same sparse
 * pair walk and top-K heaps as build.ts. The file's `weighting` is what X holds before the
 * transform (the term frequency: binary or quantity); the summary has BM25's parameters.
 */
export function buildBm25Neighbours (aggregates: TransactionAggregates, built: BuiltCatalogue, given: Partial<Bm25NeighbourOptions> = {}): Bm25Model {
  const options: Bm25NeighbourOptions = { ...DEFAULT_BM25_NEIGHBOUR_OPTIONS, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) }
  const { k1, b, tf } = resolveBm25Options(options)
  if (options.normalise !== 'cosine' && options.normalise !== 'none') throw usage(`normalise must be cosine or none, got ${String(options.normalise)}`)
  if (!Number.isInteger(options.topK) || options.topK < 1) throw usage(`topK must be an integer ≥ 1, got ${String(options.topK)}`)
  if (!Number.isInteger(options.minSupport) || options.minSupport < 1) throw usage(`minSupport must be an integer ≥ 1, got ${String(options.minSupport)}`)
  if (!(options.popularityDamping >= 0) || !Number.isFinite(options.popularityDamping)) {
    throw usage(`popularityDamping must be a finite number ≥ 0, got ${String(options.popularityDamping)}`)
  }

  const { products } = built.catalogue
  const { columnOf, recommendable } = recommendableColumns(aggregates, built)
  const matrix = buildPurchaseMatrix(aggregates, columnOf, products.length)
  // decay after BM25: a purchase's weight as BM25 sees it, times how recent it is
  const weights = applyRecency(bm25Weights(matrix, { k1, b, tf }), matrix, options.halfLifeDays ?? 'none')
  const customers = columnCounts(matrix)
  const damping = new Float64Array(products.length)
  for (let p = 0; p < damping.length; p++) damping[p] = Math.pow(customers[p], options.popularityDamping)
  const norms = options.normalise === 'cosine' ? columnNorms(matrix, weights) : new Float64Array(products.length).fill(1)

  const heaps = new TopKHeaps(products.length, Math.max(1, Math.min(options.topK, recommendable - 1)))
  offerCosinePairs({ matrix, columns: purchaseColumns(matrix), weights, norms, damping, minSupport: options.minSupport }, heaps)
  return {
    neighbours: {
      similarity: 'bm25',
      weighting: tf,
      topK: options.topK,
      minSupport: options.minSupport,
      popularityDamping: options.popularityDamping,
      ...heapsToSparseRows(heaps)
    },
    summary: { weighting: 'bm25', k1, b, tf, normalise: options.normalise }
  }
}
