// One CSV record (an array of strings, as csv-parse gives it) → a typed TransactionRow, or the
// reason it is malformed. Runs once per row, so it avoids regular expressions and allocations:
// it fills a row object the caller owns (and may reuse: the cleaning stage copies what it keeps).
import type { TransactionRow } from '../transactions.js'
import type { RowLayout, TransactionField } from './header.js'
import { createInvoiceDateParser } from './parse-date.js'

/**
 * A number as written in the file, or NaN when empty or not a finite number. Number() is fast
 * enough: a hand-written decimal parser saved ~25 ms of CPU over the 1.08M quantities and prices
 * of Online Retail (of ~3 s for the whole read), not worth its own edge cases.
 */
export function parseDecimal (text: string): number {
  const value = Number(text)
  // Number('') and Number('  ') are 0: a missing value must not read as zero.
  if (value === 0 && text.trim().length === 0) return Number.NaN
  return Number.isFinite(value) ? value : Number.NaN
}

/**
 * Customer ids are compared as text; some CSV copies write them as floats (`17850.0`) because a
 * spreadsheet or pandas column with blanks is numeric. Both forms must name the same customer.
 */
export function normaliseCustomerId (text: string): string {
  const id = text.trim()
  const dot = id.indexOf('.')
  if (dot < 0) return id
  for (let i = dot + 1; i < id.length; i++) if (id.charCodeAt(i) !== 48 /* 0 */) return id
  return id.slice(0, dot)
}

function quoted (text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

/** Fills `row` from `record` and returns null, or returns why the record is malformed (`row` is then partly filled). */
export type RowParser = (record: readonly string[], row: TransactionRow) => string | null

/** A row to fill, e.g. for RowParser. */
export function emptyRow (): TransactionRow {
  return { invoice: '', stockCode: '', description: '', quantity: 0, invoiceDate: 0, unitPrice: 0, customerId: '', country: '' }
}

/**
 * Returns a parser for records laid out as `layout` says. A record is malformed when it has the
 * wrong number of fields, an empty invoice or stock code, or a quantity, price or date that does
 * not parse; the reason is one line naming the column. An empty customer id is not malformed
 * (cleaning drops those rows and counts them).
 */
export function createRowParser (layout: RowLayout): RowParser {
  const { width, index, names } = layout
  const parseDate = createInvoiceDateParser()
  const optional = (field: TransactionField, record: readonly string[]): string =>
    index[field] < 0 ? '' : record[index[field]]
  return (record, row) => {
    if (record.length !== width) return `expected ${width} fields, found ${record.length}`
    const invoice = record[index.invoice].trim()
    if (invoice.length === 0) return `empty ${names.invoice}`
    const stockCode = record[index.stockCode]
    if (stockCode.trim().length === 0) return `empty ${names.stockCode}`
    const quantityText = record[index.quantity]
    const quantity = parseDecimal(quantityText)
    if (Number.isNaN(quantity)) return `unparsable ${names.quantity} ${quoted(quantityText)}`
    const priceText = record[index.unitPrice]
    const unitPrice = parseDecimal(priceText)
    if (Number.isNaN(unitPrice)) return `unparsable ${names.unitPrice} ${quoted(priceText)}`
    const dateText = record[index.invoiceDate].trim()
    const invoiceDate = parseDate(dateText)
    if (Number.isNaN(invoiceDate)) return `unparsable ${names.invoiceDate} ${quoted(dateText)}`
    row.invoice = invoice
    row.stockCode = stockCode
    row.description = optional('description', record)
    row.quantity = quantity
    row.invoiceDate = invoiceDate
    row.unitPrice = unitPrice
    row.customerId = normaliseCustomerId(record[index.customerId])
    row.country = optional('country', record).trim()
    return null
  }
}
