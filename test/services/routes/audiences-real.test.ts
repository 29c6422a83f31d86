// Audiences and movements on two versions trained on the bundled UCI Online Retail data (the
// default seed, then another seed): every page walk covers each customer once, sorts and filters
// hold, cursors cannot be forged or reused elsewhere, the CSV export is the same list, and the
// transition table and movers agree with the two versions' customers.bin.
import t from 'tap'
import { customerRecords, loadVersion, type LoadedVersion } from '../../../lib/artifacts/index.js'
import { toCents } from '../../../lib/money.js'
import { trainAndPublish } from '../../../trainer/train.js'
import { build } from '../../helpers/build.js'

interface Row { id: string, recency: number, frequency: number, monetary: number, segment: { id: number, label: string } }
interface Page { version: string, customers: Row[], nextCursor: string | null, size?: number, value: unknown }

const dir = t.testdir()
const first = await trainAndPublish({ out: dir })
// seed 13 ends k = 4 in another optimum than the default seed (31 customers move); seed 7, used
// before issue 12, now gives the same segments as the default and so no movers
const second = await trainAndPublish({ out: dir, seed: 13 })
const before: LoadedVersion = await loadVersion(dir, first.version)
const after: LoadedVersion = await loadVersion(dir, second.version)
const app = await build(t, { artifactsDir: dir })

async function get<T = Page> (url: string, headers: Record<string, string> = {}): Promise<{ status: number, body: T, headers: Record<string, unknown>, text: string }> {
  const response = await app.inject({ url, headers })
  return { status: response.statusCode, body: (response.headers['content-type'] as string).startsWith('application/json') ? response.json<T>() : undefined as T, headers: response.headers, text: response.body }
}

/** Every page of `url` (which has a query already), in order. */
async function walk (url: string): Promise<{ rows: Row[], pages: number }> {
  const rows: Row[] = []
  let pages = 0
  for (let cursor: string | null = null; ;) {
    const page: { status: number, body: Page } = await get(cursor === null ? url : `${url}&cursor=${cursor}`)
    if (page.status !== 200) throw new Error(`${url}: ${page.status} ${JSON.stringify(page.body)}`)
    rows.push(...page.body.customers)
    pages++
    cursor = page.body.nextCursor
    if (cursor === null) return { rows, pages }
  }
}

const customers = customerRecords(after.customers)
const labels = after.segments.segments.map((s) => s.label)

t.test('each segment\'s pages cover its customers exactly once, sorted', async (t) => {
  const seen = new Map<string, number>()
  for (const segment of after.segments.segments) {
    const { rows } = await walk(`/segments/${segment.id}/customers?limit=1000`)
    t.equal(rows.length, segment.size, `${segment.label}: ${segment.size} customers`)
    for (const row of rows) {
      seen.set(row.id, (seen.get(row.id) ?? 0) + 1)
      if (row.segment.id !== segment.id) t.fail(`${row.id} is in ${row.segment.label}`)
    }
    for (let i = 1; i < rows.length; i++) if (rows[i].monetary > rows[i - 1].monetary) t.fail(`${segment.label}: not by monetary, descending, at ${i}`)
  }
  t.equal(seen.size, customers.length, 'every customer')
  t.ok([...seen.values()].every((n) => n === 1), 'each once')

  const small = await walk('/segments/At-Risk/customers?limit=37&sort=recency&order=asc')
  const atRisk = customers.filter((c) => labels[c.segment] === 'At-Risk')
  t.equal(small.rows.length, atRisk.length, 'pages of 37')
  t.equal(small.pages, Math.ceil(atRisk.length / 37))
  t.same(new Set(small.rows.map((r) => r.id)), new Set(atRisk.map((c) => c.id)))
  t.ok(small.rows.every((r, i) => i === 0 || r.recency >= small.rows[i - 1].recency), 'recency ascending')
  const frequent = await walk('/segments/high-value/customers?limit=1000&sort=frequency')
  t.ok(frequent.rows.every((r, i) => i === 0 || r.frequency <= frequent.rows[i - 1].frequency), 'frequency descending; the label in any case')
  const known = customers.find((c) => c.id === '12347')!
  const row = [...frequent.rows, ...small.rows].find((r) => r.id === '12347') ?? (await walk(`/segments/${known.segment}/customers?limit=1000`)).rows.find((r) => r.id === '12347')
  t.match(row, { id: '12347', recency: known.recency, frequency: known.frequency, monetary: 4310, segment: { id: known.segment, label: labels[known.segment] } }, 'a row: RFM (money in cents) and segment')
})

