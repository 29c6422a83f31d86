// One model version as the service serves it: the loaded, validated files plus every index the
// routes need, built once when the version loads (never per request).
import type { KnownCustomer, LoadedVersion, Manifest, Product, SegmentModel } from '../../lib/artifacts/index.js'
import { buildRecommendIndex, type RecommendIndex } from '../../lib/recommend/index.js'
import { buildCustomerLookup, findCustomer, type CustomerLookup } from './customer-lookup.js'
import { buildProductLookup, findProduct, type ProductLookup } from './product-lookup.js'
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

export function buildServedModel (loaded: LoadedVersion): ServedModel {
  const products = loaded.catalogue.products
  return {
    version: loaded.manifest.version,
    manifest: loaded.manifest,
    segmentModel: loaded.segments,
    products,
    productRefs: products.map(({ code, description }) => Object.freeze({ code, description })),
    productLookup: buildProductLookup(products),
    recommender: buildRecommendIndex(loaded.neighbours, loaded.catalogue),
    search: buildProductSearchIndex(products),
    customers: buildCustomerLookup(loaded.customers.customers)
  }
}

/** Catalogue index of a stock code (trimmed, case-insensitive), or undefined. */
export function productIndexOf (model: ServedModel, code: string): number | undefined {
  return findProduct(model.productLookup, code)
}

export function customerOf (model: ServedModel, id: string): KnownCustomer | undefined {
  return findCustomer(model.customers, id)
}
