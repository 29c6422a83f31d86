// Pipeline step 2: recency, frequency and monetary value per customer, read off the per-customer
// aggregates (trainer/aggregates/contract.ts), typed arrays out.
//
// Definitions (reproducing the original pandas project):
// - snapshot = the instant of the last invoice in the data + exactly 24 hours
//   (`df.InvoiceDate.max() + pd.Timedelta(days=1)`), unless `asOf` is given. On Online Retail
//   the last invoice is 2011-12-09 12:50, so the snapshot is 2011-12-10 12:50 — NOT midnight
//   after the last invoice day. With a midnight snapshot a customer who bought on the last day
//   before 12:50 would get recency 0 instead of 1; we keep pandas' definition so the numbers
//   (and the scikit-learn reference inertia) match the original project.
// - recency = whole days from the customer's last invoice to the snapshot, rounded down
//   (`(snapshot - last).days`, i.e. floor of the timedelta in days).
// - frequency = number of distinct invoices.
// - monetary = Σ quantity × unit price over all the customer's kept rows, non-product lines
//   (postage, fees, …) included, as the original project summed every line. Summed exactly (in
//   micros), so it is 4310, not the 4309.999999999997 a float sum in file order gave.
import { Type } from 'typebox'
import { ShopperError } from '../lib/errors.js'
import { date, option, optionTable, type OptionValues } from './option-table/index.js'
import { fromMicros, type TransactionAggregates } from './aggregates/contract.js'

export const DAY_MS = 86_400_000

/** The RFM stage's one option (trainer/option-table); --help lists it with the segments'. */
export const RFM_OPTIONS = optionTable('Segments', {
  asOf: option({
    // Must not be before the last invoice in the data (that would give negative recencies); to
    // analyse an earlier period, filter the input instead.
    kind: date(),
    flag: 'as-of',
    help: 'snapshot date for recency',
    helpDefault: 'day after the last invoice',
    // recorded as null when unset: the snapshot the run used is the manifest's snapshotDate
    manifest: {
      schema: { asOf: Type.Union([date().schema, Type.Null()]) },
      write: (asOf) => ({ asOf: asOf?.toISOString() ?? null })
    }
  })
})

/** `asOf`: the snapshot instant recency is measured from. */
export type RfmOptions = OptionValues<typeof RFM_OPTIONS.rows>

/**
 * RFM values per customer, index i ↔ `customerIds[i]`, customers in order of their first
 * purchase (ties by id): see computeRfm.
 */
export interface RfmTable {
  readonly customerIds: readonly string[]
  /** whole days since the last purchase */
  readonly recency: Float64Array
  /** distinct invoices */
  readonly frequency: Float64Array
  /** Σ quantity × unit price */
  readonly monetary: Float64Array
  readonly snapshot: Date
  /** the latest invoice instant in the data (epoch ms) */
  readonly lastInvoiceAt: number
}

/** The original project's snapshot: last invoice instant + 24 h. */
export function defaultSnapshot (lastInvoiceAt: number): number {
  return lastInvoiceAt + DAY_MS
}

export function computeRfm (aggregates: TransactionAggregates, options: RfmOptions = {}): RfmTable {
  const customers = aggregates.customerIds.length
  if (aggregates.rows === 0 || customers === 0) throw new ShopperError('ERR_EMPTY_AFTER_CLEANING', 'no transactions to compute RFM from')
  const { firstAt, lastAt, invoices, monetaryMicros } = aggregates.customers
  const lastInvoiceAt = aggregates.lastInvoiceAt
  // Customers in order of first purchase, ties by id (the aggregates' order): the order a
  // chronological log first shows them in, yet independent of the order rows arrive in. It
  // matters because K-Means++ draws its seeds by point index: in id order the segments land in
  // other local optima (on Online Retail one k of the sweep ends 1.2 % above scikit-learn's
  // inertia, which read the file in its order).
  const order = Int32Array.from(aggregates.customerIds.keys()).sort((a, b) => firstAt[a] - firstAt[b] || a - b)

  let snapshot = defaultSnapshot(lastInvoiceAt)
  if (options.asOf) {
    snapshot = options.asOf.getTime()
    if (!(snapshot >= lastInvoiceAt)) {
      throw new ShopperError('ERR_USAGE', `--as-of ${options.asOf.toISOString()} is before the last invoice (${new Date(lastInvoiceAt).toISOString()})`)
    }
  }

  const recency = new Float64Array(customers)
  const frequency = new Float64Array(customers)
  const monetary = new Float64Array(customers)
  const customerIds: string[] = new Array(customers)
  for (let i = 0; i < customers; i++) {
    const c = order[i]
    customerIds[i] = aggregates.customerIds[c]
    recency[i] = Math.floor((snapshot - lastAt[c]) / DAY_MS)
    frequency[i] = invoices[c]
    monetary[i] = fromMicros(monetaryMicros[c])
  }

  return {
    customerIds,
    recency,
    frequency,
    monetary,
    snapshot: new Date(snapshot),
    lastInvoiceAt
  }
}
