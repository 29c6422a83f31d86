// What POST /segments accepts, checked once here: one customer's RFM values, a batch of
// customers as JSON, or a batch as CSV (a CRM export with a header id,recency,frequency,monetary).
// The first bad row fails the whole request, and the error names the row (1-based), the
// customer id and the field, so the sender can fix the file; nothing is half-answered.
import { CsvError, parse } from 'csv-parse/sync'
import type { Rfm } from '../../lib/artifacts/index.js'

export const MAX_BATCH_CUSTOMERS = 10_000
export const CSV_COLUMNS = ['id', 'recency', 'frequency', 'monetary'] as const
/** the smallest valid value of each field: days since the last purchase, invoices, money */
const MINIMUM = { recency: 0, frequency: 1, monetary: 0 } as const satisfies Record<string, number>
type RfmField = keyof typeof MINIMUM

export interface CustomerRfm extends Rfm {
  id: string
}

export type SegmentRequest =
  | { kind: 'one', customer: Rfm }
  | { kind: 'batch', customers: CustomerRfm[] }

export interface RowLocation {
  /** 1-based position in the batch (CSV: data rows, the header is not counted) */
  row: number
  id?: string
  /** CSV only: the line in the file */
  line?: number
}

/** Bad input for POST /segments; `row` and `field` say where, when it is about one row. */
export class SegmentInputError extends Error {
  readonly code = 'ERR_INVALID_CUSTOMERS'
  readonly statusCode = 400
  readonly row: number | undefined
  readonly id: string | undefined
  readonly field: string | undefined
  /** what is wrong, without the location */
  readonly problem: string
  constructor (problem: string, where: { location?: RowLocation, field?: string } = {}) {
    super(`${describeLocation(where.location)}${problem}`)
    this.name = 'SegmentInputError'
    this.row = where.location?.row
    this.id = where.location?.id
    this.field = where.field
    this.problem = problem
  }
}

function describeLocation (location: RowLocation | undefined): string {
  if (!location) return ''
  const id = location.id === undefined ? '' : ` (id ${JSON.stringify(location.id)})`
  const line = location.line === undefined ? '' : `, line ${location.line}`
  return `row ${location.row}${id}${line}: `
}

function fail (location: RowLocation | undefined, field: string | undefined, problem: string): never {
  throw new SegmentInputError(problem, { location, field })
}

function show (value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return String(value)
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

/** Checks one field; `raw` is a JSON value or a CSV cell. */
function readField (raw: unknown, field: RfmField, location: RowLocation | undefined, fromCsv: boolean): number {
  const minimum = MINIMUM[field]
  const rule = `${field} must be a finite number ≥ ${minimum}`
  if (raw === undefined || (fromCsv && raw === '')) fail(location, field, `${field} is missing (${rule})`)
  let value: number
  if (fromCsv) {
    // Number() would also read '0x1F', ' ' or '1e400' (Infinity): only plain decimals pass
    if (typeof raw !== 'string' || !/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw)) fail(location, field, `${rule}, got ${show(raw)}`)
    value = Number(raw)
  } else {
    if (typeof raw !== 'number') fail(location, field, `${rule}, got ${show(raw)}`)
    value = raw
  }
  if (!Number.isFinite(value) || value < minimum) fail(location, field, `${rule}, got ${show(raw)}`)
  return value
}

function readId (raw: unknown, location: RowLocation): string {
  const id = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined
  if (id === undefined || id === '') fail(location, 'id', `id must be a non-empty string, got ${raw === undefined ? 'nothing' : show(raw)}`)
  return id
}

function readRfm (record: Record<string, unknown>, location: RowLocation | undefined, fromCsv: boolean): Rfm {
  return {
    recency: readField(record.recency, 'recency', location, fromCsv),
    frequency: readField(record.frequency, 'frequency', location, fromCsv),
    monetary: readField(record.monetary, 'monetary', location, fromCsv)
  }
}