t.test('filters', async (t) => {
  const id = labels.indexOf('High-Value')
  const expected = customers.filter((c) => c.segment === id && toCents(c.monetary) >= 5000 && c.recency <= 30)
  const { rows } = await walk(`/segments/${id}/customers?limit=100&minMonetary=5000&maxRecency=30`)
  t.ok(expected.length > 10, `${expected.length} High-Value customers spent 5000+ and bought in the last 30 days`)
  t.same(rows.map((r) => r.id).sort(), expected.map((c) => c.id).sort())
  const lapsed = await walk('/segments/At-Risk/customers?limit=1000&minRecency=300&minFrequency=2')
  t.ok(lapsed.rows.length > 0 && lapsed.rows.every((r) => r.recency >= 300 && r.frequency >= 2), `${lapsed.rows.length} lapsed repeat buyers`)
  const none = await get('/segments/At-Risk/customers?minMonetary=100000000')
  t.same([none.status, none.body.customers, none.body.nextCursor], [200, [], null], 'nothing matches: an empty last page')
})

t.test('bad cursors, unknown segments, value sorts without value estimates', async (t) => {
  const page = await get('/segments/At-Risk/customers?limit=10')
  const cursor = page.body.nextCursor!
  const tampered = cursor.slice(0, -2) + (cursor.endsWith('AA') ? 'BB' : 'AA')
  for (const [what, url] of [
    ['tampered', `/segments/At-Risk/customers?limit=10&cursor=${tampered}`],
    ['garbage', '/segments/At-Risk/customers?cursor=not-a-cursor'],
    ['another segment', `/segments/High-Value/customers?limit=10&cursor=${cursor}`],
    ['another sort', `/segments/At-Risk/customers?limit=10&sort=recency&cursor=${cursor}`],
    ['another filter', `/segments/At-Risk/customers?limit=10&minMonetary=1&cursor=${cursor}`],
    ['another version', `/segments/At-Risk/customers?limit=10&version=${first.version}&cursor=${cursor}`]
  ]) {
    const answer = await get(url)
    t.equal(answer.status, 400, what)
    t.match(answer.body, { code: 'ERR_CURSOR_INVALID' }, what)
  }
  t.equal((await get(`/segments/At-Risk/customers?limit=99&cursor=${cursor}`)).status, 200, 'the page size may change between pages')

  const unknown = await get('/segments/VIP/customers')
  t.equal(unknown.status, 404)
  t.match(unknown.body, { code: 'ERR_SEGMENT_NOT_FOUND', message: /"VIP" is not a segment of model version .*0 High-Value, 1 Regular, 2 Occasional, 3 At-Risk/ })
  t.equal((await get('/segments/9/customers')).status, 404, 'an id out of range')
  t.equal((await get('/segments/At-Risk/customers?limit=1001')).status, 400)
  t.equal((await get('/segments/At-Risk/customers?limit=0')).status, 400)
  t.equal((await get('/segments/At-Risk/customers?sort=price')).status, 400)
  t.equal((await get('/segments/At-Risk/customers?minPAlive=2')).status, 400)

  if (page.body.value === null) {
    for (const query of ['sort=expectedRevenue', 'minExpectedRevenue=10', 'minPAlive=0.5']) {
      const answer = await get(`/segments/At-Risk/customers?${query}`)
      t.equal(answer.status, 422, query)
      t.match(answer.body, { code: 'ERR_NO_VALUE_ESTIMATES', message: /has no value estimates/ })
    }
  } else {
    type ValuePage = Omit<Page, 'customers'> & { value: { horizonDays: number, dropout: string }, customers: Array<Row & { expectedRevenue: number, pAlive: number | null }> }
    const top = await get<ValuePage>('/segments/At-Risk/customers?sort=expectedRevenue&limit=1000')
    t.ok(top.body.customers.length > 0 && top.body.customers.every((r, i) => i === 0 || r.expectedRevenue <= top.body.customers[i - 1].expectedRevenue), 'by expected revenue, descending')
    const { rows } = await walk('/segments/High-Value/customers?limit=1000&minExpectedRevenue=1000')
    t.ok(rows.every((r) => (r as Row & { expectedRevenue: number }).expectedRevenue >= 1000), `${rows.length} High-Value customers expected to spend 1000+`)
    const alive = await get('/segments/At-Risk/customers?minPAlive=0.5')
    if (top.body.value.dropout === 'degenerate') {
      t.equal(alive.status, 422, 'no P(alive) to filter on')
      t.match(alive.body, { code: 'ERR_P_ALIVE_NOT_ESTIMATED' })
      t.ok(top.body.customers.every((r) => r.pAlive === null), 'pAlive null, not 1')
    } else {
      t.equal(alive.status, 200)
    }
  }
})

