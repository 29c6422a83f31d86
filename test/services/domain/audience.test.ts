import t from 'tap'
import { customerTableOf, encodeStrings, type KnownCustomer, type SegmentModel } from '../../../lib/artifacts/index.js'
import { acceptsFilters, buildAudienceIndex, descendingOrder, findSegment, WIDE_DIGITS_FROM, listing, pageOf, valueProblem, type CustomerValueColumns } from '../../../services/domain/audience.js'
import { CSV_ROWS_PER_CHUNK, audienceCsv, audienceRow } from '../../../services/domain/audience-rows.js'
import { decodeCursor, encodeCursor, listingContext } from '../../../services/domain/cursor.js'

const N = 30_000
const customers: KnownCustomer[] = Array.from({ length: N }, (_, i) => ({
  id: String(10000 + i), recency: i % 365, frequency: 1 + (i % 13), monetary: (i * 7919) % 10007 / 3, segment: i % 3
}))
const table = customerTableOf({ customers }).table
const values: CustomerValueColumns = {
  horizonDays: 90,
  dropout: 'estimated',
  expectedPurchases: customers.map((_, i) => (i % 17) / 4),
  pAlive: customers.map((_, i) => (i % 101) / 100),
  expectedOrderValue: customers.map((_, i) => (i % 50) + 0.123),
  expectedRevenue: customers.map((_, i) => ((i * 31) % 997) + 0.005)
}
const model = { segments: ['High-Value', 'Regular', 'At-Risk'].map((label, id) => ({ id, label })) } as unknown as SegmentModel

t.test('pages walk every customer of a segment once, in order, with filters', async (t) => {
  const index = buildAudienceIndex(table, 3, values)
  t.equal(index.values?.expectedRevenue[0], 0.01, 'money in cents')
  for (const order of ['desc', 'asc'] as const) {
    for (const sort of ['monetary', 'recency', 'expectedRevenue'] as const) {
      const accepts = acceptsFilters(index, { minPAlive: 0.2, maxPAlive: 0.8, minFrequency: 3 })
      const list = listing(index, 2, sort, order, accepts)
      const seen: number[] = []
      for (let start: number | null = 0; start !== null;) {
        const page = pageOf(list, start, 33)
        seen.push(...page.customers)
        start = page.next
      }
      const expected = customers.map((_, i) => i).filter((i) => i % 3 === 2 && values.pAlive![i] >= 0.2 && values.pAlive![i] <= 0.8 && customers[i].frequency >= 3)
      t.same([...seen].sort((a, b) => a - b), expected, `${sort} ${order}: each once`)
      const key = (i: number): number => sort === 'expectedRevenue' ? index.values!.expectedRevenue[i] : customers[i][sort]
      t.ok(seen.every((c, i) => i === 0 || (order === 'desc' ? key(c) <= key(seen[i - 1]) : key(c) >= key(seen[i - 1]))), `${sort} ${order}: sorted`)
    }
  }
  t.match(audienceRow(index, model, 5), { id: '10005', segment: { id: 2, label: 'At-Risk' }, pAlive: 0.05, expectedRevenue: 155.01 })
})

t.test('what a version without values or without P(alive) cannot answer', async (t) => {
  const none = buildAudienceIndex(table, 3, null)
  t.equal(none.order.expectedRevenue, undefined)
  t.match(valueProblem(none, 'V', 'expectedRevenue', {}), { code: 'ERR_NO_VALUE_ESTIMATES' })
  t.match(valueProblem(none, 'V', 'monetary', { minExpectedRevenue: 1 }), { code: 'ERR_NO_VALUE_ESTIMATES' })
  t.equal(valueProblem(none, 'V', 'monetary', { minMonetary: 1 }), null)
  t.equal(audienceRow(none, model, 0).expectedRevenue, undefined)
  const degenerate = buildAudienceIndex(table, 3, { ...values, dropout: 'degenerate', pAlive: null })
  t.match(valueProblem(degenerate, 'V', 'expectedRevenue', { maxPAlive: 0.5 }), { code: 'ERR_P_ALIVE_NOT_ESTIMATED' })
  t.equal(audienceRow(degenerate, model, 0).pAlive, null)
})

t.test('segments by id or label, any case', async (t) => {
  t.equal(findSegment(model, 'at-risk')?.id, 2)
  t.equal(findSegment(model, ' 1 ')?.id, 1)
  t.equal(findSegment(model, '3'), undefined)
  t.equal(findSegment(model, '01'), undefined)
})

