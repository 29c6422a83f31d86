import t from 'tap'
import { build } from '../../helpers/build.js'
import { FIXTURE_NEIGHBOURS, FIXTURE_PRODUCTS, publishFixture } from '../../helpers/fixtures.js'

interface Match { code: string, description: string, customers: number, match: string }

t.test('GET /products finds exact, substring and fuzzy matches, most popular first', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })

  const exact = await app.inject({ url: '/products?q=regency%20cakestand%203%20tier' })
  t.equal(exact.statusCode, 200)
  t.same(exact.json(), {
    version,
    query: 'regency cakestand 3 tier',
    matches: [{ code: '22423', description: 'REGENCY CAKESTAND 3 TIER', customers: 40, match: 'exact' }]
  })

  const white = (await app.inject({ url: '/products?q=white' })).json<{ matches: Match[] }>().matches
  const expected = FIXTURE_PRODUCTS.filter((p) => p.description.includes('WHITE')).sort((a, b) => b.customers - a.customers)
  t.same(white.map((m) => m.code), expected.map((p) => p.code))
  t.ok(white.every((m) => m.match === 'substring'))

  const typo = (await app.inject({ url: '/products?q=lantren' })).json<{ matches: Match[] }>().matches
  t.same(typo.map((m) => [m.code, m.match]), [['71053', 'fuzzy']])

  const byCode = (await app.inject({ url: '/products?q=84406b' })).json<{ matches: Match[] }>().matches
  t.same(byCode[0], { code: '84406B', description: 'CREAM CUPID HEARTS COAT HANGER', customers: 25, match: 'exact' })

  const limited = (await app.inject({ url: '/products?q=e&limit=2' })).json<{ matches: Match[] }>().matches
  t.equal(limited.length, 2)

  const none = (await app.inject({ url: '/products?q=zzzzzz' })).json<{ matches: Match[] }>()
  t.same(none.matches, [], 'no match is an empty list')
})

t.test('GET /products validates q and limit', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const query of ['', 'q=', `q=${'a'.repeat(101)}`, 'q=heart&limit=0', 'q=heart&limit=101', 'q=heart&version=nope']) {
    const response = await app.inject({ url: `/products?${query}` })
    t.equal(response.statusCode, 400, query || '(no q)')
    t.match(response.json(), { code: 'ERR_VALIDATION', message: /querystring/ })
  }
})

t.test('GET /products/:code answers the product with its popularity rank', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const ranking = FIXTURE_PRODUCTS.map((p, i) => ({ p, i })).filter(({ p }) => p.recommendable)
    .sort((a, b) => b.p.customers - a.p.customers || a.i - b.i).map(({ p }) => p.code)

  const response = await app.inject({ url: '/products/%2022423' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), {
    version,
    code: '22423',
    description: 'REGENCY CAKESTAND 3 TIER',
    customers: 40,
    quantity: 600,
    recommendable: true,
    popularityRank: ranking.indexOf('22423') + 1,
    neighbours: FIXTURE_NEIGHBOURS[3].length
  })
  const post = (await app.inject({ url: '/products/post' })).json()
  t.equal(post.recommendable, false)
  t.notOk('popularityRank' in post, 'non-product codes have no popularity rank')
  t.equal(post.neighbours, 0)

  const unknown = await app.inject({ url: '/products/NOPE' })
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { code: 'ERR_PRODUCT_NOT_FOUND', message: /product "NOPE" is not in the catalogue/ })
})
