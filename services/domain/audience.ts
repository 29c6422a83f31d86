// Audiences: the known customers of a segment, as pages or one CSV export, sorted and filtered the
// way campaigns pick them. Everything a page needs is built once when a version loads: for each
// sort key, every segment's customers as one typed array of positions (customers.bin's order),
// sorted by that key, largest first, ties by position. A page then reads `limit` positions from
// where the cursor says (backwards for ascending order), so it costs O(limit) without filters and
// O(positions scanned) with them — never a sort per request. Memory: 4 bytes per customer per sort
// key (430k customers, 4 keys: 7 MB).
import type { CustomerTable, SegmentModel } from '../../lib/artifacts/index.js'
import { toCents } from '../../lib/money.js'
import { fillBy } from '../../lib/typed-arrays.js'

export const AUDIENCE_SORTS = ['monetary', 'frequency', 'recency', 'expectedRevenue'] as const
export type AudienceSort = typeof AUDIENCE_SORTS[number]
export type SortOrder = 'asc' | 'desc'

/** Whether the dropout (and so P(alive)) could be estimated from the data (the value stage's flag). */
export type Dropout = 'estimated' | 'degenerate'

/**
 * What a version knows of each customer's future value (values.bin, aligned with customers.bin):
 * column i is customer i of customers.bin.
 */
export interface CustomerValueColumns {
  horizonDays: number
  dropout: Dropout
  expectedPurchases: ArrayLike<number>
  /** null when the dropout is degenerate: no meaningful P(alive) */
  pAlive: ArrayLike<number> | null
  expectedOrderValue: ArrayLike<number>
  expectedRevenue: ArrayLike<number>
}

export interface AudienceIndex {
  /** the customers file's columns, in its order (money in cents) */
  readonly customers: CustomerTable
  readonly values: CustomerValueColumns | null
  /** by sort key, by segment id: positions in `customers`, largest value first, ties by position */
  readonly order: Readonly<Partial<Record<AudienceSort, readonly Int32Array[]>>>
}

/** The filters a campaign selects with; each is optional, all must hold. */
export interface AudienceFilters {
  minMonetary?: number
  minFrequency?: number
  minRecency?: number
  maxRecency?: number
  minExpectedRevenue?: number
  minPAlive?: number
  maxPAlive?: number
}
export const VALUE_FILTERS = ['minExpectedRevenue', 'minPAlive', 'maxPAlive'] as const satisfies ReadonlyArray<keyof AudienceFilters>
export const P_ALIVE_FILTERS = ['minPAlive', 'maxPAlive'] as const satisfies ReadonlyArray<keyof AudienceFilters>

function sortKey (customers: CustomerTable, values: CustomerValueColumns | null, sort: AudienceSort): ArrayLike<number> | null {
  if (sort === 'expectedRevenue') return values?.expectedRevenue ?? null
  return customers[sort]
}

/**
 * From this many keys descendingOrder counts 16-bit digits. Below it, clearing and summing 65,536
 * counters four times costs more than the keys do (a few thousand customers per segment on a
 * shop's model: 30 ms of each swap's load went there); 8-bit digits take twice the passes over
 * the keys but 256 counters.
 */
export const WIDE_DIGITS_FROM = 65_536

/**
 * Positions by `key`, largest first, ties by the order they come in: a stable LSD radix sort of
 * the keys' IEEE 754 bits, mapped so that unsigned order is descending numeric order — counting
 * passes over 16-bit digits (four) from WIDE_DIGITS_FROM keys, 8-bit digits (eight) below it, each
 * skipped when every key has the same digit there (the low mantissa bits of whole days or cents
 * often are). Int32Array#sort with a comparator took ~20 comparator calls per customer (seconds
 * per key at 10M customers); a rank-based radix (native sort of the values, a binary search per
 * customer) still took 5 s per key there.
 * `positions[i]` is what entry i stands for (default i): the result lists positions.
 */
