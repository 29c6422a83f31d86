// The artifact contract, part 1b: the binary container of the large model files (customers,
// purchases, values, neighbours). Typed arrays behind a small JSON header, not Apache Arrow IPC:
// - the files are a handful of flat numeric columns and one string column, all written and read
//   by this module only, so Arrow's generality (nested types, dictionaries, record batches,
//   schema evolution) would buy nothing and cost a dependency of several MB on both sides;
// - a column is read as a zero-copy typed-array view over the file's one ArrayBuffer, which a
//   worker thread can transfer to the main thread whole (no per-object deserialising there);
// - the checks the server relies on (offsets monotone, indices in range, finite numbers, ids
//   sorted and unique) are plain loops over those views, as they were over the JSON arrays.
//
// Layout (all integers little-endian; a big-endian machine is refused with a clear reason):
//   bytes 0..7     magic "SSCOLS\0\x01"
//   bytes 8..11    header length H (uint32)
//   bytes 12..15   zero
//   bytes 16..16+H the header, UTF-8 JSON, padded with spaces so the first column starts 8-aligned
//   then each column, in header order, at an offset that is a multiple of 8 (zero padding between)
// Header: { kind, rows, meta, columns: [{ name, type, offset, length }] } — `length` in elements.
// Strings are one UTF-8 byte column plus a uint32 offsets column (n + 1 entries).
import { endianness } from 'node:os'
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'

export const COLUMN_FILE_MAGIC = Uint8Array.from([0x53, 0x53, 0x43, 0x4f, 0x4c, 0x53, 0x00, 0x01]) // "SSCOLS\0\1"
const PREFIX_BYTES = 16
const ALIGN = 8

export const COLUMN_TYPES = {
  uint8: Uint8Array,
  uint32: Uint32Array,
  float64: Float64Array
} as const
export type ColumnType = keyof typeof COLUMN_TYPES
export type Column = Uint8Array | Uint32Array | Float64Array

const ColumnEntrySchema = Type.Object({
  name: Type.String({ minLength: 1 }),
  type: Type.Union([Type.Literal('uint8'), Type.Literal('uint32'), Type.Literal('float64')]),
  offset: Type.Integer({ minimum: 0 }),
  length: Type.Integer({ minimum: 0 })
})
export const ColumnHeaderSchema = Type.Object({
  kind: Type.String({ minLength: 1 }),
  rows: Type.Integer({ minimum: 0 }),
  meta: Type.Record(Type.String(), Type.Unknown()),
  columns: Type.Array(ColumnEntrySchema)
})
export type ColumnHeader = Static<typeof ColumnHeaderSchema>
const headerCheck = Compile(ColumnHeaderSchema)

/** A column file decoded: its header, and each column as a view over the file's buffer. */
export interface ColumnFile {
  kind: string
  rows: number
  meta: Record<string, unknown>
  columns: Map<string, Column>
}

/** Why a column file cannot be read; load.ts turns it into an ArtifactError naming the file. */
export class ColumnFileError extends Error {}

const align = (n: number): number => Math.ceil(n / ALIGN) * ALIGN

/** Writes one column file. Column order is kept; `meta` must be JSON. */
export function encodeColumnFile (kind: string, rows: number, meta: Record<string, unknown>, columns: ReadonlyArray<[string, Column]>): Uint8Array {
  assertLittleEndian()
  const typeOf = (column: Column): ColumnType => column instanceof Float64Array ? 'float64' : column instanceof Uint32Array ? 'uint32' : 'uint8'
  // the header's offsets depend on its own length: lay out with a guess, grow until it fits
  let headerBytes = 256
  for (;;) {
    let at = align(PREFIX_BYTES + headerBytes)
    const entries = columns.map(([name, column]) => {
      const entry = { name, type: typeOf(column), offset: at, length: column.length }
      at = align(at + column.byteLength)
      return entry
    })
    const json = Buffer.from(JSON.stringify({ kind, rows, meta, columns: entries }), 'utf8')
    if (json.length > headerBytes) {
      headerBytes = align(json.length)
      continue
    }
    const out = new Uint8Array(at)
    out.set(COLUMN_FILE_MAGIC, 0)
    const view = new DataView(out.buffer)
    view.setUint32(8, headerBytes, true)
    out.fill(0x20, PREFIX_BYTES, PREFIX_BYTES + headerBytes)
    out.set(json, PREFIX_BYTES)
    columns.forEach(([, column], i) => {
      out.set(new Uint8Array(column.buffer, column.byteOffset, column.byteLength), entries[i].offset)
    })
    return out
  }
}

/**
 * Reads a column file's header and makes a view per column, after checking that every column
 * lies inside the file, aligned, without overlapping another. `data` should start 8-aligned in
 * its buffer (a fresh ArrayBuffer does); otherwise it is copied once.
 */
