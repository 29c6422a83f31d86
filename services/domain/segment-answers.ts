// The segment model as POST/GET /segments answer it: classification of one customer or a batch
// (through lib/segments/classify, the same code the trainer labels known customers with), and the
// list of segments.
import type { Segment, SegmentModel } from '../../lib/artifacts/index.js'
import { classifyValues } from '../../lib/segments/classify.js'
import type { CustomerRfm } from './segment-batch.js'

export interface BatchResult {
  id: string
  segment: number
  label: string
}

/** The segment a customer with these (already validated) RFM values belongs to. */
export function segmentOf (model: SegmentModel, rfm: { recency: number, frequency: number, monetary: number }): Segment {
  return model.segments[classifyValues(model, rfm.recency, rfm.frequency, rfm.monetary)]
}

/** Each customer's segment id and label, in input order. */
export function classifyBatch (model: SegmentModel, customers: readonly CustomerRfm[]): BatchResult[] {
  const results: BatchResult[] = new Array(customers.length)
  for (let i = 0; i < customers.length; i++) {
    const customer = customers[i]
    const segment = segmentOf(model, customer)
    results[i] = { id: customer.id, segment: segment.id, label: segment.label }
  }
  return results
}
