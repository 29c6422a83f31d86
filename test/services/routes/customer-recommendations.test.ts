// GET /customers/:id/recommendations on the fixture model (test/helpers/fixtures.ts: its
// neighbours, popularity and FIXTURE_PURCHASES).
import t from 'tap'
import { build } from '../../helpers/build.js'
import { FIXTURE_PRODUCTS, FIXTURE_PURCHASES, publishFixture } from '../../helpers/fixtures.js'

interface Item { code: string, description: string, score: number, sharedCustomers: number, source: string }
interface Answer { customer: { id: string, purchasedProducts: number }, version: string, fallback: boolean, reason?: string, recommendations: Item[] }

const code = (index: number): string => FIXTURE_PRODUCTS[index].code
const codes = (items: Item[]): string[] => items.map((item) => item.code)

function sample (text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

t.test('a known customer gets the basket aggregation of everything they bought, none of it again', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })

  // 12347 bought 85123A (0) and 22423 (3): 71053 .62 via 0; 22720 .55 via 3; 84879 .31 + .22 via both; 84406B .48 via 0
  const response = await app.inject({ url: '/customers/12347/recommendations?limit=4' })
  t.equal(response.statusCode, 200)
  t.equal(response.headers['content-type'], 'application/json; charset=utf-8')
  t.equal(response.headers['cache-control'], 'private, max-age=60', 'about a person: not for shared caches')
  const body = response.json<Answer>()
  t.same(body.customer, { id: '12347', purchasedProducts: 2 })
  t.equal(body.version, version)
  t.equal(body.fallback, false)
  t.notOk('reason' in body)
  t.same(codes(body.recommendations), [code(1), code(4), code(5), code(2)])
  t.same(body.recommendations.map((item) => item.score), [0.62, 0.55, 0.53, 0.48])
  t.same(body.recommendations[2], { code: '84879', description: FIXTURE_PRODUCTS[5].description, score: 0.53, sharedCustomers: 6, source: 'neighbours' }, 'summed scores, max shared customers')

  const full = (await app.inject({ url: '/customers/12347.0/recommendations' })).json<Answer>()
  t.equal(full.customer.id, '12347', 'a spreadsheet float id finds the customer')
  t.same(codes(full.recommendations), [code(1), code(4), code(5), code(2), code(6)], 'topped up with the one popular product left')
  t.equal(full.recommendations[4].source, 'popular')

  for (const [id, bought] of Object.entries(FIXTURE_PURCHASES)) {
    const answer = (await app.inject({ url: `/customers/${id}/recommendations?limit=50` })).json<Answer>()
    const boughtCodes = new Set(bought.map(code))
    t.notOk(codes(answer.recommendations).some((c) => boughtCodes.has(c)), `${id}: nothing already bought`)
    t.notOk(codes(answer.recommendations).includes('POST'), `${id}: no non-product code`)
    t.equal(answer.customer.purchasedProducts, bought.length)
  }
})

t.test('exclude removes more products; cached and computed answers agree', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const comma = (await app.inject({ url: '/customers/12347/recommendations?limit=3&exclude=71053,%2022720,NOPE' })).json<Answer>()
  const repeated = (await app.inject({ url: '/customers/12347/recommendations?limit=3&exclude=71053&exclude=22720' })).json<Answer>()
  t.same(codes(comma.recommendations), [code(5), code(2), code(6)])
  t.same(repeated, comma)
  for (const url of ['/customers/12347/recommendations?limit=4', '/customers/17850/recommendations', '/customers/14646/recommendations?limit=50']) {
    const first = await app.inject({ url })
    const cached = await app.inject({ url })
    const computed = await app.inject({ url: `${url}${url.includes('?') ? '&' : '?'}exclude=NOPE` })
    t.equal(cached.body, first.body, `${url}: the same answer twice`)
    t.same(cached.json(), computed.json(), `${url}: cached = computed`)
    t.equal(computed.headers['content-type'], 'application/json; charset=utf-8')
  }
})

t.test('too little history: popular products, flagged as a fallback and counted', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  // 17850 bought only 23166, which has no neighbours; 12346 only postage
  for (const id of ['17850', '17850', '12346']) {
    const body = (await app.inject({ url: `/customers/${id}/recommendations?limit=3` })).json<Answer>()
    t.equal(body.fallback, true, id)
    t.equal(body.reason, 'no-co-purchase-data', id)
    t.same(codes(body.recommendations), [code(0), code(3), code(5)], `${id}: the most popular products`)
    t.ok(body.recommendations.every((item) => item.source === 'popular' && item.score === 0 && item.sharedCustomers === 0))
  }
  // 14646 bought every recommendable product but 23166: every neighbour is something they bought
  const everything = (await app.inject({ url: '/customers/14646/recommendations' })).json<Answer>()
  t.match(everything, { fallback: true, reason: 'all-neighbours-excluded' })
  t.same(codes(everything.recommendations), [code(6)], 'the one product they never bought')
  const text = (await app.inject('/metrics')).body
  t.equal(sample(text, 'shopper_recommendation_fallbacks_total', '{reason="no-co-purchase-data"}'), 3, 'cached answers counted too')
  t.equal(sample(text, 'shopper_recommendation_fallbacks_total', '{reason="all-neighbours-excluded"}'), 1)
})

