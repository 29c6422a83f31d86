// Parquet as an input (hyparquet). Column names are recognised as a CSV header is (the known
// schemas or `--columns`), each row group is read on its own (memory holds one row group's
// columns, never the file), each row becomes the TransactionRow a CSV line of the same values
// would, and rows go through the same Cleaner. Typed values are read as a CSV export writes them:
// integers or doubles or strings for ids (17850, 17850.0 and "17850.0" are one customer),
// doubles, decimals or strings for prices, timestamps or strings for dates (a timestamp is its
// UTC wall-clock time, as parse-date.ts reads a date without a zone).
//
// Each row group's kept rows go to the sink as one table, as the CSV reader hands over each
// segment's, so whatever the sink builds (the joined table, the aggregates) is what the CSV
// export of the same rows in the same order gives.
// A malformed row's "line" is its row number + 1, the line it has in that export (1 = header).
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type FileMetaData } from 'hyparquet'
import { ShopperError } from '../../../lib/errors.js'
import { Cleaner, MALFORMED_EXAMPLES, addDropCounts, zeroDropCounts, type DropCounts, type MalformedRows } from '../../clean.js'
import { TransactionTableBuilder, type TransactionRow, type TransactionTable } from '../../transactions.js'
import { checkOption } from '../../option-table/index.js'
import { TRANSACTION_FIELDS, recogniseHeader, type RowLayout, type TransactionField } from '../header.js'
import { READ_OPTIONS } from '../options.js'
import { parseInvoiceDate } from '../parse-date.js'
import { emptyRow, normaliseCustomerId, parseDecimal } from '../parse-row.js'
import { checkMalformedShare, type InputInfo, type ReadOptions } from '../read-transactions.js'

const MAGIC = 'PAR1'
/** onProgress is called each time the rows read pass a multiple of this, and once at the end (as for CSV). */
const PROGRESS_EVERY_ROWS = 50_000

/**
 * true for a `.parquet` file name or a file starting with `PAR1`. A file that cannot be opened
 * is not Parquet here: the CSV reader then says why it cannot be read.
 */
export async function isParquetInput (input: string): Promise<boolean> {
  if (/\.parquet$/i.test(input)) return true
  try {
    const handle = await open(input, 'r')
    try {
      const magic = Buffer.alloc(4)
      const { bytesRead } = await handle.read(magic, 0, 4, 0)
      return bytesRead === 4 && magic.toString('latin1') === MAGIC
    } finally {
      await handle.close()
    }
  } catch {
    return false
  }
}

function unreadable (file: string, what: string, cause?: unknown): ShopperError {
  return new ShopperError('ERR_INPUT_UNREADABLE', `cannot read input file ${file}: ${what}`, cause === undefined ? undefined : { cause })
}

function quoted (value: unknown): string {
  const text = String(value)
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

const utf8 = new TextDecoder()

/** A value as the text a CSV export holds; null for a missing value. */
function textOf (value: unknown): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return utf8.decode(value)
  return String(value) // numbers (shortest round-trip form), bigints, booleans
}

/** A quantity or price: numbers and bigints as they are, text as parse-row.ts parses it; NaN when missing or not a number. */
function numberOf (value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN
  if (typeof value === 'bigint') return Number(value)
  const text = textOf(value)
  return text === null ? Number.NaN : parseDecimal(text)
}

/** A timestamp's epoch ms, or a date text as parse-date.ts reads it; NaN otherwise. */
function dateOf (value: unknown): number {
  if (value instanceof Date) return value.getTime()
  if (typeof value === 'string') return parseInvoiceDate(value.trim())
  return Number.NaN
}

/** Fills `row` from one Parquet row (values at `at[field]`, -1 when absent) and returns null, or why it is malformed. */
function parseParquetRow (values: readonly unknown[], at: Readonly<Record<TransactionField, number>>, names: RowLayout['names'], row: TransactionRow): string | null {
  const value = (field: TransactionField): unknown => at[field] < 0 ? null : values[at[field]]
  const invoice = textOf(value('invoice'))?.trim() ?? ''
  if (invoice.length === 0) return `empty ${names.invoice}`
  const stockCode = textOf(value('stockCode')) ?? ''
  if (stockCode.trim().length === 0) return `empty ${names.stockCode}`
  const quantity = numberOf(value('quantity'))
  if (Number.isNaN(quantity)) return `unparsable ${names.quantity} ${quoted(value('quantity') ?? '')}`
  const unitPrice = numberOf(value('unitPrice'))
  if (Number.isNaN(unitPrice)) return `unparsable ${names.unitPrice} ${quoted(value('unitPrice') ?? '')}`
  const invoiceDate = dateOf(value('invoiceDate'))
  if (Number.isNaN(invoiceDate)) return `unparsable ${names.invoiceDate} ${quoted(value('invoiceDate') ?? '')}`
  row.invoice = invoice
  row.stockCode = stockCode
  row.description = textOf(value('description')) ?? ''
  row.quantity = quantity
  row.invoiceDate = invoiceDate
  row.unitPrice = unitPrice
  row.customerId = normaliseCustomerId(textOf(value('customerId')) ?? '')
  row.country = (textOf(value('country')) ?? '').trim()
  return null
}