t.test('CSV export: the whole audience, streamed, as a download', async (t) => {
  const atRisk = customers.filter((c) => labels[c.segment] === 'At-Risk')
  for (const [what, url, headers] of [
    ['?format=csv', '/segments/At-Risk/customers?format=csv', {}],
    ['Accept: text/csv', '/segments/at-risk/customers', { accept: 'text/csv' }]
  ] as const) {
    const answer = await get(url, headers)
    t.equal(answer.status, 200, what)
    t.match(answer.headers['content-type'], /^text\/csv; charset=utf-8/)
    t.equal(answer.headers['content-disposition'], `attachment; filename="at-risk-${second.version}.csv"`)
    const lines = answer.text.split('\r\n')
    t.equal(lines.at(-1), '', 'ends with a line break')
    t.match(lines[0], /^id,recency,frequency,monetary,segment_id,segment(,expected_purchases,p_alive,expected_order_value,expected_revenue)?$/)
    t.equal(lines.length - 2, atRisk.length, `${atRisk.length} rows`)
    const json = await walk('/segments/At-Risk/customers?limit=1000')
    t.same(lines.slice(1, -1).map((line) => line.split(',')[0]), json.rows.map((r) => r.id), 'in the same order as the pages')
    const known = atRisk[0]
    t.ok(lines.some((line) => line.startsWith(`${known.id},${known.recency},${known.frequency},${toCents(known.monetary)},${known.segment},At-Risk`)), 'a row in cents')
  }
  const json = await get('/segments/At-Risk/customers', { accept: 'application/json, text/csv;q=0.5' })
  t.match(json.headers['content-type'], /^application\/json/, 'JSON when Accept prefers it')
  const etagJson = (await get('/segments/At-Risk/customers')).headers.etag
  const etagCsv = (await get('/segments/At-Risk/customers', { accept: 'text/csv' })).headers.etag
  t.not(etagJson, etagCsv, 'one ETag per format')
  t.match((await get('/segments/At-Risk/customers')).headers.vary, /accept/i)
  t.match((await get('/segments/At-Risk/customers')).headers['cache-control'], /^private/, 'a list of customers is private')
  const filtered = await get('/segments/High-Value/customers?format=csv&minMonetary=10000')
  const expected = customers.filter((c) => labels[c.segment] === 'High-Value' && toCents(c.monetary) >= 10000)
  t.equal(filtered.text.split('\r\n').length - 2, expected.length, 'filters apply to the export')
  t.equal((await get('/segments/At-Risk/customers?format=csv&limit=10')).status, 400, 'no pages in CSV')
})