t.test('the CSV export is made a chunk at a time, as it is read', async (t) => {
  const index = buildAudienceIndex(table, 3, values)
  const stream = audienceCsv(index, model, listing(index, 0, 'monetary', 'desc', null))
  const chunks: string[] = []
  for await (const chunk of stream) chunks.push(String(chunk))
  const size = customers.filter((c) => c.segment === 0).length
  t.ok(chunks.length > 1, `${chunks.length} reads for ${size} rows (chunks of ${CSV_ROWS_PER_CHUNK} rows, joined by the stream when read faster than made)`)
  const lines = chunks.join('').split('\r\n')
  t.equal(lines[0], 'id,recency,frequency,monetary,segment_id,segment,expected_purchases,p_alive,expected_order_value,expected_revenue')
  t.equal(lines.length - 2, size)

  // lazily: reading the first chunk does not make the rest
  let made = 0
  const counting = audienceCsv(index, model, listing(index, 0, 'monetary', 'desc', () => { made++; return true }))
  const first = await counting[Symbol.asyncIterator]().next()
  t.ok(String(first.value).length > 0)
  t.ok(made < size, `${made} of ${size} rows made after the first chunk`)
})

t.test('cursors: only the listing that made one takes it back', async (t) => {
  const context = listingContext('V1', 'audience', { segment: 2, sort: 'monetary', order: 'desc', minMonetary: undefined })
  const cursor = encodeCursor(context, 1234)
  t.equal(decodeCursor(context, cursor), 1234)
  t.equal(decodeCursor(listingContext('V1', 'audience', { order: 'desc', sort: 'monetary', segment: 2 }), cursor), 1234, 'key order and undefined filters do not matter')
  t.equal(decodeCursor(listingContext('V2', 'audience', { segment: 2, sort: 'monetary', order: 'desc' }), cursor), null, 'another version')
  t.equal(decodeCursor(listingContext('V1', 'audience', { segment: 1, sort: 'monetary', order: 'desc' }), cursor), null, 'another segment')
  const text = Buffer.from(cursor, 'base64url').toString()
  t.equal(decodeCursor(context, Buffer.from(text.replace('1234', '1235')).toString('base64url')), null, 'another rank')
  for (const bad of ['', 'x', '!!!!', cursor + 'A', 'A'.repeat(65)]) t.equal(decodeCursor(context, bad), null, JSON.stringify(bad))
})

t.test('descendingOrder is the comparator sort: largest first, ties by position, over few and many distinct values', async (t) => {
  let seed = 7
  const random = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
  for (const [n, spread] of [[0, 1], [1, 1], [50, 3], [5000, 40], [200_000, 150_000], [WIDE_DIGITS_FROM - 1, 1e9], [WIDE_DIGITS_FROM, 1e9]] as const) {
    const key = Float64Array.from({ length: n }, () => Math.floor(random() * spread) / 4 - (spread > 10 ? 7 : 0))
    if (n > 2) key[1] = -0 // -0 and 0 are the same key
    const expected = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => (key[b] - key[a]) || (a - b))
    t.same([...descendingOrder(key)], [...expected], `${n} keys, ${spread} distinct at most`)
  }
})

t.test('descendingOrder with positions lists the positions, ties in the order they come (how each segment is sorted)', async (t) => {
  const key = Float64Array.of(5, 9, 5, 1, 9, 5)
  const positions = Int32Array.of(3, 8, 11, 20, 21, 40)
  t.same([...descendingOrder(key, positions)], [8, 21, 3, 11, 40, 20])
  t.same([...positions], [3, 8, 11, 20, 21, 40], 'the positions given are not reordered in place')
})

t.test('buildAudienceIndex: each segment sorted by every key matches a comparator sort of that segment alone', async (t) => {
  let seed = 3
  const random = (): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
  const n = 20_000
  const segments = 5
  const segment = Uint32Array.from({ length: n }, () => Math.floor(random() * segments))
  const column = (): Float64Array => Float64Array.from({ length: n }, () => Math.round(random() * 3000) / 100)
  const table = { count: n, ids: encodeStrings(Array.from({ length: n }, (_, i) => `C${String(i).padStart(6, '0')}`)), recency: column(), frequency: column(), monetary: column(), segment }
  const index = buildAudienceIndex(table, segments, null)
  for (const sort of ['monetary', 'frequency', 'recency'] as const) {
    for (let s = 0; s < segments; s++) {
      const expected = Int32Array.from({ length: n }, (_, i) => i).filter((i) => segment[i] === s).sort((a, b) => (table[sort][b] - table[sort][a]) || (a - b))
      t.same([...index.order[sort]![s]], [...expected], `${sort}, segment ${s}`)
    }
  }
})
