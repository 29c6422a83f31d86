import t from 'tap'
import { build } from '../../helpers/build.js'
import { FIXTURE_NEIGHBOURS, FIXTURE_PRODUCTS, publishFixture } from '../../helpers/fixtures.js'

interface Item { code: string, description: string, score: number, sharedCustomers: number, source: string }
interface Answer { version: string, fallback: boolean, reason?: string, recommendations: Item[], product?: { code: string, description: string }, basket?: unknown[], unknownProducts?: string[] }

const code = (index: number): string => FIXTURE_PRODUCTS[index].code
const codes = (items: Item[]): string[] => items.map((item) => item.code)
/** recommendable fixture products by customers, the popularity ranking */
const POPULAR = FIXTURE_PRODUCTS.map((p, i) => ({ p, i })).filter(({ p }) => p.recommendable)
  .sort((a, b) => b.p.customers - a.p.customers || a.i - b.i).map(({ i }) => i)

t.test('GET /recommendations/:product answers the stored neighbours, then popular products', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })

  const response = await app.inject({ url: '/recommendations/85123A?limit=2' })
  t.equal(response.statusCode, 200)
  const body = response.json<Answer>()
  t.same(body, {
    product: { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER' },
    version,
    fallback: false,
    recommendations: FIXTURE_NEIGHBOURS[0].slice(0, 2).map(([n, score, shared]) => ({
      code: code(n), description: FIXTURE_PRODUCTS[n].description, score, sharedCustomers: shared, source: 'neighbours'
    }))
  })
  t.notOk('reason' in body, 'no reason without a fallback')

  const full = (await app.inject({ url: '/recommendations/%2085123a%20' })).json<Answer>()
  t.equal(full.product?.code, '85123A', 'trimmed and case-insensitive')
  const neighbours = FIXTURE_NEIGHBOURS[0].map(([n]) => code(n))
  const popularFill = POPULAR.filter((i) => i !== 0 && !FIXTURE_NEIGHBOURS[0].some(([n]) => n === i)).map(code)
  t.same(codes(full.recommendations), [...neighbours, ...popularFill], 'default limit 10: every other recommendable product, neighbours first')
  t.same(full.recommendations.map((item) => item.source), [...neighbours.map(() => 'neighbours'), ...popularFill.map(() => 'popular')])
  t.notOk(codes(full.recommendations).includes('POST'), 'non-product codes are never recommended')
})