export function descendingOrder (key: ArrayLike<number>, positions?: Int32Array): Int32Array {
  const n = key.length
  const bits = new Float64Array(1)
  const word = new Uint32Array(bits.buffer) // little-endian: word[0] is the low half, word[1] the high half
  // the mapped keys travel with their positions, so every pass reads its input in order
  let lo = new Uint32Array(n)
  let hi = new Uint32Array(n)
  let from = positions === undefined ? new Int32Array(n) : Int32Array.from(positions)
  for (let i = 0; i < n; i++) {
    const v = key[i]
    bits[0] = v === 0 ? 0 : v // -0 sorts with 0
    if (word[1] >>> 31 === 0) { // zero or positive: larger values must come first, so invert all but the sign
      hi[i] = word[1] ^ 0x7fffffff
      lo[i] = ~word[0] >>> 0
    } else { // negative: its bits grow with the magnitude, i.e. fall with the value; after the positives
      hi[i] = word[1]
      lo[i] = word[0]
    }
    if (positions === undefined) from[i] = i
  }
  if (n === 0) return from
  let toLo = new Uint32Array(n)
  let toHi = new Uint32Array(n)
  let to = new Int32Array(n)
  const digitBits = n < WIDE_DIGITS_FROM ? 8 : 16
  const buckets = 1 << digitBits
  const mask = buckets - 1
  const count = new Uint32Array(buckets + 1)
  for (const high of [false, true]) {
    for (let shift = 0; shift < 32; shift += digitBits) {
      const digits = high ? hi : lo
      count.fill(0)
      for (let i = 0; i < n; i++) count[((digits[i] >>> shift) & mask) + 1]++
      if (count.includes(n)) continue // one digit for every key: this pass would change nothing
      for (let b = 0; b < buckets; b++) count[b + 1] += count[b]
      for (let i = 0; i < n; i++) {
        const at = count[(digits[i] >>> shift) & mask]++
        to[at] = from[i]
        toLo[at] = lo[i]
        toHi[at] = hi[i]
      }
      [from, to] = [to, from];
      [lo, toLo] = [toLo, lo];
      [hi, toHi] = [toHi, hi]
    }
  }
  return from
}

/** Each segment's positions, ascending: one pass over the customers. */
function positionsBySegment (customers: CustomerTable, segments: number): Int32Array[] {
  const segment = customers.segment
  const sizes = new Int32Array(segments)
  for (let i = 0; i < customers.count; i++) sizes[segment[i]]++
  const bySegment = Array.from(sizes, (size) => new Int32Array(size))
  const filled = new Int32Array(segments)
  for (let i = 0; i < customers.count; i++) bySegment[segment[i]][filled[segment[i]]++] = i
  return bySegment
}

/**
 * Every segment's positions sorted by `key` descending, ties by position. Each segment is sorted
 * on its own, its keys gathered in position order: sorting everyone at once and then dealing the
 * sorted positions out by segment read the segment column in random order (1.7 s of cache misses
 * for the four keys at 10M customers).
 */
function sortedBySegment (bySegment: readonly Int32Array[], key: ArrayLike<number>): Int32Array[] {
  return bySegment.map((positions) => descendingOrder(fillBy(new Float64Array(positions.length), (j) => key[positions[j]]), positions))
}

const centsOf = (column: ArrayLike<number>): Float64Array => fillBy(new Float64Array(column.length), (i) => toCents(column[i]))

/**
 * Synchronous: it runs in the model loader's worker thread (services/domain/load-worker.ts), off
 * the thread that answers requests, so a long sort (seconds at 10M customers) delays no request.
 */
export function buildAudienceIndex (customers: CustomerTable, segments: number, values: CustomerValueColumns | null): AudienceIndex {
  const rounded = values && {
    ...values,
    expectedOrderValue: centsOf(values.expectedOrderValue),
    expectedRevenue: centsOf(values.expectedRevenue)
  }
  const order: Partial<Record<AudienceSort, Int32Array[]>> = {}
  const bySegment = positionsBySegment(customers, segments)
  for (const sort of AUDIENCE_SORTS) {
    const key = sortKey(customers, rounded, sort)
    if (key === null) continue
    order[sort] = sortedBySegment(bySegment, key)
  }
  return { customers, values: rounded, order }
}

/** The segment `text` names in `model`: its id in decimal digits, or its label in any case. */
export function findSegment (model: SegmentModel, text: string): SegmentModel['segments'][number] | undefined {
  const trimmed = text.trim()
  if (/^(?:0|[1-9][0-9]{0,4})$/.test(trimmed)) return model.segments[Number(trimmed)]
  const lower = trimmed.toLowerCase()
  return model.segments.find((segment) => segment.label.toLowerCase() === lower)
}

