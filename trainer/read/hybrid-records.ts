// The same records as `visitRecords` (csv-parse), in about half the CPU: lines without a `"` are
// split by hand, everything else goes to csv-parse.
//
// RFC 4180: an unquoted field holds no comma, quote or line break, so a line without a `"` is
// exactly its text split on commas. About 99% of Online Retail's lines are such lines, and csv-parse
// spends most of the read looking at every byte and building every field one at a time, while
// `String#split` on the decoded line does the same work natively: about half the CPU (see README).
//
// Every line that holds a `"` starts a stretch of lines that csv-parse reads, extended until the
// quotes since its start are even at a record delimiter (a quoted field may span lines). When
// csv-parse reads such a stretch without error, it reads it exactly as it would have inside the
// whole segment: it starts at a record boundary in the same state, and without errors a quote
// opens or closes a field or is half of a doubled `""`, so an even count means outside quotes.
// When it reports an error (a stray or unclosed quote), the stretch's end may not be where the
// whole-segment parse would have resumed (an invalid closing quote leaves csv-parse inside the
// field, swallowing lines), so csv-parse reads the rest of the segment, as it always did.
//
// csv-parse takes the first line break it meets as the record delimiter (`\n`, `\r\n` or a lone
// `\r`) and treats any other as field content; the hand split follows the same rule. A segment
// whose first line holds a quote or a lone `\r` goes to csv-parse whole.
import { visitRecords, type RecordDelimiter, type RecordVisitor } from './csv-records.js'

/** Which code reads the records: the hybrid (default) or csv-parse alone (the reference). */
export type RecordParser = 'hybrid' | 'csv-parse'

const NEWLINE = 10
const CARRIAGE_RETURN = 13
const QUOTE = 34

/** The delimiter csv-parse would discover in `bytes`, or undefined when the hand split should not try. */
function segmentDelimiter (bytes: Buffer): RecordDelimiter | undefined {
  const newline = bytes.indexOf(NEWLINE)
  if (newline < 0) return undefined // one line: nothing to gain
  const firstLine = bytes.subarray(0, newline)
  if (firstLine.includes(QUOTE)) return undefined
  const carriageReturn = firstLine.indexOf(CARRIAGE_RETURN)
  if (carriageReturn < 0) return '\n'
  return carriageReturn === newline - 1 ? '\r\n' : undefined
}

/** A visitor for a stretch starting at byte `offset` of the segment: offsets made segment-relative. */
function shifted (visitor: RecordVisitor, offset: number): RecordVisitor {
  return {
    record: (fields, end) => { visitor.record(fields, offset + end) },
    skipped: (error, at) => { visitor.skipped(error, offset + at) }
  }
}

/**
 * A visitor that takes the lines split by hand as byte ranges, to split them itself: a caller that
 * parses numbers and hashes ids straight from the bytes (trainer/aggregates/sql/csv-batch.ts) then
 * builds no string and no array for them. Every other record comes to `record`, as from csv-parse.
 */
export interface LineVisitor extends RecordVisitor {
  /** a record on one line without a `"`: bytes[start, end) without its delimiter, `recordEnd` just after its line break */
  line: (start: number, end: number, recordEnd: number) => void
}

/**
 * Hands `visitor` the same calls, in the same order, with the same fields and byte offsets, as
 * `visitRecords(bytes, visitor)`; csv-parse's error messages may name other line numbers. A
 * LineVisitor gets the lines split by hand as byte ranges instead (their fields are the range's
 * bytes between commas).
 */
export function visitRecordsHybrid (bytes: Buffer, visitor: RecordVisitor | LineVisitor): void {
  const delimiter = segmentDelimiter(bytes)
  if (delimiter === undefined) {
    visitRecords(bytes, visitor)
    return
  }
  const crlf = delimiter === '\r\n'
  const line = 'line' in visitor ? visitor.line : undefined
  // Decoded once; csv-parse decodes each field alone, which gives the same text because field
  // and line boundaries are ASCII bytes that an invalid UTF-8 sequence never swallows. A
  // LineVisitor takes byte ranges, so the text only serves to find line breaks and quotes: latin1,
  // one character a byte, finds them at the same offsets and decodes faster.
  const text = bytes.toString(line === undefined ? 'utf8' : 'latin1')
  const length = text.length
  // When every character is one byte (ASCII, as most segments are), string and byte offsets agree;
  // otherwise the byte offset of each line end is found by its own search (newlines match one to one).
  const sameOffsets = length === bytes.length
  let pos = 0 // string offset of the current line
  let bytePos = 0 // its byte offset
  // Where the last record ended. csv-parse reports an error's position as the last record's or
  // field's end, so a stretch handed to it starts there, with the empty lines that followed.
  let lastRecordEnd = 0
  /** the first `"` at or after `from`, or the text's length */
  const quoteFrom = (from: number): number => {
    const at = text.indexOf('"', from)
    return at < 0 ? length : at
  }
  let nextQuote = quoteFrom(0)

  // Offsets of the current line's end: its `\n` (or the text's end) in the string and in bytes.
  let lineEnd = 0
  let byteLineEnd = 0
  const findLineEnd = (): void => {
    lineEnd = text.indexOf('\n', pos)
    if (lineEnd < 0) {
      lineEnd = length
      byteLineEnd = bytes.length
    } else {
      byteLineEnd = sameOffsets ? lineEnd : bytes.indexOf(NEWLINE, bytePos)
    }
  }
  // A line ends a record (outside quotes) only at the discovered delimiter, or at the end.
  const endsRecord = (): boolean => !crlf || lineEnd === length || (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CARRIAGE_RETURN)
  const nextLine = (): void => {
    if (lineEnd === length) {
      pos = length
      bytePos = bytes.length
    } else {
      pos = lineEnd + 1
      bytePos = byteLineEnd + 1
    }
  }

  while (pos < length) {
    findLineEnd()
    if (nextQuote < lineEnd || !endsRecord()) {
      if (!readStretch()) return
      continue
    }
    // A plain line: its text without the delimiter, split on commas; an empty line is no record.
    const textEnd = crlf && lineEnd < length ? lineEnd - 1 : lineEnd
    const start = pos
    const byteStart = bytePos
    const byteTextEnd = crlf && lineEnd < length ? byteLineEnd - 1 : byteLineEnd
    nextLine()
    if (textEnd > start) {
      if (line === undefined) visitor.record(text.slice(start, textEnd).split(','), bytePos)
      else line(byteStart, byteTextEnd, bytePos)
      lastRecordEnd = bytePos
    }
  }

  /**
   * csv-parse reads the lines from the current one until quotes balance at a record delimiter.
   * Returns false when it met an error and read the rest of the segment instead.
   */
  function readStretch (): boolean {
    const byteStart = lastRecordEnd
    let odd = false
    for (;;) {
      for (; nextQuote < lineEnd; nextQuote = quoteFrom(nextQuote + 1)) odd = !odd
      const ends = !odd && endsRecord()
      nextLine()
      if (ends || pos === length) break
      findLineEnd()
    }
    const records: Array<{ fields: string[], end: number }> = []
    let failed = false
    visitRecords(bytes.subarray(byteStart, bytePos), {
      record: (fields, end) => { records.push({ fields, end: byteStart + end }) },
      skipped: () => { failed = true }
    }, delimiter)
    if (failed) {
      visitRecords(bytes.subarray(byteStart), shifted(visitor, byteStart), delimiter)
      return false
    }
    for (const { fields, end } of records) visitor.record(fields, end)
    lastRecordEnd = records.at(-1)?.end ?? lastRecordEnd
    return true
  }
}
