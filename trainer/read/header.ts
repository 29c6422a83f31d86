// Which column holds which field: recognised from the header line. The two public schemas are
// known by name; any other export is read through an explicit `columns` mapping.
import { ShopperError } from '../../lib/errors.js'
import type { TransactionRow } from '../transactions.js'

export type TransactionField = keyof TransactionRow
/** Header name per logical field, for exports that use other names (e.g. `{ invoice: 'OrderId' }`). */
export type ColumnMapping = Partial<Record<TransactionField, string>>
/** 'aggregates': no rows were read, the input held aggregates computed elsewhere (sources/precomputed.ts) */
export type InputFormat = 'online-retail' | 'online-retail-ii' | 'mapped' | 'aggregates'

export const TRANSACTION_FIELDS: readonly TransactionField[] = [
  'invoice', 'stockCode', 'description', 'quantity', 'invoiceDate', 'unitPrice', 'customerId', 'country'
]

/** Header names of the UCI Online Retail and Online Retail II files. */
export const KNOWN_SCHEMAS: ReadonlyArray<{ format: Exclude<InputFormat, 'mapped' | 'aggregates'>, label: string, names: Readonly<Record<TransactionField, string>> }> = [
  {
    format: 'online-retail',
    label: 'Online Retail',
    names: {
      invoice: 'InvoiceNo',
      stockCode: 'StockCode',
      description: 'Description',
      quantity: 'Quantity',
      invoiceDate: 'InvoiceDate',
      unitPrice: 'UnitPrice',
      customerId: 'CustomerID',
      country: 'Country'
    }
  },
  {
    format: 'online-retail-ii',
    label: 'Online Retail II',
    names: {
      invoice: 'Invoice',
      stockCode: 'StockCode',
      description: 'Description',
      quantity: 'Quantity',
      invoiceDate: 'InvoiceDate',
      unitPrice: 'Price',
      customerId: 'Customer ID',
      country: 'Country'
    }
  }
]

/** With a mapping, a shop's export may lack these: they read as ''. */
const OPTIONAL_WHEN_MAPPED: ReadonlySet<TransactionField> = new Set(['description', 'country'])

/** Where each field is in a record; -1 for an optional field the file does not have. */
export interface RowLayout {
  format: InputFormat
  /** number of fields of a well-formed record (the header's) */
  width: number
  index: Readonly<Record<TransactionField, number>>
  /** header name per field, for messages about a bad value */
  names: Readonly<Record<TransactionField, string>>
}

/** Header names compare trimmed and case-insensitively, so `customerid ` still matches. */
function key (name: string): string {
  return name.trim().toLowerCase()
}

function indexByName (header: readonly string[]): Map<string, number> {
  const byName = new Map<string, number>()
  header.forEach((name, i) => { if (!byName.has(key(name))) byName.set(key(name), i) })
  return byName
}

function locate (byName: Map<string, number>, names: Readonly<Record<TransactionField, string>>): { index: Record<TransactionField, number>, missing: TransactionField[] } {
  const index = {} as Record<TransactionField, number>
  const missing: TransactionField[] = []
  for (const field of TRANSACTION_FIELDS) {
    index[field] = byName.get(key(names[field])) ?? -1
    if (index[field] < 0) missing.push(field)
  }
  return { index, missing }
}

function list (names: readonly string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ')
}

function recogniseKnown (header: readonly string[], byName: Map<string, number>): RowLayout {
  const attempts = KNOWN_SCHEMAS.map((schema) => ({ schema, ...locate(byName, schema.names) }))
  const match = attempts.find((attempt) => attempt.missing.length === 0)
  if (match) return { format: match.schema.format, width: header.length, index: match.index, names: match.schema.names }
  const closest = attempts.reduce((best, attempt) => attempt.missing.length < best.missing.length ? attempt : best)
  const expected = KNOWN_SCHEMAS.map((schema) => `${schema.label} (${TRANSACTION_FIELDS.map((f) => schema.names[f]).join(', ')})`).join(' or ')
  throw new ShopperError('ERR_UNKNOWN_HEADER',
    `unknown header: expected the columns of ${expected}, or a column mapping (--columns); ` +
    `found ${list(header)}; closest is ${closest.schema.label}, missing ${list(closest.missing.map((f) => closest.schema.names[f]))}`)
}

function recogniseMapped (header: readonly string[], byName: Map<string, number>, mapping: ColumnMapping): RowLayout {
  for (const field of Object.keys(mapping)) {
    if (!(TRANSACTION_FIELDS as readonly string[]).includes(field)) {
      throw new ShopperError('ERR_USAGE', `unknown field ${JSON.stringify(field)} in the column mapping; fields are ${TRANSACTION_FIELDS.join(', ')}`)
    }
  }
  // Unmapped fields keep their Online Retail name, then their Online Retail II name.
  const names = {} as Record<TransactionField, string>
  const index = {} as Record<TransactionField, number>
  const missing: string[] = []
  for (const field of TRANSACTION_FIELDS) {
    const mapped = mapping[field]
    const candidates = mapped !== undefined ? [mapped] : [...new Set(KNOWN_SCHEMAS.map((schema) => schema.names[field]))]
    const found = candidates.find((name) => byName.has(key(name)))
    names[field] = found ?? candidates[0]
    index[field] = found === undefined ? -1 : byName.get(key(found)) as number
    if (found === undefined && !OPTIONAL_WHEN_MAPPED.has(field)) missing.push(`${field} (${candidates.map((c) => JSON.stringify(c)).join(' or ')})`)
  }
  if (missing.length > 0) {
    throw new ShopperError('ERR_UNKNOWN_HEADER',
      `unknown header: with the column mapping, expected columns for ${missing.join(', ')}; found ${list(header)}`)
  }
  return { format: 'mapped', width: header.length, index, names }
}

/**
 * Recognises the header and says where each field is. Without `mapping` the header must hold
 * every column of one known schema (in any order, extra columns ignored); with it, the mapped
 * names (and, for fields left out, the known names) must be present, except that description
 * and country may be absent. Throws ERR_UNKNOWN_HEADER naming what was expected and found.
 */
export function recogniseHeader (header: readonly string[], mapping?: ColumnMapping): RowLayout {
  const byName = indexByName(header)
  if (mapping !== undefined && Object.keys(mapping).length > 0) return recogniseMapped(header, byName, mapping)
  return recogniseKnown(header, byName)
}
