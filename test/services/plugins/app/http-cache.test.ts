// HTTP caching of model answers through inject: ETag and Cache-Control on the GET answers of the
// model routes, 304 on If-None-Match before the handler runs, a new tag after a swap, long-lived
// answers for ?version=, private answers for customers, no-store for the ops routes, probes,
// metrics and every error.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import app, { serverOptions } from '../../../../services/app.js'
import { build } from '../../../helpers/build.js'
import { publishFixture } from '../../../helpers/fixtures.js'
import { cachePolicyOf } from '../../../../services/plugins/app/http-cache.js'
import { ifNoneMatchHas } from '../../../../services/http/entity-tag.js'

const ACTIVE = 'public, max-age=60'
const NAMED = 'public, max-age=86400, immutable'

async function serving (t: Test) {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const fastify = await build(t, { artifactsDir: dir })
  return { dir, v1, app: fastify }
}

t.test('GET answers of the model routes: a weak ETag naming the version, Cache-Control for the active version', async (t) => {
  const { app, v1 } = await serving(t)
  for (const url of ['/recommendations/85123A', '/recommendations/85123A?limit=3&exclude=71053', '/products?q=heart', '/products/22423', '/segments']) {
    const answer = await app.inject(url)
    t.equal(answer.statusCode, 200, url)
    t.match(answer.headers.etag, new RegExp(`^W/"${v1.version}\\.[A-Za-z0-9_-]{16}"$`), `${url}: ETag`)
    t.equal(answer.headers['cache-control'], ACTIVE, `${url}: Cache-Control`)
  }
  const customer = await app.inject('/customers/12347')
  t.equal(customer.headers['cache-control'], 'private, max-age=60', 'a customer\'s data is not for shared caches')
  t.ok(customer.headers.etag)
})

t.test('the tag is the request as the route sees it: same for spellings it cannot tell apart, different otherwise', async (t) => {
  const { app } = await serving(t)
  const tag = async (url: string) => (await app.inject(url)).headers.etag
  t.equal(await tag('/recommendations/85123A'), await tag('/recommendations/85123%41'), 'percent-encoding')
  t.equal(await tag('/recommendations/85123A?limit=3&exclude=71053'), await tag('/recommendations/85123A?exclude=71053&limit=3'), 'parameter order')
  t.equal(await tag('/recommendations/85123A?exclude=71053,84406B'), await tag('/recommendations/85123A?exclude=71053&exclude=84406B'), 'list spellings')
  t.not(await tag('/recommendations/85123A'), await tag('/recommendations/85123A?limit=3'))
  t.not(await tag('/recommendations/85123A'), await tag('/recommendations/71053'))
  t.not(await tag('/products?q=heart'), await tag('/products?q=hearts'))
  t.equal(await tag('/recommendations/85123A'), (await app.inject({ method: 'HEAD', url: '/recommendations/85123A' })).headers.etag, 'HEAD has GET\'s tag')
})

t.test('a long URL (not remembered) gets the same tag every time, and its 304', async (t) => {
  const { app } = await serving(t)
  const url = `/products?q=${encodeURIComponent('cœur é'.repeat(16))}`
  t.ok(url.length > 256)
  const first = await app.inject(url)
  t.equal(first.statusCode, 200)
  t.equal((await app.inject(url)).headers.etag, first.headers.etag)
  t.equal((await app.inject({ url, headers: { 'if-none-match': String(first.headers.etag) } })).statusCode, 304)
})

t.test('If-None-Match naming the tag: 304, no body, the same validators; a stale or foreign tag gets the answer', async (t) => {
  const { app } = await serving(t)
  const first = await app.inject('/recommendations/85123A')
  const etag = String(first.headers.etag)
  for (const ifNoneMatch of [etag, etag.slice(2), `"other", ${etag}`]) {
    const again = await app.inject({ url: '/recommendations/85123A', headers: { 'if-none-match': ifNoneMatch } })
    t.equal(again.statusCode, 304, `If-None-Match: ${ifNoneMatch}`)
    t.equal(again.rawPayload.length, 0)
    t.equal(again.headers.etag, etag)
    t.equal(again.headers['cache-control'], ACTIVE)
  }
  const head = await app.inject({ method: 'HEAD', url: '/recommendations/85123A', headers: { 'if-none-match': etag } })
  t.equal(head.statusCode, 304)
  for (const ifNoneMatch of ['W/"20260101T000000Z-000000.AAAAAAAAAAAAAAAA"', '*']) {
    const full = await app.inject({ url: '/recommendations/85123A', headers: { 'if-none-match': ifNoneMatch } })
    t.equal(full.statusCode, 200, `If-None-Match: ${ifNoneMatch} gets the answer`)
    t.equal(full.body, first.body)
  }
  const otherProduct = await app.inject({ url: '/recommendations/71053', headers: { 'if-none-match': etag } })
  t.equal(otherProduct.statusCode, 200, 'a tag is only good for its own request')
})