t.test('an unknown customer is 404 with a pointer to POST /recommendations', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const unknown = await app.inject({ url: '/customers/99999/recommendations' })
  t.equal(unknown.statusCode, 404)
  t.same(unknown.json(), {
    statusCode: 404,
    error: 'Not Found',
    code: 'ERR_CUSTOMER_NOT_FOUND',
    message: `customer "99999" is not in the training data of model version ${version}: for a customer the model does not know (an anonymous session), POST /recommendations with their basket`
  })
  t.equal(unknown.headers['cache-control'], 'no-store')
})

t.test('?version=: another version, an unknown one, and one published before purchases.bin', async (t) => {
  const dir = t.testdir()
  const current = await publishFixture(dir)
  const old = await publishFixture(dir, { purchases: false, variant: 1, updateLatest: false })
  const app = await build(t, { artifactsDir: dir })

  t.equal((await app.inject({ url: `/customers/12347/recommendations?version=${current.version}` })).json<Answer>().version, current.version)
  const before = await app.inject({ url: `/customers/12347/recommendations?version=${old.version}` })
  t.equal(before.statusCode, 404)
  t.same(before.json(), {
    statusCode: 404,
    error: 'Not Found',
    code: 'ERR_PURCHASES_NOT_FOUND',
    message: `model version ${old.version} has no customer purchases (published without purchases.bin): retrain, ask a newer ?version=, or POST /recommendations with the customer's basket`
  })
  t.equal((await app.inject({ url: `/customers/12347?version=${old.version}` })).statusCode, 200, 'the rest of the old version serves')
  t.equal((await app.inject({ url: `/customers/99999/recommendations?version=${old.version}` })).json().code, 'ERR_CUSTOMER_NOT_FOUND', 'an unknown customer is still that')

  const missing = await app.inject({ url: '/customers/12347/recommendations?version=20200101T000000Z-000000' })
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'ERR_MODEL_VERSION_NOT_FOUND')
  const invalid = await app.inject({ url: '/customers/12347/recommendations?version=..%2F..' })
  t.equal(invalid.statusCode, 400)
})

t.test('an active version without purchases.bin still serves; its customers\' recommendations are a clear 404', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir, { purchases: false })
  const app = await build(t, { artifactsDir: dir })
  t.equal((await app.inject({ url: '/customers/12347' })).statusCode, 200)
  t.equal((await app.inject({ url: '/recommendations/85123A' })).statusCode, 200)
  t.equal((await app.inject({ url: '/customers/12347/recommendations' })).json().code, 'ERR_PURCHASES_NOT_FOUND')
})

t.test('limit, exclude and unknown parameters are validated: 400 with what was wrong', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const cases: Array<[string, RegExp]> = [
    ['limit=0', /querystring\/limit must be >= 1/],
    ['limit=51', /querystring\/limit must be <= 50/],
    ['limit=1.5', /querystring\/limit must be an integer in decimal digits/],
    ['limit=1e1', /querystring\/limit must be an integer in decimal digits/],
    ['limit=%2B3', /querystring\/limit must be an integer in decimal digits/],
    ['limit=ten', /querystring\/limit must be an integer in decimal digits/],
    [`exclude=${Array.from({ length: 201 }, (_, i) => `C${i}`).join(',')}`, /querystring\/exclude must NOT have more than 200 items/],
    [`exclude=${'X'.repeat(65)}`, /querystring\/exclude\/0 must NOT have more than 64 characters/],
    ['basket=85123A', /querystring\/basket is not a parameter of this route/]
  ]
  for (const [query, message] of cases) {
    const response = await app.inject({ url: `/customers/12347/recommendations?${query}` })
    t.equal(response.statusCode, 400, query.slice(0, 40))
    t.match(response.json(), { code: 'ERR_VALIDATION', message }, query.slice(0, 40))
  }
  t.equal((await app.inject({ url: `/customers/${'1'.repeat(65)}/recommendations` })).statusCode, 400, 'an id over 64 characters')
})
