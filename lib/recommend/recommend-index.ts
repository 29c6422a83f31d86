// The neighbours and popularity of one model version as typed arrays, built once per version, plus
// scratch space the recommenders reuse so a request allocates nothing proportional to the catalogue.
import type { Catalogue } from '../artifacts/index.js'

/** The neighbours' compressed rows: the neighbours file's typed columns, or plain arrays (the trainer's, tests'). */
export interface NeighbourRows {
  readonly offsets: ArrayLike<number>
  readonly neighbour: ArrayLike<number>
  readonly score: ArrayLike<number>
  readonly sharedCustomers: ArrayLike<number>
}

// the loaded file's columns are used as they are (zero-copy views); plain arrays are copied once
const asUint32 = (values: ArrayLike<number>): Uint32Array => values instanceof Uint32Array ? values : Uint32Array.from(values)
const asFloat64 = (values: ArrayLike<number>): Float64Array => values instanceof Float64Array ? values : Float64Array.from(values)

/** Reusable per-index working memory. Entries are valid only where `*Stamp[p] === epoch`. */
export interface RecommendScratch {
  epoch: number
  readonly excludedStamp: Uint32Array
  readonly basketStamp: Uint32Array
  readonly candidateStamp: Uint32Array
  readonly candidateScore: Float64Array
  readonly candidateShared: Uint32Array
  readonly candidates: Uint32Array
}

export interface RecommendIndex {
  /** number of catalogue products */
  readonly products: number
  /** compressed sparse rows: neighbours of p are neighbour[offsets[p] .. offsets[p + 1]), best first */
  readonly offsets: Uint32Array
  readonly neighbour: Uint32Array
  readonly score: Float64Array
  readonly sharedCustomers: Uint32Array
  /** 1 where the product may be recommended (non-product codes never are) */
  readonly recommendable: Uint8Array
  /** recommendable products, most distinct customers first (the catalogue's popularity ranking) */
  readonly popularity: Uint32Array
  /** position of each product in `popularity`; `products` for products outside the ranking */
  readonly popularityRank: Uint32Array
  readonly scratch: RecommendScratch
}

export function buildRecommendIndex (neighbours: NeighbourRows, catalogue: Catalogue): RecommendIndex {
  const products = catalogue.products.length
  if (neighbours.offsets.length !== products + 1) {
    throw new RangeError(`neighbours have ${neighbours.offsets.length} offsets for ${products} products (expected products + 1)`)
  }
  const recommendable = new Uint8Array(products)
  catalogue.products.forEach((product, p) => { recommendable[p] = product.recommendable ? 1 : 0 })
  const popularity = Uint32Array.from(catalogue.popularity)
  const popularityRank = new Uint32Array(products).fill(products)
  popularity.forEach((product, rank) => { popularityRank[product] = rank })
  return {
    products,
    offsets: asUint32(neighbours.offsets),
    neighbour: asUint32(neighbours.neighbour),
    score: asFloat64(neighbours.score),
    sharedCustomers: asUint32(neighbours.sharedCustomers),
    recommendable,
    popularity,
    popularityRank,
    scratch: {
      epoch: 0,
      excludedStamp: new Uint32Array(products),
      basketStamp: new Uint32Array(products),
      candidateStamp: new Uint32Array(products),
      candidateScore: new Float64Array(products),
      candidateShared: new Uint32Array(products),
      candidates: new Uint32Array(products)
    }
  }
}

/**
 * A fresh epoch: every stamp array reads as empty without being cleared. The recommenders are
 * synchronous, so one scratch per index is never used by two calls at once.
 */
export function nextEpoch (scratch: RecommendScratch): number {
  if (scratch.epoch === 0xffffffff) {
    scratch.excludedStamp.fill(0)
    scratch.basketStamp.fill(0)
    scratch.candidateStamp.fill(0)
    scratch.epoch = 0
  }
  return ++scratch.epoch
}