t.test('a 304 does not run the handler', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const fastify = Fastify({ ...serverOptions, logger: false })
  t.teardown(() => fastify.close())
  await fastify.register(app, { env: { ARTIFACTS_DIR: dir, LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0 } })
  let runs = 0
  // a route under a model prefix gets the same hooks as the real ones
  fastify.get('/products/probe/count', async () => { runs++; return { runs } })
  await fastify.ready()
  const first = await fastify.inject('/products/probe/count')
  t.equal(runs, 1)
  const again = await fastify.inject({ url: '/products/probe/count', headers: { 'if-none-match': String(first.headers.etag) } })
  t.equal(again.statusCode, 304)
  t.equal(runs, 1, 'the handler did not run')
})

t.test('a swap changes every tag: the old one gets the new version\'s answer', async (t) => {
  const { app, dir, v1 } = await serving(t)
  const before = await app.inject('/recommendations/85123A')
  const v2 = await publishFixture(dir, { variant: 1 })
  await app.modelStore.refresh()
  t.equal(app.modelStore.current()?.version, v2.version)
  const after = await app.inject({ url: '/recommendations/85123A', headers: { 'if-none-match': String(before.headers.etag) } })
  t.equal(after.statusCode, 200)
  t.match(after.headers.etag, new RegExp(`^W/"${v2.version}\\.`))
  t.match(after.json(), { version: v2.version })
  // the first version is still there by name, under its old tag
  const named = await app.inject(`/recommendations/85123A?version=${v1.version}`)
  t.match(named.json(), { version: v1.version })
  t.not(named.headers.etag, before.headers.etag, 'a ?version= request is another request')
})

t.test('?version= answers are immutable for a day; their 304 works the same', async (t) => {
  const { app, v1 } = await serving(t)
  const url = `/segments?version=${v1.version}`
  const answer = await app.inject(url)
  t.equal(answer.statusCode, 200)
  t.equal(answer.headers['cache-control'], NAMED)
  t.match(answer.headers.etag, new RegExp(`^W/"${v1.version}\\.`))
  const again = await app.inject({ url, headers: { 'if-none-match': String(answer.headers.etag) } })
  t.equal(again.statusCode, 304)
  t.equal(again.headers['cache-control'], NAMED)
})

t.test('errors are no-store and untagged: unknown product, unknown or malformed version, no model yet', async (t) => {
  const { app } = await serving(t)
  for (const url of ['/recommendations/99999X', '/recommendations/85123A?version=20200101T000000Z-abcdef', '/recommendations/85123A?version=../x', '/recommendations/85123A?limit=500', '/customers/1']) {
    const answer = await app.inject(url)
    t.ok(answer.statusCode >= 400, `${url}: ${answer.statusCode}`)
    t.equal(answer.headers['cache-control'], 'no-store')
    t.notOk(answer.headers.etag)
  }
  const empty = await build(t, { artifactsDir: t.testdir() })
  const notReady = await empty.inject('/recommendations/85123A')
  t.equal(notReady.statusCode, 503)
  t.equal(notReady.headers['cache-control'], 'no-store')
  t.notOk(notReady.headers.etag)
})

t.test('not cacheable: ops routes, probes and metrics are no-store; POST answers carry nothing; the web page keeps its own', async (t) => {
  const { app } = await serving(t)
  for (const url of ['/models', '/models/active', '/health/live', '/health/ready', '/metrics']) {
    const answer = await app.inject(url)
    t.equal(answer.statusCode, 200, url)
    t.equal(answer.headers['cache-control'], 'no-store', `${url}: no-store`)
    t.notOk(answer.headers.etag)
  }
  const basket = await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['85123A'] } })
  t.equal(basket.statusCode, 200)
  t.notOk(basket.headers['cache-control'])
  t.notOk(basket.headers.etag)
  const page = await app.inject('/')
  t.equal(page.headers['cache-control'], 'no-cache', 'the web page keeps its own')
})

t.test('cachePolicyOf: by method and route pattern', async (t) => {
  t.same(cachePolicyOf(['GET'], '/recommendations/:product'), { kind: 'model-answer', audience: 'public' })
  t.same(cachePolicyOf(['HEAD'], '/customers/:id'), { kind: 'model-answer', audience: 'private' })
  t.same(cachePolicyOf(['POST'], '/segments'), { kind: 'model-post' })
  t.same(cachePolicyOf(['GET'], '/health/ready'), { kind: 'no-store' })
  t.same(cachePolicyOf(['GET'], '/models/active'), { kind: 'no-store' })
  t.equal(cachePolicyOf(['PUT'], '/models/active'), undefined)
  t.equal(cachePolicyOf(['GET'], '/models/:version/report'), undefined)
  t.equal(cachePolicyOf(['GET'], '/productsx'), undefined, 'a prefix is a whole segment')
  t.equal(cachePolicyOf(['GET'], '/openapi.json'), undefined)
})

t.test('ifNoneMatchHas: weak comparison over a list; * is not a match', async (t) => {
  t.ok(ifNoneMatchHas('W/"a"', 'W/"a"'))
  t.ok(ifNoneMatchHas('"a"', 'W/"a"'))
  t.ok(ifNoneMatchHas('"x", W/"a" ,"y"', '"a"'))
  t.notOk(ifNoneMatchHas('"b"', 'W/"a"'))
  t.notOk(ifNoneMatchHas('*', 'W/"a"'))
  t.notOk(ifNoneMatchHas(undefined, 'W/"a"'))
  t.notOk(ifNoneMatchHas('', 'W/"a"'))
})
