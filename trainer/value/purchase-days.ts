// What the lifetime-value models see of a customer: purchase occasions, not invoices or lines.
// A purchase is a customer-day with at least one invoice (the convention of BG/NBD and
// Gamma-Gamma work on transaction logs, e.g. the `lifetimes` package's daily summaries: two
// invoices on one day are one occasion), its value Σ quantity × unit price over that day's rows,
// non-product lines included as in RFM's monetary. Days are UTC calendar days of the invoice
// instant (the data has no time zone; trainer/transactions.ts reads it as UTC wall-clock).
//
// From a customer's sorted days, at a calibration end E (a day index, exclusive):
//   x    = purchases before E − 1            (repeat purchases)
//   t_x  = last purchase day − first         (days; 0 when x = 0)
//   T    = E − first purchase day            (days of observed life)
//   zbar = mean value of the repeat purchases (0 when x = 0; the first purchase is what made
//          them a customer and is left out, as Fader & Hardie's spend model does)
import { DAY_MS } from '../rfm.js'
import { fromMicros, type TransactionAggregates } from '../aggregates/contract.js'

/** Each customer's purchase days, ascending: rows `offsets[c] .. offsets[c+1]` of `day` and `value`. */
export interface PurchaseDays {
  readonly customerIds: readonly string[]
  readonly offsets: Int32Array
  /** whole UTC days since the epoch */
  readonly day: Int32Array
  /** Σ quantity × unit price of the customer's rows on that day (summed exactly: trainer/aggregates) */
  readonly value: Float64Array
}

/** The day index (UTC) of an instant in epoch ms. */
export function dayOf (ms: number): number {
  return Math.floor(ms / DAY_MS)
}

/** The aggregates' customer-days (already grouped by customer, days ascending), values in currency units. */
export function purchaseDays (aggregates: TransactionAggregates): PurchaseDays {
  const { offsets, day, valueMicros } = aggregates.days
  return { customerIds: aggregates.customerIds, offsets, day, value: valueMicros.map(fromMicros) }
}

/** Per-customer inputs of the models at one calibration end; index i ↔ `customerIds[i]`. */
export interface CalibrationSummary {
  readonly customerIds: readonly string[]
  /** repeat purchases before the end */
  readonly x: Float64Array
  /** days from the first to the last purchase before the end */
  readonly tx: Float64Array
  /** days from the first purchase to the end */
  readonly T: Float64Array
  /** mean value of the repeat purchases (0 when x = 0) */
  readonly zbar: Float64Array
  /** mean value of all purchases before the end (the naive baseline's order value) */
  readonly meanValue: Float64Array
  /** index into PurchaseDays' customers (the aggregates' order) of each summarised customer */
  readonly row: Int32Array
}

/**
 * The customers with a purchase before `endDay` (exclusive), summarised at that end. A customer
 * whose first purchase is on or after it is not yet one, and is left out.
 */
export function summariseAt (days: PurchaseDays, endDay: number): CalibrationSummary {
  const ids: string[] = []
  const x: number[] = []
  const tx: number[] = []
  const T: number[] = []
  const zbar: number[] = []
  const meanValue: number[] = []
  const row: number[] = []
  for (let c = 0; c < days.customerIds.length; c++) {
    const start = days.offsets[c]
    let end = start
    let total = 0
    while (end < days.offsets[c + 1] && days.day[end] < endDay) total += days.value[end++]
    if (end === start) continue
    const purchases = end - start
    const first = days.day[start]
    ids.push(days.customerIds[c])
    x.push(purchases - 1)
    tx.push(days.day[end - 1] - first)
    T.push(endDay - first)
    zbar.push(purchases > 1 ? (total - days.value[start]) / (purchases - 1) : 0)
    meanValue.push(total / purchases)
    row.push(c)
  }
  return {
    customerIds: ids,
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    zbar: Float64Array.from(zbar),
    meanValue: Float64Array.from(meanValue),
    row: Int32Array.from(row)
  }
}

/** Purchases and their value in days [fromDay, toDay) for each summarised customer (the evaluation's actuals). */
export function purchasesBetween (days: PurchaseDays, summary: CalibrationSummary, fromDay: number, toDay: number): { purchases: Float64Array, revenue: Float64Array } {
  const purchases = new Float64Array(summary.row.length)
  const revenue = new Float64Array(summary.row.length)
  for (let i = 0; i < summary.row.length; i++) {
    const c = summary.row[i]
    for (let k = days.offsets[c]; k < days.offsets[c + 1]; k++) {
      if (days.day[k] >= fromDay && days.day[k] < toDay) {
        purchases[i]++
        revenue[i] += days.value[k]
      }
    }
  }
  return { purchases, revenue }
}
