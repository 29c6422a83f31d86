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
import { TransactionTableBuilder, type TransactionRow, type TransactionTable } from './transactions.js'
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

/** Applies the rules row by row: kept rows go into the table, dropped rows into the counts. */
export class Cleaner {
  readonly dropped: DropCounts = zeroDropCounts()
  private readonly builder: TransactionTableBuilder

  constructor (builder: TransactionTableBuilder = new TransactionTableBuilder()) {
    this.builder = builder
  }

  /** true when the row is kept; `row` itself is not kept (the caller may reuse it) */
  add (row: TransactionRow): boolean {
    const rule = dropRule(row)
    if (rule !== null) {
      this.dropped[rule]++
      return false
    }
    this.builder.add(row)
    return true
  }

  get kept (): number { return this.builder.length }

  finish (): TransactionTable { return this.builder.finish() }
}

function describe (rowsRead: number, malformed: MalformedRows, dropped: DropCounts): string {
  return `${rowsRead} rows read, ${malformed.rows} malformed, dropped: ` +
    `${dropped.missingCustomer} without customer id, ${dropped.cancelled} cancelled, ` +
    `${dropped.nonPositiveQuantity} with quantity ≤ 0, ${dropped.nonPositivePrice} with unit price ≤ 0`
}

export interface CleaningReportInput {
  table: TransactionTable
  dropped: DropCounts
  rowsRead: number
  malformed: MalformedRows
  nonProductRule?: NonProductRule
}

/**
 * The cleaning report of the manifest. Revenue is Σ quantity × unit price over the kept rows
 * (non-product rows included), rounded to cents; first/last invoice dates are over kept rows.
 * Throws ERR_EMPTY_AFTER_CLEANING when no row is left.
 */
export function buildCleaningReport ({ table, dropped, rowsRead, malformed, nonProductRule = DEFAULT_NON_PRODUCT_RULE }: CleaningReportInput): CleaningReport {
  if (table.length === 0) {
    throw new ShopperError('ERR_EMPTY_AFTER_CLEANING', `no rows left after cleaning: ${describe(rowsRead, malformed, dropped)}`)
  }
  // Classify each product once, then count rows through the product column.
  const nonProduct = table.productCodes.map((code) => isNonProductCode(code, nonProductRule))
  let nonProductRows = 0
  let revenue = 0
  let first = Infinity
  let last = -Infinity
  for (let i = 0; i < table.length; i++) {
    if (nonProduct[table.product[i]]) nonProductRows++
    revenue += table.quantity[i] * table.unitPrice[i]
    const date = table.invoiceDate[i]
    if (date < first) first = date
    if (date > last) last = date
  }
  return {
    rowsRead,
    malformedRows: malformed.rows,
    malformedExamples: malformed.examples.slice(0, MALFORMED_EXAMPLES),
    dropped: { ...dropped },
    rowsKept: table.length,
    nonProductRows,
    customers: table.customerIds.length,
    products: table.productCodes.length,
    invoices: table.invoiceIds.length,
    revenue: Math.round(revenue * 100) / 100,
    firstInvoiceAt: new Date(first).toISOString(),
    lastInvoiceAt: new Date(last).toISOString()
  }
}