t.test('transitions between the two versions', async (t) => {
  const table = await get<{ version: string, from: string, customers: Record<string, number>, transitions: Array<{ from: string, to: string, customers: number }> }>('/segments/transitions')
  t.equal(table.status, 200)
  t.equal(table.body.version, second.version)
  t.equal(table.body.from, first.version, 'from: the version before the one serving')
  const was = new Map(customerRecords(before.customers).map((c) => [c.id, before.segments.segments[c.segment].label]))
  const expected = new Map<string, number>()
  let same = 0
  for (const c of customers) {
    const key = `${was.get(c.id)} → ${labels[c.segment]}`
    expected.set(key, (expected.get(key) ?? 0) + 1)
    if (was.get(c.id) === labels[c.segment]) same++
  }
  t.same(new Map(table.body.transitions.map((r) => [`${r.from} → ${r.to}`, r.customers])), expected)
  t.match(table.body.customers, { previous: 4338, current: 4338, inBoth: 4338, new: 0, gone: 0, sameSegment: same })
  t.ok(same / customers.length >= 0.99, `another seed keeps ${(100 * same / customers.length).toFixed(2)} % of labels`)
  t.same((await get(`/segments/transitions?from=${first.version}`)).body, table.body, 'from named')

  const oldest = await get(`/segments/transitions?version=${first.version}`)
  t.equal(oldest.status, 404)
  t.match(oldest.body, { code: 'ERR_NO_EARLIER_VERSION', message: /is the oldest in the artifacts directory/ })
  const missing = await get('/segments/transitions?from=20200101T000000Z-abcdef')
  t.equal(missing.status, 404)
  t.match(missing.body, { code: 'ERR_MODEL_VERSION_NOT_FOUND', message: /^from: model version 20200101T000000Z-abcdef is not in the artifacts directory/ })
  t.equal((await get('/segments/transitions?from=latest')).status, 400)

  // the movers of every pair with some, and one CSV
  for (const { from, to, customers: n } of table.body.transitions.filter((r) => r.from !== r.to)) {
    const { rows } = await walk(`/segments/transitions/customers?fromSegment=${encodeURIComponent(from)}&toSegment=${encodeURIComponent(to)}&limit=7`)
    t.equal(rows.length, n, `${from} → ${to}: ${n} movers`)
    t.ok(rows.every((r) => r.segment.label === to && was.get(r.id) === from))
  }
  const [mover] = table.body.transitions.filter((r) => r.from !== r.to).sort((a, b) => b.customers - a.customers)
  const csv = await get(`/segments/transitions/customers?from=${first.version}&fromSegment=${encodeURIComponent(mover.from)}&toSegment=${encodeURIComponent(mover.to)}`, { accept: 'text/csv' })
  t.equal(csv.status, 200)
  t.equal(csv.text.split('\r\n').length - 2, mover.customers)
  t.match(csv.headers['content-disposition'], new RegExp(`^attachment; filename="[a-z-]+-to-[a-z-]+-${second.version}\\.csv"$`))
  t.equal((await get('/segments/transitions/customers?fromSegment=VIP&toSegment=At-Risk')).status, 404)
})

t.test('GET /customers/{id} says where the customer was in the version before', async (t) => {
  const known = customers.find((c) => c.id === '12347')!
  const previous = customerRecords(before.customers).find((c) => c.id === '12347')!
  const answer = await get<{ previous: unknown }>('/customers/12347')
  t.same(answer.body.previous, { version: first.version, segment: { id: previous.segment, label: before.segments.segments[previous.segment].label } })
  t.equal(labels[known.segment], before.segments.segments[previous.segment].label)
  t.equal((await get<{ previous: unknown }>(`/customers/12347?version=${first.version}`)).body.previous, null, 'the oldest version has no previous')
})

t.test('GET /customers/{id} carries the same value estimates as the audiences, with the dropout verdict beside P(alive)', async (t) => {
  const values = after.values
  if (values === undefined) throw new Error('the version has values.bin')
  const audience = await walk('/segments/0/customers?limit=1000')
  let compared = 0
  for (const row of audience.rows.slice(0, 50)) {
    const { status, body } = await get<Record<string, unknown>>(`/customers/${row.id}`)
    t.equal(status, 200)
    const position = customers.findIndex((c) => c.id === row.id)
    t.match(body, {
      id: row.id,
      value: { horizonDays: values.horizonDays, dropout: values.dropout },
      expectedPurchases: values.expectedPurchases[position],
      pAlive: values.pAlive === null ? null : values.pAlive[position],
      expectedOrderValue: values.expectedOrderValue[position],
      expectedRevenue: values.expectedRevenue[position]
    }, `customer ${row.id}`)
    t.same(Object.fromEntries(['expectedPurchases', 'pAlive', 'expectedOrderValue', 'expectedRevenue'].map((k) => [k, body[k]])),
      Object.fromEntries(['expectedPurchases', 'pAlive', 'expectedOrderValue', 'expectedRevenue'].map((k) => [k, (row as unknown as Record<string, unknown>)[k]])), 'as its audience row says')
    compared++
  }
  t.equal(compared, 50)
  t.equal(values.dropout, 'degenerate', 'Online Retail: dropout cannot be estimated')
  const one = await get<Record<string, unknown>>(`/customers/${customers[0].id}`)
  t.equal(one.body.pAlive, null, 'P(alive) is null, never a made-up 1')
})
