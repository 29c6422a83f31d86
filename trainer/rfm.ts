// Pipeline step 2: recency, frequency and monetary value per customer, in one linear pass over the
// columnar table (plus a counting sort by invoice for distinct-invoice counts), typed arrays out.
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
//   (postage, fees, …) included, as the original project summed every line.
import { Type } from 'typebox'
import { ShopperError } from '../lib/errors.js'
import { date, option, optionTable, type OptionValues } from './option-table/index.js'
import type { TransactionTable } from './transactions.js'

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

/** RFM values per customer, index i ↔ `customerIds[i]` (the table's customer order). */
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

/** Distinct invoices per customer, counting an invoice once per customer that has rows in it. */
function countDistinctInvoices (table: TransactionTable, customers: number): Float64Array {
  const invoices = table.invoiceIds.length
  // Counting sort of row indices by invoice, so each invoice's rows are visited together.
  const start = new Int32Array(invoices + 1)
  for (let i = 0; i < table.length; i++) start[table.invoice[i] + 1]++
  for (let v = 0; v < invoices; v++) start[v + 1] += start[v]
  const next = start.slice(0, invoices)
  const rows = new Int32Array(table.length)
  for (let i = 0; i < table.length; i++) rows[next[table.invoice[i]]++] = i

  const frequency = new Float64Array(customers)
  // lastCounted[c] = 1 + the invoice last counted for customer c, so each pair counts once.
  const lastCounted = new Int32Array(customers)
  for (let v = 0; v < invoices; v++) {
    for (let r = start[v]; r < start[v + 1]; r++) {
      const c = table.customer[rows[r]]
      if (lastCounted[c] !== v + 1) {
        lastCounted[c] = v + 1
        frequency[c]++
      }
    }
  }
  return frequency
}

export function computeRfm (table: TransactionTable, options: RfmOptions = {}): RfmTable {
  const customers = table.customerIds.length
  if (table.length === 0 || customers === 0) throw new ShopperError('ERR_EMPTY_AFTER_CLEANING', 'no transactions to compute RFM from')

  const last = new Float64Array(customers).fill(-Infinity)
  const monetary = new Float64Array(customers)
  let lastInvoiceAt = -Infinity
  for (let i = 0; i < table.length; i++) {
    const c = table.customer[i]
    const at = table.invoiceDate[i]
    if (at > last[c]) last[c] = at
    if (at > lastInvoiceAt) lastInvoiceAt = at
    monetary[c] += table.quantity[i] * table.unitPrice[i]
  }

  let snapshot = defaultSnapshot(lastInvoiceAt)
  if (options.asOf) {
    snapshot = options.asOf.getTime()
    if (!(snapshot >= lastInvoiceAt)) {
      throw new ShopperError('ERR_USAGE', `--as-of ${options.asOf.toISOString()} is before the last invoice (${new Date(lastInvoiceAt).toISOString()})`)
    }
  }

  const recency = new Float64Array(customers)
  for (let c = 0; c < customers; c++) {
    // The table's dictionary only holds customers of kept rows; a gap here is a bug upstream.
    if (last[c] === -Infinity) throw new Error(`customer ${table.customerIds[c]} has no transactions`)
    recency[c] = Math.floor((snapshot - last[c]) / DAY_MS)
  }

  return {
    customerIds: table.customerIds,
    recency,
    frequency: countDistinctInvoices(table, customers),
    monetary,
    snapshot: new Date(snapshot),
    lastInvoiceAt
  }
}
