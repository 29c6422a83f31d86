// A set of (a, b) pairs of non-negative 32-bit integers, each numbered 0, 1, 2 … in order of first
// insertion, for the aggregator's group-bys (customer × product, customer × day, customer ×
// invoice …). At 100× Online Retail there are 26M customer × product pairs: a JS Map caps at 2^24
// entries and costs about 80 bytes an entry, while this costs 8 bytes of keys per entry plus a
// 4-byte slot table kept at most half full (open addressing, linear probing), and it grows by
// doubling. The caller keeps its values in its own arrays, indexed by the entry number.

/** Slot table size at which the table doubles: entries > slots × MAX_LOAD. */
const MAX_LOAD = 0.5

function hash (a: number, b: number): number {
  // murmur3's finaliser over a mix of both keys: consecutive customer or product numbers spread
  // over the whole table instead of clustering in neighbouring slots.
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}

export class KeyIndex {
  private slots: Int32Array
  private mask: number
  private keysA: Int32Array
  private keysB: Int32Array
  private count = 0

  constructor (initialCapacity = 1024) {
    let size = 16
    while (size * MAX_LOAD < initialCapacity) size *= 2
    this.slots = new Int32Array(size).fill(-1)
    this.mask = size - 1
    this.keysA = new Int32Array(Math.max(8, initialCapacity))
    this.keysB = new Int32Array(Math.max(8, initialCapacity))
  }

  /** how many distinct pairs */
  get size (): number { return this.count }

  /** The entry number of (a, b), inserting the pair when new (then the number is `size - 1`). */
  id (a: number, b: number): number {
    if (this.mask === -1) throw new Error('KeyIndex: insertion after freeze()')
    let slot = hash(a, b) & this.mask
    for (;;) {
      const entry = this.slots[slot]
      if (entry === -1) break
      if (this.keysA[entry] === a && this.keysB[entry] === b) return entry
      slot = (slot + 1) & this.mask
    }
    const entry = this.count++
    if (entry === this.keysA.length) this.growKeys()
    this.keysA[entry] = a
    this.keysB[entry] = b
    this.slots[slot] = entry
    if (this.count > this.slots.length * MAX_LOAD) this.rehash()
    return entry
  }

  /** The entry number of (a, b), or -1 when it was never inserted. */
  find (a: number, b: number): number {
    if (this.mask === -1) throw new Error('KeyIndex: find after freeze()')
    let slot = hash(a, b) & this.mask
    for (;;) {
      const entry = this.slots[slot]
      if (entry === -1) return -1
      if (this.keysA[entry] === a && this.keysB[entry] === b) return entry
      slot = (slot + 1) & this.mask
    }
  }

  /** first keys by entry number (a view: valid until the next insertion) */
  get a (): Int32Array { return this.keysA.subarray(0, this.count) }
  /** second keys by entry number (a view: valid until the next insertion) */
  get b (): Int32Array { return this.keysB.subarray(0, this.count) }

  /** The keys, handed over (as `a` and `b`): the index is empty afterwards. */
  takeKeys (): { a: Int32Array, b: Int32Array } {
    const keys = { a: this.a, b: this.b }
    this.keysA = new Int32Array(0)
    this.keysB = new Int32Array(0)
    this.count = 0
    this.freeze()
    return keys
  }

  /** Frees the slot table: `find` and `id` may not be called afterwards, the keys stay readable. */
  freeze (): void {
    this.slots = new Int32Array(0)
    this.mask = -1
  }

  private growKeys (): void {
    const capacity = this.keysA.length * 2
    const a = new Int32Array(capacity)
    a.set(this.keysA)
    this.keysA = a
    const b = new Int32Array(capacity)
    b.set(this.keysB)
    this.keysB = b
  }

  private rehash (): void {
    const size = this.slots.length * 2
    const slots = new Int32Array(size).fill(-1)
    const mask = size - 1
    for (let entry = 0; entry < this.count; entry++) {
      let slot = hash(this.keysA[entry], this.keysB[entry]) & mask
      while (slots[slot] !== -1) slot = (slot + 1) & mask
      slots[slot] = entry
    }
    this.slots = slots
    this.mask = mask
  }
}

/** A growable Float64Array of values by entry number, doubling like KeyIndex's keys. */
export class GrowableFloat64 {
  private data: Float64Array
  constructor (initialCapacity = 1024) {
    this.data = new Float64Array(Math.max(8, initialCapacity))
  }

  /** The array, at least `length` long (new entries are 0: the caller sets them when it inserts). */
  reserve (length: number): Float64Array {
    if (length > this.data.length) {
      let capacity = this.data.length * 2
      while (capacity < length) capacity *= 2
      const next = new Float64Array(capacity)
      next.set(this.data)
      this.data = next
    }
    return this.data
  }

  get values (): Float64Array { return this.data }

  /** The values, handed over: this array is empty afterwards, so its memory goes with the caller's last reference. */
  take (): Float64Array {
    const data = this.data
    this.data = new Float64Array(0)
    return data
  }
}
