// purchases.bin's rows as delta-encoded LEB128 varints: each customer's ascending, distinct
// catalogue indices are written as the first index, then the gaps to the next (each ≥ 1), 7 bits
// a byte, low bits first, the high bit set on every byte but a varint's last. About 61 products a
// customer at 10M customers took 2.4 GB as uint32; gaps between a customer's products mostly fit
// in one to three bytes. A row is decoded on access (tens of entries: microseconds).
// Byte offsets per customer: uint32 while the bytes fit in 2^32, else float64 (exact to 2^53).

/** Rows as varint bytes: customer c's row is bytes[offsets[c] .. offsets[c + 1]). */
export interface VarintRows {
  readonly offsets: Uint32Array | Float64Array
  readonly bytes: Uint8Array
}

/** A uint32 takes at most 5 LEB128 bytes (the 5th holding its top 4 bits). */
export const MAX_VARINT_BYTES = 5

const varintBytes = (v: number): number => v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5

/** Encodes compressed sparse rows (ascending, distinct indices per row) as varint rows. */
export function encodeVarintRows (offsets: ArrayLike<number>, values: ArrayLike<number>): VarintRows {
  const rows = offsets.length - 1
  let total = 0
  for (let r = 0; r < rows; r++) {
    let previous = -1
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const v = values[k]
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`purchases.products[${k}] = ${v} is not an unsigned 32-bit integer`)
      if (v <= previous) throw new RangeError(`purchases row ${r} is not ascending and distinct at position ${k} (${previous} then ${v})`)
      total += varintBytes(previous < 0 ? v : v - previous)
      previous = v
    }
  }
  const out = total > 0xffffffff ? new Float64Array(rows + 1) : new Uint32Array(rows + 1)
  const bytes = new Uint8Array(total)
  let at = 0
  for (let r = 0; r < rows; r++) {
    let previous = -1
    for (let k = offsets[r]; k < offsets[r + 1]; k++) {
      const v = values[k]
      let d = previous < 0 ? v : v - previous
      previous = v
      while (d >= 0x80) {
        bytes[at++] = (d & 0x7f) | 0x80
        d = Math.floor(d / 0x80)
      }
      bytes[at++] = d
    }
    out[r + 1] = at
  }
  return { offsets: out, bytes }
}

/** From one list of ascending, distinct indices per row. */
export function varintRowsOf (lists: ReadonlyArray<ArrayLike<number>>): VarintRows {
  const offsets = new Float64Array(lists.length + 1)
  for (let r = 0; r < lists.length; r++) offsets[r + 1] = offsets[r] + lists[r].length
  const values = new Uint32Array(offsets[lists.length])
  for (let r = 0; r < lists.length; r++) values.set(lists[r], offsets[r])
  return encodeVarintRows(offsets, values)
}

/** Number of entries of row r (varints end at a byte with the high bit clear). Rows are validated on load. */
export function varintRowLength (rows: VarintRows, r: number): number {
  const { bytes } = rows
  let n = 0
  for (let i = rows.offsets[r], end = rows.offsets[r + 1]; i < end; i++) if (bytes[i] < 0x80) n++
  return n
}

/** Row r decoded into a fresh Uint32Array. */
export function decodeVarintRow (rows: VarintRows, r: number): Uint32Array {
  const { bytes } = rows
  const start = rows.offsets[r]
  const end = rows.offsets[r + 1]
  const out = new Uint32Array(varintRowLength(rows, r))
  let value = -1
  let n = 0
  for (let i = start; i < end;) {
    let d = 0
    let scale = 1
    let b: number
    do {
      b = bytes[i++]
      d += (b & 0x7f) * scale
      scale *= 0x80
    } while (b >= 0x80)
    value = value < 0 ? d : value + d
    out[n++] = value
  }
  return out
}

/**
 * Why row `row` (bytes [start, end)) is not a valid row of indices below `limit`, or null: every
 * varint complete inside the row (no truncated one), at most 5 bytes and within uint32, not
 * overlong (a varint of several bytes ending in a zero byte), gaps after the first ≥ 1, every
 * index below `limit`. `rowName(row)` names the row in the reason (called only on failure: a
 * closure per row cost 10M allocations at 10M customers).
 *
 * One-byte varints (gaps below 128: most of them, a customer's products are close in the catalogue)
 * take a short path of their own; it made checking 600M entries ~2× faster.
 */
export function checkVarintRow (bytes: Uint8Array, start: number, end: number, limit: number, row: number, rowName: (row: number) => string): string | null {
  let value = -1
  for (let i = start; i < end;) {
    const first = i
    let b = bytes[i++]
    let d: number
    if (b < 0x80) {
      d = b
    } else {
      d = b & 0x7f
      let scale = 0x80
      do {
        if (i >= end) return `row of ${rowName(row)} ends inside a varint (byte ${first}: truncated)`
        if (i - first >= MAX_VARINT_BYTES) return `varint of ${rowName(row)} at byte ${first} is longer than ${MAX_VARINT_BYTES} bytes`
        b = bytes[i++]
        d += (b & 0x7f) * scale
        scale *= 0x80
      } while (b >= 0x80)
      if (b === 0) return `varint of ${rowName(row)} at byte ${first} is overlong (${i - first} bytes ending in a zero byte)`
      if (d > 0xffffffff) return `varint of ${rowName(row)} at byte ${first} is ${d}, past 32 bits`
    }
    if (value >= 0 && d === 0) return `products of ${rowName(row)} are not ascending and distinct at byte ${first} (a gap of 0 after ${value})`
    value = value < 0 ? d : value + d
    if (value >= limit) return `product index ${value} of ${rowName(row)} (byte ${first}) is outside the catalogue (${limit} products)`
  }
  return null
}
