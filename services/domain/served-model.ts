// One model version as the service serves it: the loaded, validated files plus every index the
// routes need, built once when the version loads (never per request).
import type { LoadedVersion, Manifest, Product, SegmentModel } from '../../lib/artifacts/index.js'
import { buildRecommendIndex, type RecommendIndex } from '../../lib/recommend/index.js'
import { buildCustomerLookup, type CustomerLookup } from './customer-lookup.js'
import { buildProductLookup, type ProductLookup } from './product-lookup.js'
import { buildProductSearchIndex, type ProductSearchIndex } from './product-search.js'

/** A product as answers cite it; one shared object per product, so answers do not copy strings. */
export interface ProductRef {
  readonly code: string
  readonly description: string
}

export interface ServedModel {
  readonly version: string
  readonly manifest: Manifest
  readonly segmentModel: SegmentModel
  readonly products: readonly Product[]
  readonly productRefs: readonly ProductRef[]
  readonly productLookup: ProductLookup
  readonly recommender: RecommendIndex
  readonly search: ProductSearchIndex
  readonly customers: CustomerLookup
}

/** One turn of the event loop: requests that arrived meanwhile are answered before the next step. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Indexes a loaded version for serving. Built one index at a time with a turn of the event loop
 * between them: a hot swap happens while requests are being served, and each index takes a few
 * to tens of milliseconds on a real catalogue, so building them in one go held every request
 * that arrived meanwhile (the p99.9 of `npm run bench:swap`).
 */
export async function buildServedModel (loaded: LoadedVersion): Promise<ServedModel> {
  const products = loaded.catalogue.products
  const productRefs = products.map(({ code, description }) => Object.freeze({ code, description }))
  const productLookup = buildProductLookup(products)
  await nextTurn()
  const recommender = buildRecommendIndex(loaded.neighbours, loaded.catalogue)
  await nextTurn()
  const search = buildProductSearchIndex(products)
  await nextTurn()
  const customers = buildCustomerLookup(loaded.customers.customers)
  return {
    version: loaded.manifest.version,
    manifest: loaded.manifest,
    segmentModel: loaded.segments,
    products,
    productRefs,
    productLookup,
    recommender,
    search,
    customers
  }
}
