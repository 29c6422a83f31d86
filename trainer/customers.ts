// Pipeline step 6, known customers: each customer's RFM values and segment, for the service's
// customer lookup (the segment comes from `classifyRfm`'s path, as the service would compute it),
// and each one's distinct purchased products, for "recommended for you".
import type { PurchaseLists } from '../lib/artifacts/index.js'
import type { Customers, KnownCustomer, SegmentModel } from '../lib/artifacts/schema.js'
import { classifyValues } from '../lib/segments/classify.js'
import type { BuiltCatalogue } from './catalogue.js'
import { buildPurchaseMatrix } from './neighbours/purchase-matrix.js'
import type { RfmTable } from './rfm.js'
import type { TransactionAggregates } from './aggregates/contract.js'

/**
 * Sorted by id in UTF-16 code-unit order (plain `<`, not localeCompare, whose order depends on
 * the ICU build) so the file is byte-identical between runs and machines.
 */
export function buildKnownCustomers (rfm: RfmTable, model: SegmentModel): Customers {
  const customers: KnownCustomer[] = rfm.customerIds.map((id, i) => ({
    id,
    recency: rfm.recency[i],
    frequency: rfm.frequency[i],
    // unrounded: the stored values classify to the stored segment
    monetary: rfm.monetary[i],
    segment: classifyValues(model, rfm.recency[i], rfm.frequency[i], rfm.monetary[i])
  }))
  customers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { customers }
}

/**
 * purchases.bin: row i lists the catalogue indices customer i of `customers` bought, ascending,
 * non-product codes included. The rows are the purchase matrix's, built exactly as the evaluation
 * builds a customer's history (trainer/evaluate/cases.ts: buildPurchaseMatrix over the catalogue's
 * indices), so the personal-recommendation route serves what the evaluation scores. Typed arrays,
 * sized up front: a JS array of numbers aborts the process (V8 "invalid size", not an exception)
 * once it grows past ~112M elements, and 10M customers buy ~93M products.
 */
export function buildCustomerPurchases (aggregates: TransactionAggregates, built: BuiltCatalogue, customers: Customers): PurchaseLists {
  const matrix = buildPurchaseMatrix(aggregates, built.catalogueIndex, built.catalogue.products.length)
  const row = new Map(aggregates.customerIds.map((id, c) => [id, c]))
  const offsets = new Uint32Array(customers.customers.length + 1)
  const products = new Uint32Array(matrix.rowOffsets[aggregates.customerIds.length])
  let length = 0
  customers.customers.forEach(({ id }, i) => {
    const c = row.get(id)
    if (c === undefined) throw new Error(`customer ${id} is not in the aggregates`)
    // sized for each customer once: a repeated customer would write past the end, silently
    if (length + matrix.rowOffsets[c + 1] - matrix.rowOffsets[c] > products.length) throw new RangeError(`customer ${id} appears twice among the known customers`)
    for (let k = matrix.rowOffsets[c]; k < matrix.rowOffsets[c + 1]; k++) products[length++] = matrix.product[k]
    offsets[i + 1] = length
  })
  return { offsets, products: products.subarray(0, length) }
}
