// A segment of an exported CSV relation (whole records, ./files.ts cuts them) read as byte ranges:
// each field is where it lies in the segment, and a plain integer or an id is read from its bytes.
// Profiled on a 1M-customer export (14M records), splitting every line into strings and parsing
// them again cost about half the read in string building, Map<string> lookups and garbage
// collection; reading the bytes in place builds one string per distinct id instead.
//
// Records come from the hybrid parser (trainer/read/hybrid-records.ts) exactly as before: a line
// without a `"` as a byte range, split here on its commas (as `String#split` split its decoded
// text: commas and line breaks are ASCII, which UTF-8 never uses inside a character), everything
// else as csv-parse's strings, kept as their UTF-8 bytes after the segment's.
import { ShopperError } from '../../../lib/errors.js'
import { grown } from '../../../lib/typed-arrays.js'
import { visitRecordsHybrid } from '../../read/hybrid-records.js'
import type { TextKeys } from '../text-keys.js'
import { exactInteger, finiteNumber, type RelationBatch } from './relation-batch.js'

const COMMA = 44
const MINUS = 45
const ZERO = 48
const NINE = 57
/** digits that always make an exact integer: 10^15 - 1 < 2^53 */
const SAFE_DIGITS = 15

/**
 * bytes[start, end) as an integer when it is one written plainly (an optional `-`, then 1 to 15
 * digits), else NaN: in those cases the value `Number` gives the decoded text, -0 included.
 */
function plainInteger (bytes: Uint8Array, start: number, end: number): number {
  const negative = start < end && bytes[start] === MINUS
  const from = negative ? start + 1 : start
  if (from === end || end - from > SAFE_DIGITS) return NaN
  let value = 0
  for (let i = from; i < end; i++) {
    const digit = bytes[i] - ZERO
    if (digit < 0 || digit > NINE - ZERO) return NaN
    value = value * 10 + digit
  }
  return negative ? -value : value
}

/** Fields by (row, column) as byte ranges of `bytes`; columns in RELATION_COLUMNS order. */
export class CsvBatch implements RelationBatch {
  constructor (
    private readonly bytes: Buffer,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly columns: number,
    readonly length: number
  ) {}

  text (row: number, column: number): string {
    const i = row * this.columns + column
    return this.bytes.toString('utf8', this.starts[i], this.ends[i])
  }

  integer (row: number, column: number, what: string): number {
    const i = row * this.columns + column
    const value = plainInteger(this.bytes, this.starts[i], this.ends[i])
    return Number.isNaN(value) ? exactInteger(this.text(row, column), what) : value
  }

  number (row: number, column: number, what: string): number {
    const i = row * this.columns + column
    const value = plainInteger(this.bytes, this.starts[i], this.ends[i])
    return Number.isNaN(value) ? finiteNumber(this.text(row, column), what) : value
  }

  key (row: number, column: number, keys: TextKeys, insert: boolean): number {
    const i = row * this.columns + column
    return keys.ofBytes(this.bytes, this.starts[i], this.ends[i], insert)
  }
}

/**
 * Reads one file's segments in order: the file's first record is its header, which
 * `placeColumns` turns into the position of each wanted column (it throws when one is missing).
 */
export class CsvSegmentReader {
  private positions: number[] | undefined
  /** slotOf[i]: which wanted column the file's column i is, or -1 */
  private slotOf: Int32Array = new Int32Array(0)
  private fieldCapacity = 0

  constructor (private readonly file: string, private readonly placeColumns: (names: readonly string[]) => number[]) {}

  /** Places the wanted columns by the header's names; returns how many there are. */
  private placeHeader (names: readonly string[]): number {
    const positions = this.placeColumns(names)
    this.positions = positions
    this.slotOf = new Int32Array(Math.max(...positions) + 1).fill(-1)
    positions.forEach((position, column) => { this.slotOf[position] = column })
    return positions.length
  }

  /** The data records of `segment` (whole records); a record no parser can read is ERR_INPUT_UNREADABLE naming the file. */
  read (segment: Buffer): CsvBatch {
    const file = this.file
    let columns = this.positions?.length ?? 0
    // sized as the last segment's, so a file's segments grow their arrays about once
    let starts: Int32Array = new Int32Array(this.fieldCapacity)
    let ends: Int32Array = new Int32Array(this.fieldCapacity)
    let rows = 0
    /** csv-parse's fields, as UTF-8 after the segment's bytes */
    const extra: Buffer[] = []
    let extraBytes = 0
    /** a new row of empty fields, its first field's index returned */
    const newRow = (): number => {
      const at = rows * columns
      if (at + columns > starts.length) {
        const capacity = Math.max(1024 * columns, starts.length * 2)
        starts = grown(starts, capacity)
        ends = grown(ends, capacity)
      }
      starts.fill(0, at, at + columns)
      ends.fill(0, at, at + columns)
      rows++
      return at
    }
    visitRecordsHybrid(segment, {
      line: (start, end) => {
        if (this.positions === undefined) {
          columns = this.placeHeader(segment.toString('utf8', start, end).split(','))
          return
        }
        const at = newRow()
        const slotOf = this.slotOf
        let field = 0
        let fieldStart = start
        for (let i = start; ; i++) {
          if (i === end || segment[i] === COMMA) {
            const slot = field < slotOf.length ? slotOf[field] : -1
            if (slot >= 0) {
              starts[at + slot] = fieldStart
              ends[at + slot] = i
            }
            if (i === end || field + 1 === slotOf.length) break // no wanted column further on
            field++
            fieldStart = i + 1
          }
        }
      },
      record: (fields) => {
        if (this.positions === undefined) {
          columns = this.placeHeader(fields)
          return
        }
        const at = newRow()
        this.positions.forEach((position, column) => {
          const text = fields[position] ?? ''
          const bytes = Buffer.from(text, 'utf8')
          starts[at + column] = segment.length + extraBytes
          extraBytes += bytes.length
          ends[at + column] = segment.length + extraBytes
          extra.push(bytes)
        })
      },
      skipped: (error) => { throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot read ${file}: ${error.message}`, { cause: error }) }
    })
    this.fieldCapacity = starts.length
    const bytes = extra.length === 0 ? segment : Buffer.concat([segment, ...extra])
    return new CsvBatch(bytes, starts, ends, columns, rows)
  }
}
