// Small hand-made catalogues and neighbour lists for the recommender tests.
import type { Catalogue, Neighbours, Product } from '../../../lib/artifacts/index.js'
import { seededRandom } from '../../../lib/seeded-random.js'

export function product (code: string, customers: number, recommendable = true): Product {
  return { code, description: `${code} DESCRIPTION`, customers, quantity: customers * 3, recommendable }
}

/** Builds a catalogue whose popularity ranks recommendable products by customers, then index. */
export function catalogueOf (products: Product[]): Catalogue {
  const popularity = products.map((_, i) => i).filter((i) => products[i].recommendable)
    .sort((a, b) => (products[b].customers - products[a].customers) || (a - b))
  return { products, popularity }
}

export type Row = Array<[neighbour: number, score: number, shared: number]>

export function neighboursOf (rows: Row[]): Neighbours {
  const offsets = [0]
  const neighbour: number[] = []
  const score: number[] = []
  const sharedCustomers: number[] = []
  for (const row of rows) {
    for (const [n, s, c] of row) { neighbour.push(n); score.push(s); sharedCustomers.push(c) }
    offsets.push(neighbour.length)
  }
  return { weighting: 'binary', topK: 20, minSupport: 2, popularityDamping: 0, offsets, neighbour, score, sharedCustomers }
}

//  index: 0  1  2  3  4     5  6
//  code:  A  B  C  D  POST  E  F
export const SMALL_CATALOGUE = catalogueOf([
  product('A', 50), product('B', 40), product('C', 30), product('D', 20),
  product('POST', 100, false), product('E', 10), product('F', 5)
])
export const SMALL_NEIGHBOURS = neighboursOf([
  [[4, 0.9, 3], [1, 0.8, 10], [2, 0.5, 5]], // A: POST is not recommendable and must be skipped
  [[0, 0.8, 10], [3, 0.6, 6]], //               B
  [[0, 0.5, 5], [3, 0.4, 4]], //                C
  [[1, 0.6, 6], [2, 0.4, 4]], //                D
  [], //                                        POST
  [], //                                        E: no co-purchase data
  [[0, 0.3, 2]] //                              F
])

/** A random catalogue of `size` products (about 10% not recommendable) with up to `topK` neighbours each. */
export function randomModel (size: number, topK: number, seed: number): { catalogue: Catalogue, neighbours: Neighbours } {
  const random = seededRandom(seed)
  const products = Array.from({ length: size }, (_, i) => product(`P${i}`, Math.floor(random() * 20), random() > 0.1))
  const rows: Row[] = products.map((_, p) => {
    if (!products[p].recommendable) return []
    const row: Row = []
    const used = new Set([p])
    const count = Math.floor(random() * (topK + 1))
    for (let k = 0; k < count; k++) {
      const n = Math.floor(random() * size)
      if (used.has(n) || !products[n].recommendable) continue
      used.add(n)
      // scores on a coarse grid so sums tie and the tie-breaking rules get exercised
      row.push([n, Math.ceil(random() * 8) / 8, 2 + Math.floor(random() * 5)])
    }
    return row.sort((x, y) => y[1] - x[1])
  })
  return { catalogue: catalogueOf(products), neighbours: neighboursOf(rows) }
}

export { seededRandom }
