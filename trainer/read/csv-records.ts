// csv-parse (the product owner's choice) tuned for a large, regular file, and one bad line never
// ending the run:
// - records as arrays of strings: no `columns` objects, no `cast`;
// - relax_column_count: a row with too few or too many fields is handed over and the row parser
//   counts it as malformed;
// - skip_records_with_error + on_skip: a record the parser cannot read (a stray or unclosed
//   quote) is skipped and reported instead of aborting the parse;
// - skip_empty_lines: a blank line is not a row.
//
// Records are taken from the parser's engine (`Parser#api.parse`, the function csv-parse's own
// stream and sync front-ends call) rather than through the stream interface: each record then
// arrives synchronously together with the parser's byte position (`info.bytes`), which gives
// exact line numbers for malformed rows. The documented `on_record` hook gives the same but copies
// the info object for every record; on the Online Retail file that costs ~40% more parse time,
// and the stream's 'data' events ~12% more (measured, Node 20). csv-parse is pinned to an exact
// version and the tests exercise this path, so a change of that internal is caught.
import { Parser, type CsvError } from 'csv-parse'

interface ParserEngine {
  parse: (buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void) => Error | undefined
  info: { bytes: number }
}

export interface RecordVisitor {
  /** a record; `end` is the offset just after it (after its line break) */
  record: (fields: string[], end: number) => void
  /** a record the parser skipped; `at` is an offset inside it, near where reading failed */
  skipped: (error: CsvError, at: number) => void
}

const PARSE_OPTIONS = {
  relax_column_count: true,
  skip_records_with_error: true,
  skip_empty_lines: true
} as const

function engineOf (parser: Parser): ParserEngine {
  const engine = (parser as unknown as { api?: ParserEngine }).api
  if (typeof engine?.parse !== 'function' || typeof engine.info !== 'object') {
    throw new Error('csv-parse: Parser#api.parse is missing (the installed csv-parse differs from the pinned version)')
  }
  return engine
}

/** The record delimiters csv-parse can discover by itself: it takes the first line break it meets. */
export type RecordDelimiter = '\n' | '\r\n'

/**
 * Parses `bytes` (whole records, no header) and hands each record or skipped record to `visitor`,
 * in order. Without `recordDelimiter` csv-parse discovers it from the first line break; a caller
 * parsing a stretch from the middle of a segment passes the one the segment's parse discovered.
 */
export function visitRecords (bytes: Buffer, visitor: RecordVisitor, recordDelimiter?: RecordDelimiter): void {
  // assigned after the parser exists, read by its on_skip callback: a const would be in its TDZ there
  // eslint-disable-next-line prefer-const
  let engine: ParserEngine | undefined
  const parser = new Parser({
    ...PARSE_OPTIONS,
    ...(recordDelimiter === undefined ? {} : { record_delimiter: recordDelimiter }),
    // csv-parse puts the parser's info (bytes, lines …) on its errors
    on_skip: (error) => { if (error) visitor.skipped(error, (error as CsvError & { bytes?: number }).bytes ?? engine?.info.bytes ?? 0) }
  })
  engine = engineOf(parser)
  const info = engine.info
  const error = engine.parse(bytes, true, (fields) => { visitor.record(fields, info.bytes) }, () => {})
  if (error !== undefined) throw error
}