async function sha256OfFile (file: string): Promise<{ bytes: number, sha256: string }> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { bytes, sha256: hash.digest('hex') }
}

async function openParquet (file: string): Promise<{ buffer: AsyncBuffer, metadata: FileMetaData }> {
  let buffer: AsyncBuffer
  try {
    buffer = await asyncBufferFromFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ShopperError('ERR_INPUT_NOT_FOUND', `input file not found: ${file}`, { cause: error })
    throw unreadable(file, (error as Error).message, error)
  }
  if (buffer.byteLength === 0) throw unreadable(file, 'the file is empty')
  try {
    return { buffer, metadata: await parquetMetadataAsync(buffer) }
  } catch (error) {
    throw unreadable(file, `not a Parquet file (${(error as Error).message})`, error)
  }
}

/** Takes each row group's kept rows, in file order (the CSV reader's segment sink has the same shape). */
export interface TableSink {
  addTable: (table: TransactionTable) => void
}

export interface ParquetReadResult {
  input: InputInfo
  malformed: MalformedRows
  dropped: DropCounts
}

/**
 * Reads and cleans a Parquet file, each row group's kept rows into `sink`: the same tables, drop
 * counts and malformed rows as the CSV reader gives for a CSV export of the same rows. Throws
 * ShopperError: ERR_INPUT_NOT_FOUND, ERR_INPUT_UNREADABLE (not Parquet, corrupt),
 * ERR_UNKNOWN_HEADER (columns), ERR_TOO_MANY_MALFORMED_ROWS.
 */
export async function readParquet (options: ReadOptions, sink: TableSink): Promise<ParquetReadResult> {
  const file = options.input
  const maxMalformedShare = options.maxMalformedShare ?? READ_OPTIONS.rows.maxMalformedShare.default
  checkOption(READ_OPTIONS.rows.maxMalformedShare, maxMalformedShare, 'read: maxMalformedShare')
  const { buffer, metadata } = await openParquet(file)
  // top-level columns only: a nested (struct, list) column is no transaction field
  const columnNames = parquetSchema(metadata).children.map((child) => child.element.name)
  const layout = recogniseHeader(columnNames, options.columns)
  const wanted = TRANSACTION_FIELDS.filter((field) => layout.index[field] >= 0)
  const columns = wanted.map((field) => columnNames[layout.index[field]])
  const at = Object.fromEntries(TRANSACTION_FIELDS.map((field) => [field, wanted.indexOf(field)])) as Record<TransactionField, number>

  const dropped = zeroDropCounts()
  const malformed: MalformedRows = { rows: 0, examples: [] }
  const row = emptyRow()
  let rowsRead = 0
  let groupStart = 0
  for (const group of metadata.row_groups) {
    const groupRows = Number(group.num_rows)
    let rows: unknown[][] = []
    try {
      await parquetRead({ file: buffer, metadata, columns, rowStart: groupStart, rowEnd: groupStart + groupRows, onComplete: (read) => { rows = read } })
    } catch (error) {
      throw unreadable(file, `corrupt Parquet data in the row group at row ${groupStart} (${(error as Error).message})`, error)
    }
    const builder = new TransactionTableBuilder(Math.max(16, rows.length))
    const cleaner = new Cleaner(builder)
    for (let i = 0; i < rows.length; i++) {
      const reason = parseParquetRow(rows[i], at, layout.names, row)
      if (reason === null) {
        cleaner.add(row)
      } else {
        malformed.rows++
        if (malformed.examples.length < MALFORMED_EXAMPLES) malformed.examples.push({ line: groupStart + i + 2, reason })
      }
    }
    addDropCounts(dropped, cleaner.dropped)
    sink.addTable(builder.finish())
    const before = rowsRead
    rowsRead += rows.length
    groupStart += groupRows
    if (Math.floor(rowsRead / PROGRESS_EVERY_ROWS) > Math.floor(before / PROGRESS_EVERY_ROWS)) options.onProgress?.(rowsRead)
  }
  if (rowsRead === 0) throw unreadable(file, 'no rows')
  options.onProgress?.(rowsRead)
  checkMalformedShare(malformed, rowsRead, maxMalformedShare, file)
  const { bytes, sha256 } = await sha256OfFile(file)
  return {
    input: { fileName: path.basename(file), bytes, sha256, gzip: false, format: layout.format, rowsRead },
    malformed,
    dropped
  }
}