function checkBatchSize (count: number): void {
  if (count === 0) fail(undefined, 'customers', 'the batch holds no customers (send 1 to 10,000)')
  if (count > MAX_BATCH_CUSTOMERS) fail(undefined, 'customers', `the batch holds more than ${MAX_BATCH_CUSTOMERS.toLocaleString('en-US')} customers: split it`)
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON body: `{recency, frequency, monetary}` or `{customers: [{id, recency, frequency, monetary}, …]}`. */
export function parseSegmentJson (body: unknown): SegmentRequest {
  if (!isRecord(body)) fail(undefined, undefined, `the body must be a JSON object: one customer {recency, frequency, monetary} or a batch {customers: [...]}, got ${show(body)}`)
  if (!('customers' in body)) return { kind: 'one', customer: readRfm(body, undefined, false) }
  const list = body.customers
  if (!Array.isArray(list)) fail(undefined, 'customers', `customers must be an array of {id, recency, frequency, monetary}, got ${show(list)}`)
  checkBatchSize(list.length)
  const customers: CustomerRfm[] = new Array(list.length)
  for (let i = 0; i < list.length; i++) {
    const location: RowLocation = { row: i + 1 }
    const entry: unknown = list[i]
    if (!isRecord(entry)) fail(location, undefined, `each customer must be an object {id, recency, frequency, monetary}, got ${show(entry)}`)
    const id = readId(entry.id, location)
    location.id = id
    customers[i] = { id, ...readRfm(entry, location, false) }
  }
  return { kind: 'batch', customers }
}

const CSV_OPTIONS = { bom: true, trim: true, skip_empty_lines: true } as const

/**
 * The file line of data row `row` (1-based). Only computed for an error message: parsing with
 * `info` costs several times more, so the happy path does without it.
 */
function lineOfRow (text: string, row: number): number | undefined {
  try {
    const records = parse(text, { ...CSV_OPTIONS, info: true, to: row + 1 }) as unknown as Array<{ info: { lines: number } }>
    return records[row]?.info.lines
  } catch {
    return undefined
  }
}

/** A CSV body with a header naming id, recency, frequency, monetary (any order; other columns are ignored). */
export function parseSegmentCsv (text: string): SegmentRequest {
  let records: string[][]
  try {
    // header + the largest batch + one, to tell "too many" without parsing a huge file
    records = parse(text, { ...CSV_OPTIONS, to: MAX_BATCH_CUSTOMERS + 2 })
  } catch (error) {
    if (error instanceof CsvError) {
      const lines = (error as CsvError & { lines?: number }).lines
      const row = lines !== undefined && lines > 1 ? { row: lines - 1, line: lines } : undefined
      fail(row, undefined, `the CSV cannot be read: ${error.message}`)
    }
    throw error
  }
  if (records.length === 0) fail(undefined, undefined, `the CSV is empty: expected a header ${CSV_COLUMNS.join(',')} and one row per customer`)
  const header = records[0].map((name) => name.toLowerCase())
  const columns = CSV_COLUMNS.map((name) => header.indexOf(name))
  const missing = CSV_COLUMNS.filter((_, i) => columns[i] === -1)
  if (missing.length > 0) {
    fail(undefined, missing[0], `the CSV header must name the columns ${CSV_COLUMNS.join(', ')}; missing ${missing.join(', ')} in "${records[0].join(',')}"`)
  }
  const rows = records.length - 1
  checkBatchSize(rows)
  const [idColumn, recencyColumn, frequencyColumn, monetaryColumn] = columns
  const customers: CustomerRfm[] = new Array(rows)
  let r = 1
  try {
    for (; r < records.length; r++) {
      const record = records[r]
      const location: RowLocation = { row: r }
      const id = readId(record[idColumn], location)
      location.id = id
      customers[r - 1] = {
        id,
        ...readRfm({ recency: record[recencyColumn], frequency: record[frequencyColumn], monetary: record[monetaryColumn] }, location, true)
      }
    }
  } catch (error) {
    if (!(error instanceof SegmentInputError)) throw error
    const line = lineOfRow(text, r)
    if (line === undefined) throw error
    fail({ row: r, id: error.id, line }, error.field, error.problem)
  }
  return { kind: 'batch', customers }
}

/**
 * Either body POST /segments accepts: a parsed JSON value, or CSV text. The format comes from the
 * content type, never from the value: a JSON body may itself be a string.
 */
export function parseSegmentRequest (body: unknown, format: 'json' | 'csv'): SegmentRequest {
  if (format === 'json') return parseSegmentJson(body)
  if (typeof body !== 'string') throw new TypeError('a CSV body reaches the parser as text')
  return parseSegmentCsv(body)
}
