// Pipeline step 6, known customers: each customer's RFM values and segment, for the service's
// customer lookup (the segment comes from `classifyRfm`'s path, as the service would compute it),
// and each one's distinct purchased products, for "recommended for you".
import type { Customers, KnownCustomer, Purchases, SegmentModel } from '../lib/artifacts/schema.js'
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
 * purchases.json: row i lists the catalogue indices customer i of `customers` bought, ascending,
 * non-product codes included. The rows are the purchase matrix's, built exactly as the evaluation
 * builds a customer's history (trainer/evaluate/cases.ts: buildPurchaseMatrix over the catalogue's
 * indices), so the personal-recommendation route serves what the evaluation scores.
 */
export function buildCustomerPurchases (aggregates: TransactionAggregates, built: BuiltCatalogue, customers: Customers): Purchases {
  const matrix = buildPurchaseMatrix(aggregates, built.catalogueIndex, built.catalogue.products.length)
  const row = new Map(aggregates.customerIds.map((id, c) => [id, c]))
  const offsets: number[] = [0]
  const products: number[] = []
  for (const { id } of customers.customers) {
    const c = row.get(id)
    if (c === undefined) throw new Error(`customer ${id} is not in the aggregates`)
    for (let k = matrix.rowOffsets[c]; k < matrix.rowOffsets[c + 1]; k++) products.push(matrix.product[k])
    offsets.push(products.length)
  }
  return { offsets, products }
}
