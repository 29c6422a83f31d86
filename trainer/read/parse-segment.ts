// One segment of whole CSV records → its cleaned rows and counts. Rows are parsed and cleaned as
// they come off the parser, so no row outlives its line; only the kept rows, column-encoded in a
// TransactionTable, remain. Runs on a worker thread or on the main thread, with the same result.
import { Cleaner, MALFORMED_EXAMPLES, type DropCounts } from '../clean.js'
import { TransactionTableBuilder, type TransactionTable } from '../transactions.js'
import { visitRecords } from './csv-records.js'
import { visitRecordsHybrid, type RecordParser } from './hybrid-records.js'
import type { RowLayout } from './header.js'
import { createRowParser, emptyRow } from './parse-row.js'
import { countNewlines } from './record-splitter.js'

const NEWLINE = 10
/** Rows per byte of CSV is about 1/87 in Online Retail; a close first guess spares regrowing. */
const BYTES_PER_ROW_GUESS = 80

export interface SegmentMalformed {
  rows: number
  /** the first malformed rows; `lineOffset` counts the newlines before the row in this segment */
  examples: Array<{ lineOffset: number, reason: string }>
}

export interface SegmentResult {
  /** data rows in the segment, malformed ones included */
  rowsRead: number
  /** `\n` bytes in the segment: places the next segment's first line */
  newlines: number
  malformed: SegmentMalformed
  dropped: DropCounts
  /** the kept rows, with dictionaries local to this segment */
  table: TransactionTable
}

/** Line index (newlines before) of byte offsets, counted incrementally as offsets grow. */
class LineCounter {
  private offset = 0
  private lines = 0
  constructor (private readonly bytes: Buffer) {}
  at (offset: number): number {
    if (offset < this.offset) {
      this.offset = 0
      this.lines = 0
    }
    this.lines += countNewlines(this.bytes, this.offset, offset)
    this.offset = offset
    return this.lines
  }
}

function newlinesIn (fields: readonly string[]): number {
  let n = 0
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) n++
  return n
}

/** `parser` picks the record reader; both give the same result (tested), the hybrid in about half the CPU. */
export function parseSegment (bytes: Buffer, layout: RowLayout, parser: RecordParser = 'hybrid'): SegmentResult {
  const parseRow = createRowParser(layout)
  const row = emptyRow() // refilled for every record: Cleaner copies what it keeps
  const cleaner = new Cleaner(new TransactionTableBuilder(Math.max(16, Math.ceil(bytes.length / BYTES_PER_ROW_GUESS))))
  const lineCounter = new LineCounter(bytes)
  const malformed: SegmentMalformed = { rows: 0, examples: [] }
  let rowsRead = 0
  // A record csv-parse could not read, waiting for the next good record to show how many lines
  // it took: every line it swallowed was meant to be a row, so each counts as a malformed row.
  let unreadable: { line: number, reason: string } | undefined

  const note = (lineOffset: number, reason: string, rows = 1): void => {
    malformed.rows += rows
    rowsRead += rows
    if (malformed.examples.length < MALFORMED_EXAMPLES) malformed.examples.push({ lineOffset, reason })
  }
  const closeUnreadable = (nextLine: number): void => {
    if (unreadable === undefined) return
    const lines = Math.max(1, nextLine - unreadable.line)
    note(unreadable.line, lines > 1 ? `${unreadable.reason} (${lines} lines lost)` : unreadable.reason, lines)
    unreadable = undefined
  }
  // The line of a record that ends at `end`: its last line, minus the line breaks in its fields.
  const firstLine = (fields: readonly string[], end: number): number =>
    lineCounter.at(bytes[end - 1] === NEWLINE ? end - 1 : end) - newlinesIn(fields)

  const visit = parser === 'hybrid' ? visitRecordsHybrid : visitRecords
  visit(bytes, {
    record (fields, end) {
      if (unreadable !== undefined) closeUnreadable(firstLine(fields, end))
      const reason = parseRow(fields, row)
      if (reason === null) {
        rowsRead++
        cleaner.add(row)
        return
      }
      note(firstLine(fields, end), reason)
    },
    skipped (error, at) {
      // csv-parse may report several errors for one bad record (one per stray quote); the first
      // one names the line, the next good record closes the gap.
      if (unreadable !== undefined) return
      const reason = error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'unclosed quote'
        : `unreadable CSV: ${error.message.replace(/ at line \d+.*$/, '')}`
      unreadable = { line: lineCounter.at(at), reason }
    }
  })
  // After the last record: the lines to the end of the segment.
  closeUnreadable(lineCounter.at(bytes.length) + (bytes[bytes.length - 1] === NEWLINE ? 0 : 1))

  return {
    rowsRead,
    newlines: countNewlines(bytes),
    malformed,
    dropped: { ...cleaner.dropped },
    table: cleaner.sink.finish()
  }
}
