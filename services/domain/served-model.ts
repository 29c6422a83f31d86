// One model version as the service serves it: the loaded, validated files plus every index the
// routes need, built once when the version loads (never per request).
import type { KnownCustomer, LoadedVersion, Manifest, Product, SegmentModel } from '../../lib/artifacts/index.js'
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
  readonly customers: CustomerLookup
  /** each known customer's position in customers.json: the row of its purchases and value estimates */
  readonly customerPosition: ReadonlyMap<KnownCustomer, number>
  /**
   * Each known customer's purchases (purchases.json) and their row by customer; null for versions
   * published before the file existed (GET /customers/{id}/recommendations answers 404 for them).
   */
  readonly purchases: CustomerPurchases | null
  /** each segment's customers sorted by every audience sort key (GET /segments/{segment}/customers) */
  readonly audience: AudienceIndex
}

export interface CustomerPurchases {
  readonly rows: PurchaseRows
  /** the purchase row of each known customer: its position in customers.json */
  readonly rowOf: ReadonlyMap<KnownCustomer, number>
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
  roundMoney(loaded)
  const products = loaded.catalogue.products
  const productRefs = products.map(({ code, description }) => Object.freeze({ code, description }))
  const productLookup = buildProductLookup(products)
  await nextTurn()
  const recommender = buildRecommendIndex(loaded.neighbours, loaded.catalogue)
  await nextTurn()
  const search = buildProductSearchIndex(products)
  await nextTurn()
  const customers = buildCustomerLookup(loaded.customers.customers)
  const customerPosition = new Map(loaded.customers.customers.map((customer, row) => [customer, row]))
  let purchases: CustomerPurchases | null = null
  if (loaded.purchases) {
    await nextTurn()
    purchases = { rows: buildPurchaseRows(loaded.purchases), rowOf: customerPosition }
  }
  await nextTurn()
  // values.json (lifetime value, aligned with customers.json): optional, older versions lack it
  const audience = await buildAudienceIndex(loaded.customers.customers, loaded.segments.segments.length, loaded.values ?? null)
  return {
    version: loaded.manifest.version,
    manifest: loaded.manifest,
    segmentModel: loaded.segments,
    products,
    productRefs,
    productLookup,
    recommender,
    search,
    customers,
    customerPosition,
    purchases,
    audience
  }
}

/**
 * The API's money rule (lib/money.ts): every amount in cents, once, here, so no route can answer
 * the trainer's float sums (4309.999999999997). In place: the loaded files belong to this model,
 * and the customer objects stay the keys the purchase rows are found by. Classification reads the
 * scaled centroids only, never these.
 */
function roundMoney (loaded: LoadedVersion): void {
  for (const customer of loaded.customers.customers) customer.monetary = toCents(customer.monetary)
  for (const segment of loaded.segments.segments) segment.centroid.monetary = toCents(segment.centroid.monetary)
}
