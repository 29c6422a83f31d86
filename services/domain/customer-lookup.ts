// Known customers (the training data's) by id: an open-addressing hash table of row numbers over the
// customers file's id column, built once per version in the loader's worker. Not a Map: at 10M
// customers a Map of id strings costs about 1 GB and seconds to build on every load; the table is
// one Uint32Array (4 bytes a slot, ≥ 1.5 slots a customer: 64 MiB at 10M) and the ids stay in the
// file's bytes. Not the binary search the sorted column allows either: that is 24 dependent reads
// at 10M customers, each a cache miss for an id not asked lately; a hash finds a customer in one
// or two (measured at 10M over 20k random ids: 1.0 µs a lookup against the search's 1.7–2.1).
import type { StringColumn } from '../../lib/artifacts/index.js'
import { hashBytes } from '../../lib/hash-bytes.js'

export interface CustomerLookup {
  /** the customers file's id column (unique: lib/artifacts checks that on load) */
  readonly ids: StringColumn
  /** row + 1 of the id hashed to each slot (linear probing), 0 for an empty slot; length a power of 2 */
  readonly slots: Uint32Array
}

/** Slots for `count` ids: a power of 2 with at least half a slot spare per id (load factor ≤ 2/3). */
export function slotCount (count: number): number {
  let slots = 1
  while (slots < count + Math.ceil(count / 2)) slots *= 2
  return slots
}

/** Built in about 1 s at 10M customers (in the loader's worker, off the thread that serves). */
export function buildCustomerLookup (ids: StringColumn): CustomerLookup {
  const { bytes, offsets } = ids
  const count = offsets.length - 1
  const slots = new Uint32Array(slotCount(count))
  const mask = slots.length - 1
  for (let row = 0; row < count; row++) {
    let slot = hashBytes(bytes, offsets[row], offsets[row + 1]) & mask
    while (slots[slot] !== 0) slot = (slot + 1) & mask
    slots[slot] = row + 1
  }
  return { ids, slots }
}

function findBytes ({ ids, slots }: CustomerLookup, key: Uint8Array): number {
  const { bytes, offsets } = ids
  const mask = slots.length - 1
  for (let slot = hashBytes(key, 0, key.length) & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
    const row = slots[slot] - 1
    const start = offsets[row]
    const length = offsets[row + 1] - start
    if (length !== key.length) continue
    let k = 0
    while (k < length && bytes[start + k] === key[k]) k++
    if (k === length) return row
  }
  return -1
}

// Spreadsheets and pandas exports turn numeric ids into floats ("12347.0"): accept that spelling.
const FLOAT_ID = /^(\d+)\.0+$/

/** The position (row) of the customer with this id (trimmed; "12347.0" also finds "12347"), or -1. */
export function findCustomer (lookup: CustomerLookup, id: string): number {
  const trimmed = id.trim()
  const found = findBytes(lookup, Buffer.from(trimmed, 'utf8'))
  if (found >= 0) return found
  const integral = FLOAT_ID.exec(trimmed)
  return integral ? findBytes(lookup, Buffer.from(integral[1], 'utf8')) : -1
}
