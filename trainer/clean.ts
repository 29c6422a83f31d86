// Pipeline stage 1, cleaning, as the original project did: a row is dropped when it has no
// customer id, belongs to a cancelled invoice (number starting with `C`), or has a quantity or a
// unit price ≤ 0. The rules are applied in that order and a row is counted under the FIRST rule
// it fails only, so the four counts add up to the rows dropped (a cancellation line without a
// customer id counts as missingCustomer, not as cancelled).
//
// Rows with non-product stock codes (postage, fees, discounts …) are KEPT: their revenue is part
// of a customer's monetary value. They are only counted here; later stages keep them out of the
// recommendations.
import { ShopperError } from '../lib/errors.js'
import type { CleaningReport } from '../lib/artifacts/index.js'
import type { TransactionAggregates } from './aggregates/contract.js'
import type { TransactionRow } from './transactions.js'
import { DEFAULT_NON_PRODUCT_RULE, isNonProductCode, type NonProductRule } from './non-product-codes.js'

/** The cleaning rules, in the order they are applied. */
export const DROP_RULES = ['missingCustomer', 'cancelled', 'nonPositiveQuantity', 'nonPositivePrice'] as const
export type DropRule = typeof DROP_RULES[number]
export type DropCounts = Record<DropRule, number>

export interface MalformedRows {
  rows: number
  /** the first malformed rows: line number (1 = header) and why */
  examples: Array<{ line: number, reason: string }>
}

/** How many malformed rows keep their line number and reason for the report. */
export const MALFORMED_EXAMPLES = 10

export function zeroDropCounts (): DropCounts {
  return { missingCustomer: 0, cancelled: 0, nonPositiveQuantity: 0, nonPositivePrice: 0 }
}

export function addDropCounts (total: DropCounts, more: DropCounts): DropCounts {
  for (const rule of DROP_RULES) total[rule] += more[rule]
  return total
}

/** The first rule the row fails, or null when it is kept. */
export function dropRule (row: TransactionRow): DropRule | null {
  if (row.customerId.length === 0) return 'missingCustomer'
  const first = row.invoice.charCodeAt(0)
  if (first === 67 /* C */ || first === 99 /* c */) return 'cancelled'
  if (!(row.quantity > 0)) return 'nonPositiveQuantity'
  if (!(row.unitPrice > 0)) return 'nonPositivePrice'
  return null
}

/** Where kept rows go: a segment's TransactionTableBuilder, or a TransactionAggregator. */
export interface RowSink {
  add: (row: TransactionRow) => void
}

/** Applies the rules row by row: kept rows go into the sink, dropped rows into the counts. */
export class Cleaner<S extends RowSink> {
  readonly dropped: DropCounts = zeroDropCounts()
  private keptRows = 0

  constructor (readonly sink: S) {}

  /** true when the row is kept; `row` itself is not kept (the caller may reuse it) */
  add (row: TransactionRow): boolean {
    const rule = dropRule(row)
    if (rule !== null) {
      this.dropped[rule]++
      return false
    }
    this.sink.add(row)
    this.keptRows++
    return true
  }

  get kept (): number { return this.keptRows }
}

function describe (rowsRead: number, malformed: MalformedRows, dropped: DropCounts): string {
  return `${rowsRead} rows read, ${malformed.rows} malformed, dropped: ` +
    `${dropped.missingCustomer} without customer id, ${dropped.cancelled} cancelled, ` +
    `${dropped.nonPositiveQuantity} with quantity ≤ 0, ${dropped.nonPositivePrice} with unit price ≤ 0`
}

export interface CleaningReportInput {
  aggregates: TransactionAggregates
  dropped: DropCounts
  rowsRead: number
  malformed: MalformedRows
  nonProductRule?: NonProductRule
}

/**
 * The cleaning report of the manifest, from the aggregates of the kept rows. Revenue is
 * Σ quantity × unit price over the kept rows (non-product rows included), summed exactly in micros
 * and rounded to cents; first/last invoice dates are over kept rows.
 * Throws ERR_EMPTY_AFTER_CLEANING when no row is left.
 */
export function buildCleaningReport ({ aggregates, dropped, rowsRead, malformed, nonProductRule = DEFAULT_NON_PRODUCT_RULE }: CleaningReportInput): CleaningReport {
  if (aggregates.rows === 0) {
    throw new ShopperError('ERR_EMPTY_AFTER_CLEANING', `no rows left after cleaning: ${describe(rowsRead, malformed, dropped)}`)
  }
  // Classify each product once, then count its lines through the pairs.
  const nonProduct = aggregates.productCodes.map((code) => isNonProductCode(code, nonProductRule))
  const { product, lines } = aggregates.pairs
  let nonProductRows = 0
  for (let k = 0; k < product.length; k++) if (nonProduct[product[k]]) nonProductRows += lines[k]
  let revenueMicros = 0
  for (const micros of aggregates.customers.monetaryMicros) revenueMicros += micros
  return {
    rowsRead,
    malformedRows: malformed.rows,
    malformedExamples: malformed.examples.slice(0, MALFORMED_EXAMPLES),
    dropped: { ...dropped },
    rowsKept: aggregates.rows,
    nonProductRows,
    customers: aggregates.customerIds.length,
    products: aggregates.productCodes.length,
    invoices: aggregates.invoices,
    // micros → cents: exact integers until the division
    revenue: Math.round(revenueMicros / 10_000) / 100,
    firstInvoiceAt: new Date(aggregates.firstInvoiceAt).toISOString(),
    lastInvoiceAt: new Date(aggregates.lastInvoiceAt).toISOString()
  }
}