/** "0 High-Value, 1 Regular, …": what a 404 lists. */
export function segmentChoices (model: SegmentModel): string {
  return model.segments.map(({ id, label }) => `${id} ${label}`).join(', ')
}

/** Why this version cannot answer these options (no value estimates, no P(alive)); null when it can. */
export function valueProblem (index: AudienceIndex, version: string, sort: AudienceSort, filters: AudienceFilters): { code: string, message: string } | null {
  const needsValues = sort === 'expectedRevenue' ? 'sort=expectedRevenue' : VALUE_FILTERS.find((name) => filters[name] !== undefined)
  if (needsValues !== undefined && index.values === null) {
    return {
      code: 'ERR_NO_VALUE_ESTIMATES',
      message: `model version ${version} has no value estimates (no values.bin), so ${needsValues} cannot be answered: sort by monetary, frequency or recency, or retrain`
    }
  }
  const needsPAlive = P_ALIVE_FILTERS.find((name) => filters[name] !== undefined)
  if (needsPAlive !== undefined && index.values !== null && index.values.pAlive === null) {
    return {
      code: 'ERR_P_ALIVE_NOT_ESTIMATED',
      message: `model version ${version} has no P(alive): its data could not estimate dropout (dropout: degenerate), so ${needsPAlive} cannot be answered`
    }
  }
  return null
}

/** The customers of one listing: positions in sort order and which of them belong. */
export interface Listing {
  readonly positions: Int32Array
  readonly descending: boolean
  /** null: every position belongs */
  readonly accepts: ((customer: number) => boolean) | null
}

/** A predicate for the filters (and `extra`, e.g. "was in segment s before"), null when nothing filters. */
export function acceptsFilters (index: AudienceIndex, filters: AudienceFilters, extra?: (customer: number) => boolean): ((customer: number) => boolean) | null {
  const { customers, values } = index
  const checks: Array<(i: number) => boolean> = []
  const { minMonetary, minFrequency, minRecency, maxRecency, minExpectedRevenue, minPAlive, maxPAlive } = filters
  if (extra) checks.push(extra)
  const { monetary, frequency, recency } = customers
  if (minMonetary !== undefined) checks.push((i) => monetary[i] >= minMonetary)
  if (minFrequency !== undefined) checks.push((i) => frequency[i] >= minFrequency)
  if (minRecency !== undefined) checks.push((i) => recency[i] >= minRecency)
  if (maxRecency !== undefined) checks.push((i) => recency[i] <= maxRecency)
  if (values) {
    const { expectedRevenue, pAlive } = values
    if (minExpectedRevenue !== undefined) checks.push((i) => expectedRevenue[i] >= minExpectedRevenue)
    if (pAlive && minPAlive !== undefined) checks.push((i) => pAlive[i] >= minPAlive)
    if (pAlive && maxPAlive !== undefined) checks.push((i) => pAlive[i] <= maxPAlive)
  }
  if (checks.length === 0) return null
  if (checks.length === 1) return checks[0]
  return (i) => checks.every((check) => check(i))
}

export function listing (index: AudienceIndex, segment: number, sort: AudienceSort, order: SortOrder, accepts: Listing['accepts']): Listing {
  const positions = index.order[sort]?.[segment]
  if (positions === undefined) throw new Error(`no ${sort} order for segment ${segment}`)
  return { positions, descending: order === 'desc', accepts }
}

/**
 * Up to `limit` customers of the listing from rank `start` on, and the rank of the next one that
 * belongs (null: none left). The next page starts exactly there, so nothing is scanned twice.
 */
export function pageOf ({ positions, descending, accepts }: Listing, start: number, limit: number): { customers: number[], next: number | null } {
  const n = positions.length
  const at = (rank: number): number => positions[descending ? rank : n - 1 - rank]
  const customers: number[] = []
  let rank = start
  for (; rank < n && customers.length < limit; rank++) {
    const customer = at(rank)
    if (accepts === null || accepts(customer)) customers.push(customer)
  }
  if (accepts !== null) while (rank < n && !accepts(at(rank))) rank++
  return { customers, next: rank < n ? rank : null }
}

/** Every customer of the listing, in order, `size` at a time (for a streamed export). */
export function * batchesOf (list: Listing, size: number): Generator<number[]> {
  for (let start: number | null = 0; start !== null;) {
    const { customers, next } = pageOf(list, start, size)
    if (customers.length > 0) yield customers
    start = next
  }
}