t.test('answers served from the cache are the answers computed for the request', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const url of ['/recommendations/85123A?limit=4', '/recommendations/23166', '/recommendations/84879?limit=50']) {
    const first = await app.inject({ url })
    const cached = await app.inject({ url })
    // an exclude that matches nothing takes the uncached path
    const computed = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}exclude=NOPE` })
    t.equal(cached.body, first.body, `${url}: same answer twice`)
    t.same(cached.json(), computed.json(), `${url}: cached = computed`)
    t.equal(cached.headers['content-type'], 'application/json; charset=utf-8')
    t.equal(computed.headers['content-type'], 'application/json; charset=utf-8')
  }
})

t.test('exclude takes comma-separated codes, repeated parameters, any case; unknown codes are ignored', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const comma = (await app.inject({ url: '/recommendations/85123A?limit=3&exclude=71053,%2084406b,NOPE' })).json<Answer>()
  const repeated = (await app.inject({ url: '/recommendations/85123A?limit=3&exclude=71053&exclude=84406B' })).json<Answer>()
  t.equal(codes(comma.recommendations)[0], '84879', 'the best neighbour left')
  t.notOk(codes(comma.recommendations).some((c) => c === '71053' || c === '84406B'))
  t.same(repeated.recommendations, comma.recommendations)
})

t.test('a product without co-purchase data gets popular products, flagged as a fallback', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const body = (await app.inject({ url: '/recommendations/23166?limit=3' })).json<Answer>()
  t.equal(body.fallback, true)
  t.equal(body.reason, 'no-co-purchase-data')
  t.same(codes(body.recommendations), POPULAR.filter((i) => code(i) !== '23166').slice(0, 3).map(code))
  t.ok(body.recommendations.every((item) => item.source === 'popular' && item.score === 0))

  const excluded = (await app.inject({ url: '/recommendations/22720?limit=2&exclude=22423' })).json<Answer>()
  t.equal(excluded.reason, 'all-neighbours-excluded', "22720's only neighbour is excluded")
})

t.test('unknown products and bad parameters are 4xx with a clear message', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const unknown = await app.inject({ url: '/recommendations/99999X' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { statusCode: 404, error: 'Not Found', code: 'ERR_PRODUCT_NOT_FOUND', message: /product "99999X" is not in the catalogue of model version/ })

  for (const query of ['limit=0', 'limit=51', 'limit=ten', 'version=../../etc', 'version=latest']) {
    const response = await app.inject({ url: `/recommendations/85123A?${query}` })
    t.equal(response.statusCode, 400, query)
    t.match(response.json(), { statusCode: 400, code: 'ERR_VALIDATION', message: /querystring/ }, query)
  }
  const tooLong = await app.inject({ url: `/recommendations/${'A'.repeat(65)}` })
  t.equal(tooLong.statusCode, 400)
})

t.test('?version= answers from that version; an unknown one is 404', async (t) => {
  const dir = t.testdir()
  const old = await publishFixture(dir, { variant: 0 })
  const latest = await publishFixture(dir, { variant: 1 })
  const app = await build(t, { artifactsDir: dir })
  t.equal((await app.inject({ url: '/recommendations/85123A' })).json<Answer>().version, latest.version)
  const pinned = (await app.inject({ url: `/recommendations/85123A?limit=1&version=${old.version}` })).json<Answer>()
  t.equal(pinned.version, old.version)
  t.equal(pinned.recommendations[0].score, FIXTURE_NEIGHBOURS[0][0][1], 'the old version\'s scores')
  const missing = await app.inject({ url: '/recommendations/85123A?version=20200101T000000Z-000000' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'ERR_MODEL_VERSION_NOT_FOUND')
})

t.test('without a model the service says it is not ready', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const response = await app.inject({ url: '/recommendations/85123A' })
  t.equal(response.statusCode, 503)
  t.equal(response.json().code, 'ERR_MODEL_NOT_READY')
})

t.test('POST /recommendations aggregates the basket, excluding it; unknown codes are listed', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const response = await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A', '22423', 'nope', '85123a'], limit: 4 } })
  t.equal(response.statusCode, 200)
  const body = response.json<Answer>()
  t.same(body.basket, [
    { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER' },
    { code: '22423', description: 'REGENCY CAKESTAND 3 TIER' }
  ])
  t.same(body.unknownProducts, ['nope'])
  t.equal(body.version, version)
  t.equal(body.fallback, false)

  // the rule by hand: score = sum over basket products, sharedCustomers = max
  const sums = new Map<number, { score: number, shared: number }>()
  for (const b of [0, 3]) {
    for (const [n, score, shared] of FIXTURE_NEIGHBOURS[b]) {
      if (n === 0 || n === 3) continue
      const entry = sums.get(n) ?? { score: 0, shared: 0 }
      sums.set(n, { score: entry.score + score, shared: Math.max(entry.shared, shared) })
    }
  }
  const expected = [...sums].sort(([, a], [, b]) => b.score - a.score).slice(0, 4)
  t.same(codes(body.recommendations), expected.map(([n]) => code(n)))
  body.recommendations.forEach((item, i) => {
    t.ok(Math.abs(item.score - expected[i][1].score) < 1e-9, `${item.code} score`)
    t.equal(item.sharedCustomers, expected[i][1].shared, `${item.code} shared customers`)
  })

  const excluded = (await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A', '22423'], exclude: [code(expected[0][0])] } })).json<Answer>()
  t.notOk(codes(excluded.recommendations).includes(code(expected[0][0])))
})

t.test('POST /recommendations refuses bad baskets', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const none = await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['NOPE', 'NADA'] } })
  t.equal(none.statusCode, 404)
  t.match(none.json(), { code: 'ERR_PRODUCT_NOT_FOUND', message: /none of the basket's products .*NOPE, NADA/ })
  for (const payload of [{ products: [] }, { products: Array.from({ length: 101 }, (_, i) => String(i)) }, { products: ['85123A'], limit: 0 }, {}, { products: [''] }]) {
    const response = await app.inject({ method: 'POST', url: '/recommendations', payload })
    t.equal(response.statusCode, 400, JSON.stringify(payload).slice(0, 60))
    t.equal(response.json().code, 'ERR_VALIDATION')
  }
  const fallback = (await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['23166'], limit: 2 } })).json<Answer>()
  t.equal(fallback.fallback, true)
  t.equal(fallback.reason, 'no-co-purchase-data')
})

t.test('bodies are taken as sent: no type coercion (exclude [false], products [1], limit "5")', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const cases: Array<[object, string]> = [
    [{ products: ['85123A'], exclude: [false] }, 'body/exclude/0 must be string'],
    [{ products: [85123] }, 'body/products/0 must be string'],
    [{ products: ['85123A'], limit: '5' }, 'body/limit must be integer'],
    [{ products: ['85123A'], limit: true }, 'body/limit must be integer'],
    [{ products: ['85123A'], limit: null }, 'body/limit must be integer'],
    [{ products: '85123A' }, 'body/products must be array']
  ]
  for (const [payload, message] of cases) {
    const response = await app.inject({ method: 'POST', url: '/recommendations', payload })
    t.equal(response.statusCode, 400, JSON.stringify(payload))
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message }, JSON.stringify(payload))
  }
})

t.test('?exclude= takes at most 200 codes, counted one by one however they are sent (as the body form)', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const codesList = (n: number): string[] => Array.from({ length: n }, (_, i) => `C${i}`)
  const tooMany = [
    `exclude=${codesList(201).join(',')}`,
    `exclude=${codesList(100).join(',')}&exclude=${codesList(101).join(',')}`,
    codesList(201).map((c) => `exclude=${c}`).join('&')
  ]
  for (const query of tooMany) {
    const response = await app.inject({ url: `/recommendations/85123A?${query}` })
    t.equal(response.statusCode, 400, query.slice(0, 40))
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: 'querystring/exclude must NOT have more than 200 items' })
  }
  const enough = await app.inject({ url: `/recommendations/85123A?exclude=${codesList(199).join(',')},71053` })
  t.equal(enough.statusCode, 200, '200 codes pass')
  t.notOk(codes(enough.json<Answer>().recommendations).includes('71053'))
  const long = await app.inject({ url: `/recommendations/85123A?exclude=${'A'.repeat(65)}` })
  t.equal(long.statusCode, 400, 'each value is a product code (64 characters at most), as in the body')
  t.same(long.json().message, 'querystring/exclude/0 must NOT have more than 64 characters')
  for (const query of ['exclude=', 'exclude=71053,', 'exclude=,71053']) {
    t.equal((await app.inject({ url: `/recommendations/85123A?${query}` })).statusCode, 200, `${query}: empty values are ignored`)
  }
})

t.test('the body form\'s exclude holds one code per item: a comma is not a separator there (200 items cannot hide thousands of codes)', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const plain = (await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A'], limit: 3 } })).json<Answer>()
  const best = plain.recommendations[0].code
  const joined = (await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A'], limit: 3, exclude: [`NOPE,${best}`] } })).json<Answer>()
  t.equal(joined.recommendations[0].code, best, '"NOPE,<code>" is one (unknown) code, not two')
  const single = (await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A'], limit: 3, exclude: [` ${best.toLowerCase()} `] } })).json<Answer>()
  t.notOk(codes(single.recommendations).includes(best), 'a code is still matched trimmed and in any case')
})
