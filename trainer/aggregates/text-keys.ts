// Texts (customer ids, stock codes) numbered 0, 1, 2 … in order of first insertion, looked up by
// their UTF-8 bytes as well as by string: the aggregates reader (sql/csv-batch.ts) hashes an id
// straight from the export's bytes, with no string made for it. On a 1M-customer export that is
// ~24M lookups, and a Map<string, number> cost ~450 ns each plus the garbage of the strings
// (profiled: the Map and the collector were ~45% of the read); this table costs the bytes once per
// distinct text, 12 bytes of entry, and a 4-byte slot table kept at most half full (open
// addressing, linear probing), growing by doubling.
//
// The same texts give the same numbers as a Map<string, number> would: a text's key is the UTF-8
// encoding of its string, and bytes that are not valid UTF-8 are first decoded (invalid sequences
// become U+FFFD, as everywhere the reader makes strings) and encoded again, so two byte sequences
// share a number exactly when they decode to the same string. Strings from a UTF-8 decoder are
// well formed, so encoding them loses nothing.

import { hashBytes } from '../../lib/hash-bytes.js'
import { grown } from '../../lib/typed-arrays.js'

const MAX_LOAD = 0.5

function isAscii (bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return false
  return true
}

export class TextKeys {
  /** the texts by number */
  readonly values: string[] = []
  private slots = new Int32Array(1024).fill(-1)
  private mask = 1023
  private hashes: Uint32Array = new Uint32Array(512)
  private keyStart: Int32Array = new Int32Array(512)
  private keyBytes = Buffer.allocUnsafe(4096)
  private bytesUsed = 0
  /** the entry the last lookup found or inserted, or -1 */
  private last = -1

  get size (): number { return this.values.length }

  /** The number of the text bytes[start, end) (UTF-8), inserting it when new and `insert`; -1 when absent and not inserted. */
  ofBytes (bytes: Uint8Array, start: number, end: number, insert = true): number {
    if (!isAscii(bytes, start, end)) return this.ofText(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8'), insert)
    return this.lookUp(bytes, start, end, insert)
  }

  /** The number of `text`, inserting it when new and `insert`; -1 when absent and not inserted. */
  ofText (text: string, insert = true): number {
    const encoded = Buffer.from(text, 'utf8')
    return this.lookUp(encoded, 0, encoded.length, insert)
  }

  private lookUp (bytes: Uint8Array, start: number, end: number, insert: boolean): number {
    const length = end - start
    // Exports list a customer's days and pairs together (GROUP BY customer): the last text found
    // is then usually the one asked for, compared without hashing or probing the table.
    if (this.last >= 0 && this.sameBytes(this.last, bytes, start, length)) return this.last
    const h = hashBytes(bytes, start, end)
    let slot = h & this.mask
    for (;;) {
      const entry = this.slots[slot]
      if (entry === -1) break
      if (this.hashes[entry] === h && this.sameBytes(entry, bytes, start, length)) {
        this.last = entry
        return entry
      }
      slot = (slot + 1) & this.mask
    }
    if (!insert) return -1
    const entry = this.values.length
    this.store(entry, h, bytes, start, end)
    this.slots[slot] = entry
    this.last = entry
    if (this.values.length > this.slots.length * MAX_LOAD) this.rehash()
    return entry
  }

  private sameBytes (entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    const from = this.keyStart[entry]
    if (this.keyStart[entry + 1] - from !== length) return false
    const keys = this.keyBytes
    for (let i = 0; i < length; i++) if (keys[from + i] !== bytes[start + i]) return false
    return true
  }

  private store (entry: number, h: number, bytes: Uint8Array, start: number, end: number): void {
    const length = end - start
    if (entry + 2 > this.hashes.length) {
      this.hashes = grown(this.hashes, this.hashes.length * 2)
      this.keyStart = grown(this.keyStart, this.keyStart.length * 2)
    }
    if (this.bytesUsed + length > this.keyBytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.keyBytes.length * 2, this.bytesUsed + length))
      this.keyBytes.copy(next, 0, 0, this.bytesUsed)
      this.keyBytes = next
    }
    this.keyBytes.set(bytes.subarray(start, end), this.bytesUsed)
    this.hashes[entry] = h
    this.keyStart[entry] = this.bytesUsed
    this.bytesUsed += length
    // keyStart[entry + 1] is where the next key starts: it bounds this one
    this.keyStart[entry + 1] = this.bytesUsed
    this.values.push(this.keyBytes.toString('utf8', this.keyStart[entry], this.bytesUsed))
  }

  private rehash (): void {
    const size = this.slots.length * 2
    const slots = new Int32Array(size).fill(-1)
    const mask = size - 1
    for (let entry = 0; entry < this.values.length; entry++) {
      let slot = this.hashes[entry] & mask
      while (slots[slot] !== -1) slot = (slot + 1) & mask
      slots[slot] = entry
    }
    this.slots = slots
    this.mask = mask
  }
}
