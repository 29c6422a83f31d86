// The pure part of the synthetic data generator: how one row of the real file becomes a row of
// clone number `clone` (clone 0 is the original, unchanged). A clone is a population of new
// shoppers who behave exactly like the real ones: same baskets, quantities and prices, new
// customer ids, new invoice numbers, dates moved by a whole number of days. With a catalogue
// factor F, clone c buys copy (c mod F) of the catalogue: the same products under new stock
// codes (copy 0 is the real catalogue), so products grow F× with the customers.
import { seededRandom as mulberry32 } from '../../lib/seeded-random.js'
import { normaliseStockCode } from '../../lib/stock-code.js'
import { isNonProductCode } from '../../trainer/non-product-codes.js'

export interface ColumnRoles {
  invoice: number
  date: number
  customer: number
  stockCode: number
}

const INVOICE_NAMES = ['InvoiceNo', 'Invoice']
const DATE_NAMES = ['InvoiceDate']
const CUSTOMER_NAMES = ['CustomerID', 'Customer ID']
const STOCK_CODE_NAMES = ['StockCode']

/** Where the columns the generator rewrites are, for both UCI schemas (Online Retail and II). */
export function findColumnRoles (header: readonly string[]): ColumnRoles {
  const find = (names: string[]): number => {
    const index = header.findIndex((name) => names.includes(name.trim()))
    if (index === -1) throw new Error(`header has no ${names.join(' / ')} column (found: ${header.join(', ')})`)
    return index
  }
  return { invoice: find(INVOICE_NAMES), date: find(DATE_NAMES), customer: find(CUSTOMER_NAMES), stockCode: find(STOCK_CODE_NAMES) }
}

/**
 * Day shift of each clone: 0 for clone 0 (the real rows), then for each clone a whole number of
 * days in [-maxShiftDays, -1], drawn from `seed`. Clones only move back in time so the data's last
 * day, and with it the RFM snapshot date, stays that of the real file: the real customers keep
 * exactly their RFM values in the bigger file.
 */
export function cloneShifts (factor: number, seed: number, maxShiftDays: number): number[] {
  if (!Number.isInteger(factor) || factor < 1) throw new RangeError(`factor must be a positive integer, got ${factor}`)
  if (!Number.isInteger(maxShiftDays) || maxShiftDays < 1) throw new RangeError(`maxShiftDays must be a positive integer, got ${maxShiftDays}`)
  const random = mulberry32(seed)
  const shifts = [0]
  for (let clone = 1; clone < factor; clone++) shifts.push(-(1 + Math.floor(random() * maxShiftDays)))
  return shifts
}

/** The smallest power of ten above `maxValue`: clone c's id is c × base + id, so ids never collide. */
export function idBase (maxValue: number): number {
  let base = 10
  while (base <= maxValue) base *= 10
  return base
}

const INVOICE = /^([A-Za-z]*)(\d+)$/

/** Numeric part of an invoice number (`C536379` → 536379). */
export function invoiceNumber (value: string): number {
  const match = INVOICE.exec(value)
  if (match === null) throw new Error(`unexpected invoice number "${value}": expected an optional letter prefix and digits`)
  return Number(match[2])
}

/** Invoice of clone `clone`: the letter prefix (C = cancellation, A = adjustment) is kept. */
export function cloneInvoice (value: string, clone: number, base: number): string {
  if (clone === 0) return value
  const match = INVOICE.exec(value)
  if (match === null) throw new Error(`unexpected invoice number "${value}": expected an optional letter prefix and digits`)
  return `${match[1]}${clone * base + Number(match[2])}`
}

/**
 * Which copy of the catalogue clone `clone` buys: clone mod catalogueFactor (clone 0, the real
 * rows, buys the real catalogue; so do clones F, 2F …).
 */
export function catalogueCopy (clone: number, catalogueFactor: number): number {
  if (!Number.isInteger(catalogueFactor) || catalogueFactor < 1) throw new RangeError(`catalogueFactor must be a positive integer, got ${catalogueFactor}`)
  return clone % catalogueFactor
}

/**
 * The stock code of a product in catalogue copy `copy`: `CODE~copy` (no real code has a `~`).
 * Non-product codes (postage, fees …) are not products and are not copied: a clone's postage is
 * still POST, so every copy has the same non-product lines and the trainer's rule still finds them.
 */
export function cloneStockCode (value: string, copy: number): string {
  if (copy === 0 || isNonProductCode(normaliseStockCode(value))) return value
  return `${value}~${copy}`
}

/** Numeric customer id, or null for the empty (missing) id. */
export function customerNumber (value: string): number | null {
  if (value === '') return null
  if (!/^\d+$/.test(value)) throw new Error(`unexpected customer id "${value}": expected digits`)
  return Number(value)
}

/** Customer id of clone `clone`; a missing id stays missing (the cleaning stage drops those rows). */
export function cloneCustomer (value: string, clone: number, base: number): string {
  if (clone === 0 || value === '') return value
  const id = customerNumber(value)
  return String(clone * base + (id ?? 0))
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(.*)$/s
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(.*)$/s

function shiftedUtcDate (year: number, month: number, day: number, days: number): Date {
  return new Date(Date.UTC(year, month - 1, day + days))
}

/**
 * `value` moved by `days` whole days, keeping its time of day and its style
 * (`2010-12-01 08:26:00` or `12/1/2010 8:26`). Calendar arithmetic in UTC: no daylight-saving jumps.
 */
export function shiftDate (value: string, days: number): string {
  if (days === 0) return value
  const iso = ISO_DATE.exec(value)
  if (iso !== null) {
    const d = shiftedUtcDate(Number(iso[1]), Number(iso[2]), Number(iso[3]), days)
    const pad = (n: number): string => String(n).padStart(2, '0')
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}${iso[4]}`
  }
  const us = US_DATE.exec(value)
  if (us !== null) {
    const d = shiftedUtcDate(Number(us[3]), Number(us[1]), Number(us[2]), days)
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}${us[4]}`
  }
  throw new Error(`unexpected date "${value}": expected YYYY-MM-DD HH:MM:SS or M/D/YYYY H:MM`)
}

/**
 * The fields of one CSV line exactly as written (a quoted field keeps its quotes), so a line can
 * be rebuilt byte for byte with `join(',')` after replacing the fields that never need quotes.
 */
export function splitRawFields (line: string): string[] {
  if (!line.includes('"')) return line.split(',')
  const fields: string[] = []
  let start = 0
  let inQuotes = false
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i)
    if (ch === 0x22) inQuotes = !inQuotes // a doubled "" toggles twice: still inside
    else if (ch === 0x2c && !inQuotes) {
      fields.push(line.slice(start, i))
      start = i + 1
    }
  }
  fields.push(line.slice(start))
  return fields
}

/** The value of a raw field (`"a ""b"""` → `a "b"`). */
export function unquote (raw: string): string {
  return raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1).replaceAll('""', '"') : raw
}

/** True when a line ends inside a quoted field (an odd number of quotes): it continues on the next line. */
export function endsInsideQuotes (text: string): boolean {
  let quotes = 0
  for (let at = text.indexOf('"'); at !== -1; at = text.indexOf('"', at + 1)) quotes++
  return quotes % 2 === 1
}

const NEEDS_QUOTES = /[",\r\n]/

/** A value as a CSV field, quoted only when it needs it, as the source files do. */
export function quoteField (value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

// mulberry32 lives in lib/seeded-random.ts; re-exported under this module's name
export { mulberry32 }
