// Cosine over the customer × product matrix: the top K most similar products of every
// recommendable product, as neighbours.json holds it. `--similarity cosine`, and the long tail
// that EASE leaves out of its dense solve (ease.ts). model.ts chooses between the similarities.
import type { Neighbours } from '../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { offerCosinePairs } from './cosine.js'
import type { NeighbourOptions } from './options.js'
import { buildPurchaseMatrix, columnCounts, purchaseColumns, type PurchaseMatrix } from './purchase-matrix.js'
import { applyRecency } from './recency.js'
import { heapsToSparseRows, recommendableColumns, type SparseRows } from './sparse-rows.js'
import { TopKHeaps } from './top-k.js'
import { cellWeights, columnNorms } from './weights.js'

export type CosineOptions = Pick<NeighbourOptions, 'weighting' | 'topK' | 'minSupport' | 'popularityDamping'> & Partial<Pick<NeighbourOptions, 'halfLifeDays'>>

/**
 * Neighbours over catalogue indices. Non-recommendable products are left out of the matrix
 * entirely: they get no neighbours, are nobody's neighbour and are no co-purchase evidence.
 * The options arrive checked (model.ts resolves them through the option table).
 */
export function buildCosineNeighbours (aggregates: TransactionAggregates, built: BuiltCatalogue, options: CosineOptions): Neighbours {
  const { columnOf, recommendable } = recommendableColumns(aggregates, built)
  const matrix = buildPurchaseMatrix(aggregates, columnOf, built.catalogue.products.length)
  // the file's own fields, in the contract's order (the bytes, and so the version's hash, stay
  // the same however the option table is ordered or grows)
  const { weighting, topK, minSupport, popularityDamping } = options
  return { similarity: 'cosine', weighting, topK, minSupport, popularityDamping, ...cosineRows(matrix, recommendable, options) }
}

/**
 * The cosine rows of an already built purchase matrix (`recommendable` = its non-empty columns at
 * most): what buildCosineNeighbours writes, and EASE's tail from the matrix it solved on.
 */
export function cosineRows (matrix: PurchaseMatrix, recommendable: number, options: CosineOptions): SparseRows {
  const weights = applyRecency(cellWeights(matrix, options.weighting), matrix, options.halfLifeDays ?? 'none')
  const customers = columnCounts(matrix)
  const damping = new Float64Array(matrix.products)
  for (let p = 0; p < damping.length; p++) damping[p] = Math.pow(customers[p], options.popularityDamping)

  // A product can have at most recommendable − 1 neighbours: no need to reserve more slots.
  const heaps = new TopKHeaps(matrix.products, Math.max(1, Math.min(options.topK, recommendable - 1)))
  offerCosinePairs({
    matrix,
    columns: purchaseColumns(matrix),
    weights,
    norms: columnNorms(matrix, weights),
    damping,
    minSupport: options.minSupport
  }, heaps)
  return heapsToSparseRows(heaps)
}

export interface NeighbourSummary {
  /** products with at least one neighbour */
  productsWithNeighbours: number
  /** (product, neighbour) entries stored; each similar pair usually counts twice, once per side */
  neighbourPairs: number
}

/** The numbers the manifest's `recommendations` section reports. */
export function summariseNeighbours (neighbours: Neighbours): NeighbourSummary {
  let productsWithNeighbours = 0
  for (let p = 0; p + 1 < neighbours.offsets.length; p++) {
    if (neighbours.offsets[p + 1] > neighbours.offsets[p]) productsWithNeighbours++
  }
  return { productsWithNeighbours, neighbourPairs: neighbours.neighbour.length }
}
