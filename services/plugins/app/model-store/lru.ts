// A tiny least-recently-used map: a Map keeps insertion order, so re-inserting on access moves an
// entry to the end and the first key is always the least recently used.
export class LruMap<K, V> {
  readonly capacity: number
  readonly #entries = new Map<K, V>()

  constructor (capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must be a non-negative integer, got ${capacity}`)
    this.capacity = capacity
  }

  get size (): number { return this.#entries.size }

  has (key: K): boolean { return this.#entries.has(key) }

  get (key: K): V | undefined {
    const value = this.#entries.get(key)
    if (value !== undefined) {
      this.#entries.delete(key)
      this.#entries.set(key, value)
    }
    return value
  }

  /** Stores `value` and returns the keys evicted to stay within capacity. */
  set (key: K, value: V): K[] {
    this.#entries.delete(key)
    this.#entries.set(key, value)
    const evicted: K[] = []
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break
      this.#entries.delete(oldest)
      evicted.push(oldest)
    }
    return evicted
  }

  delete (key: K): boolean { return this.#entries.delete(key) }

  /** keys, least recently used first */
  keys (): K[] { return [...this.#entries.keys()] }
}
