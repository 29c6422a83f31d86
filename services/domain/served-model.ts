// One model version as the service serves it: the loaded, validated files plus every index the
// routes need, built once when the version loads (never per request).
//
// Built in two parts so a hot swap never blocks request handling:
// - buildServedIndexes: the customers' columns (money rounded) and id lookup, the recommender's rows, the
//   purchase rows, the audience orders and the product search index. Synchronous and pure: it
//   runs in the loader's worker thread (load-worker.ts) beside reading, checksums and validation;
//   its typed arrays' buffers are transferred to the main thread, not copied, and the rest (the
//   search index's names, words and exact-name Map) is cloned — a few ms where building the
//   search index took ~30 ms of the main thread at 3.6k products on a busy machine.
// - assembleServedModel: what must be made on the thread that serves: the shared, frozen product
//   references answers cite and the product lookup, one turn of the event loop each.
import type { CustomerTable, LoadedVersion, Manifest, Product, SegmentModel } from '../../lib/artifacts/index.js'
import { toCents } from '../../lib/money.js'
import { buildPurchaseRows, buildRecommendIndex, type PurchaseRows, type RecommendIndex } from '../../lib/recommend/index.js'
import { buildAudienceIndex, type AudienceIndex } from './audience.js'
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
  /** the known customers' columns (money in cents), sorted by id: a customer's position is its row everywhere */
  readonly customers: CustomerTable
  /** the customers by id (findCustomer) */
  readonly customerLookup: CustomerLookup
  /**
   * Each known customer's purchases, row = the customer's position; null for versions published
   * without the purchases file (GET /customers/{id}/recommendations answers 404 for them).
   */
  readonly purchases: CustomerPurchases | null
  /** each segment's customers sorted by every audience sort key (GET /segments/{segment}/customers) */
  readonly audience: AudienceIndex
}

export interface CustomerPurchases {
  readonly rows: PurchaseRows
}

/** A loaded version with its typed-array indexes: what the loader's worker sends to the main thread. */
export interface IndexedVersion {
  readonly loaded: LoadedVersion
  readonly customerLookup: CustomerLookup
  readonly recommender: RecommendIndex
  readonly purchases: PurchaseRows | null
  readonly audience: AudienceIndex
  readonly search: ProductSearchIndex
}

/** The typed-array indexes of a loaded version (rounds its money to cents in place: the files belong to this model). */
export function buildServedIndexes (loaded: LoadedVersion): IndexedVersion {
  roundMoney(loaded)
  return {
    loaded,
    customerLookup: buildCustomerLookup(loaded.customers.ids),
    recommender: buildRecommendIndex(loaded.neighbours, loaded.catalogue),
    purchases: loaded.purchases ? buildPurchaseRows(loaded.purchases) : null,
    // values (lifetime value, aligned with the customers): optional, older versions lack them
    audience: buildAudienceIndex(loaded.customers, loaded.segments.segments.length, loaded.values ?? null),
    search: buildProductSearchIndex(loaded.catalogue.products)
  }
}

/** One turn of the event loop: requests that arrived meanwhile are answered before the next step. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** The served model from an indexed version: the product references and lookup, one turn of the event loop each. */
export async function assembleServedModel ({ loaded, customerLookup, recommender, purchases, audience, search }: IndexedVersion): Promise<ServedModel> {
  const products = loaded.catalogue.products
  const productRefs = products.map(({ code, description }) => Object.freeze({ code, description }))
  await nextTurn()
  const productLookup = buildProductLookup(products)
  return {
    version: loaded.manifest.version,
    manifest: loaded.manifest,
    segmentModel: loaded.segments,
    products,
    productRefs,
    productLookup,
    recommender,
    search,
    customers: loaded.customers,
    customerLookup,
    purchases: purchases === null ? null : { rows: purchases },
    audience
  }
}

/** Both parts in this thread (tests, tools); the model store loads through the worker instead. */
export async function buildServedModel (loaded: LoadedVersion): Promise<ServedModel> {
  return assembleServedModel(buildServedIndexes(loaded))
}

/**
 * The API's money rule (lib/money.ts): every amount in cents, once, here, so no route can answer
 * the trainer's float sums (4309.999999999997). Classification reads the scaled centroids only,
 * never these.
 */
function roundMoney (loaded: LoadedVersion): void {
  const monetary = loaded.customers.monetary
  for (let i = 0; i < monetary.length; i++) monetary[i] = toCents(monetary[i])
  for (const segment of loaded.segments.segments) segment.centroid.monetary = toCents(segment.centroid.monetary)
}
