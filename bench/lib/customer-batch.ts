// The POST /segments batch of bench:overload: real customers of the model under test, as many as
// asked for (10,000 is the route's maximum). The model knows ~4,300 customers, so the list repeats;
// repeats get a suffix so every id in the batch is distinct, as a CRM export's would be.
import type { Rfm } from '../../lib/artifacts/index.js'

export interface BatchCustomer extends Rfm { id: string }

/** `size` customers taken from `known` in order, round after round (`12347`, …, then `12347#2`, …). */
export function customerBatch (known: ReadonlyArray<BatchCustomer>, size: number): BatchCustomer[] {
  if (known.length === 0) throw new RangeError('no customers to build a batch from')
  return Array.from({ length: size }, (_, i) => {
    const { id, recency, frequency, monetary } = known[i % known.length]
    const round = Math.floor(i / known.length) + 1
    return { id: round === 1 ? id : `${id}#${round}`, recency, frequency, monetary }
  })
}