export function decodeColumnFile (data: Uint8Array): ColumnFile {
  assertLittleEndian()
  if (data.length < PREFIX_BYTES) throw new ColumnFileError(`has ${data.length} bytes, too few for a column file header (truncated?)`)
  for (let i = 0; i < COLUMN_FILE_MAGIC.length; i++) {
    if (data[i] !== COLUMN_FILE_MAGIC[i]) throw new ColumnFileError('is not a column file (wrong magic bytes)')
  }
  if (data.byteOffset % ALIGN !== 0) data = data.slice()
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  const headerBytes = view.getUint32(8, true)
  if (PREFIX_BYTES + headerBytes > data.length) throw new ColumnFileError(`header says ${headerBytes} bytes, the file has ${data.length - PREFIX_BYTES} after the prefix (truncated?)`)
  let header: unknown
  try {
    header = JSON.parse(Buffer.from(data.buffer, data.byteOffset + PREFIX_BYTES, headerBytes).toString('utf8'))
  } catch (error) {
    throw new ColumnFileError(`header is not valid JSON (${(error as Error).message})`)
  }
  if (!headerCheck.Check(header)) {
    const [first] = headerCheck.Errors(header)
    throw new ColumnFileError(`header does not match the schema ${first?.instancePath ? `at ${first.instancePath}` : 'at the top level'}: ${first?.message ?? 'invalid'}`)
  }
  const columns = new Map<string, Column>()
  let end = PREFIX_BYTES + headerBytes
  for (const { name, type, offset, length } of header.columns) {
    const Kind = COLUMN_TYPES[type]
    const bytes = length * Kind.BYTES_PER_ELEMENT
    if (columns.has(name)) throw new ColumnFileError(`column ${name} appears twice`)
    if (offset % ALIGN !== 0) throw new ColumnFileError(`column ${name} starts at byte ${offset}, not a multiple of ${ALIGN}`)
    if (offset < end) throw new ColumnFileError(`column ${name} starts at byte ${offset}, inside the header or the column before`)
    if (offset + bytes > data.length) throw new ColumnFileError(`column ${name} (${length} × ${type}) ends at byte ${offset + bytes}, past the end of the file (${data.length} bytes; truncated?)`)
    columns.set(name, new Kind(data.buffer as ArrayBuffer, data.byteOffset + offset, length))
    end = offset + bytes
  }
  return { kind: header.kind, rows: header.rows, meta: header.meta, columns }
}

function assertLittleEndian (): void {
  if (endianness() !== 'LE') throw new ColumnFileError('column files are little-endian; this machine is big-endian')
}

/** The column `name` of `type` with `length` elements, or a reason. */
export function requireColumn<T extends ColumnType> (file: ColumnFile, name: string, type: T, length: number | null): InstanceType<typeof COLUMN_TYPES[T]> {
  const column = file.columns.get(name)
  if (column === undefined) throw new ColumnFileError(`has no column ${name}`)
  if (!(column instanceof COLUMN_TYPES[type])) throw new ColumnFileError(`column ${name} is not ${type}`)
  if (length !== null && column.length !== length) throw new ColumnFileError(`column ${name} has ${column.length} entries, expected ${length}`)
  return column as InstanceType<typeof COLUMN_TYPES[T]>
}

/** UTF-8 strings as one byte column and n + 1 offsets: string i is bytes[offsets[i] .. offsets[i + 1]). */
export interface StringColumn {
  readonly bytes: Uint8Array
  readonly offsets: Uint32Array
}

export function encodeStrings (strings: readonly string[]): StringColumn {
  const encoded = strings.map((s) => Buffer.from(s, 'utf8'))
  const offsets = new Uint32Array(strings.length + 1)
  for (let i = 0; i < encoded.length; i++) offsets[i + 1] = offsets[i] + encoded[i].length
  const bytes = new Uint8Array(offsets[strings.length])
  for (let i = 0; i < encoded.length; i++) bytes.set(encoded[i], offsets[i])
  return { bytes, offsets }
}

const decoder = new TextDecoder()

export function stringAt (column: StringColumn, i: number): string {
  return decoder.decode(column.bytes.subarray(column.offsets[i], column.offsets[i + 1]))
}

/** Byte order of strings i and j of the column (the UTF-8 order is the code-point order). */
export function compareStrings (column: StringColumn, i: number, j: number): number {
  const { bytes, offsets } = column
  return compareBytes(bytes, offsets[i], offsets[i + 1], bytes, offsets[j], offsets[j + 1])
}

export function compareBytes (a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart)
  for (let k = 0; k < n; k++) {
    const d = a[aStart + k] - b[bStart + k]
    if (d !== 0) return d
  }
  return (aEnd - aStart) - (bEnd - bStart)
}
