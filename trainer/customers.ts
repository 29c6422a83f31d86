// Pipeline step 6, known customers: each customer's RFM values and segment, for the service's
// customer lookup. The segment comes from `classifyRfm`'s path, as the service would compute it.
import type { Customers, KnownCustomer, SegmentModel } from '../lib/artifacts/schema.js'
import { classifyValues } from '../lib/segments/classify.js'
import type { RfmTable } from './rfm.js'

/**
 * Sorted by id in UTF-16 code-unit order (plain `<`, not localeCompare, whose order depends on
 * the ICU build) so the file is byte-identical between runs and machines.
 */
export function buildKnownCustomers (rfm: RfmTable, model: SegmentModel): Customers {
  const customers: KnownCustomer[] = rfm.customerIds.map((id, i) => ({
    id,
    recency: rfm.recency[i],
    frequency: rfm.frequency[i],
    // unrounded (tails like 4309.999999999997): the stored values classify to the stored segment
    monetary: rfm.monetary[i],
    segment: classifyValues(model, rfm.recency[i], rfm.frequency[i], rfm.monetary[i])
  }))
  customers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { customers }
}
