// Two steps every neighbour builder shares: which catalogue products enter the purchase matrix,
// and the top-K heaps drained into neighbours.json's compressed sparse rows.
import type { Neighbours } from '../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import type { TopKHeaps } from './top-k.js'

export type SparseRows = Pick<Neighbours, 'offsets' | 'neighbour' | 'score' | 'sharedCustomers'>

/**
 * The matrix column of each table product: its catalogue index when recommendable, else −1 (a
 * non-product code gets no neighbours, is nobody's neighbour and is no co-purchase evidence).
 */
export function recommendableColumns (aggregates: TransactionAggregates, built: BuiltCatalogue): { columnOf: Int32Array, recommendable: number } {
  const { products } = built.catalogue
  if (built.catalogueIndex.length !== aggregates.productCodes.length) {
    throw new RangeError(`catalogue maps ${built.catalogueIndex.length} products, the aggregates have ${aggregates.productCodes.length}`)
  }
  const columnOf = new Int32Array(built.catalogueIndex.length)
  let recommendable = 0
  for (let tableProduct = 0; tableProduct < columnOf.length; tableProduct++) {
    const index = built.catalogueIndex[tableProduct]
    columnOf[tableProduct] = products[index].recommendable ? index : -1
    if (products[index].recommendable) recommendable++
  }
  return { columnOf, recommendable }
}

/** Every list of `heaps`, best first, as compressed sparse rows (the heaps are left empty). */
export function heapsToSparseRows (heaps: TopKHeaps): SparseRows {
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
