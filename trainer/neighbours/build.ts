// Pipeline step 4: item-based collaborative filtering. The top K most similar products of every
// recommendable product, by cosine over the customer × product matrix, as neighbours.json holds it.
import type { Neighbours } from '../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionTable } from '../transactions.js'
import { offerCosinePairs } from './cosine.js'
import { resolveNeighbourOptions, type NeighbourOptions } from './options.js'
import { buildPurchaseMatrix, columnCounts, purchaseColumns } from './purchase-matrix.js'
import { TopKHeaps } from './top-k.js'
import { cellWeights, columnNorms } from './weights.js'

/**
 * Neighbours over catalogue indices. Non-recommendable products are left out of the matrix
 * entirely: they get no neighbours, are nobody's neighbour and are no co-purchase evidence.
 */
export function buildNeighbours (table: TransactionTable, built: BuiltCatalogue, options: Partial<NeighbourOptions> = {}): Neighbours {
  const resolved = resolveNeighbourOptions(options)
  const { products } = built.catalogue
  if (built.catalogueIndex.length !== table.productCodes.length) {
    throw new RangeError(`catalogue maps ${built.catalogueIndex.length} products, the table has ${table.productCodes.length}`)
  }

  const columnOf = new Int32Array(built.catalogueIndex.length)
  let recommendable = 0
  for (let tableProduct = 0; tableProduct < columnOf.length; tableProduct++) {
    const index = built.catalogueIndex[tableProduct]
    columnOf[tableProduct] = products[index].recommendable ? index : -1
    if (products[index].recommendable) recommendable++
  }

  const matrix = buildPurchaseMatrix(table, columnOf, products.length)
  const weights = cellWeights(matrix, resolved.weighting)
  const customers = columnCounts(matrix)
  const damping = new Float64Array(products.length)
  for (let p = 0; p < damping.length; p++) damping[p] = Math.pow(customers[p], resolved.popularityDamping)

  // A product can have at most recommendable − 1 neighbours: no need to reserve more slots.
  const heaps = new TopKHeaps(products.length, Math.max(1, Math.min(resolved.topK, recommendable - 1)))
  offerCosinePairs({
    matrix,
    columns: purchaseColumns(matrix),
    weights,
    norms: columnNorms(matrix, weights),
    damping,
    minSupport: resolved.minSupport
  }, heaps)

  // the file's own fields, in the contract's order (the bytes, and so the version's hash, stay
  // the same however the option table is ordered or grows)
  const { weighting, topK, minSupport, popularityDamping } = resolved
  return { weighting, topK, minSupport, popularityDamping, ...toSparseRows(heaps) }
}

function toSparseRows (heaps: TopKHeaps): Pick<Neighbours, 'offsets' | 'neighbour' | 'score' | 'sharedCustomers'> {
  const offsets: number[] = [0]
  const neighbour: number[] = []
  const score: number[] = []
  const sharedCustomers: number[] = []
  const row = {
    index: new Int32Array(heaps.capacity),
    score: new Float64Array(heaps.capacity),
    support: new Int32Array(heaps.capacity)
  }
  for (let p = 0; p < heaps.lists; p++) {
    const count = heaps.drain(p, row)
    for (let u = 0; u < count; u++) {
      neighbour.push(row.index[u])
      score.push(row.score[u])
      sharedCustomers.push(row.support[u])
    }
    offsets.push(neighbour.length)
  }
  return { offsets, neighbour, score, sharedCustomers }
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
