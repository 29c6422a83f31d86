// CORS through inject: off by default (a browser's preflight is refused like any unserved
// method), and with CORS_ORIGINS the preflight and the simple request of a listed origin get the
// CORS headers, an unlisted origin gets none, and errors and load shedding's 503s carry them too.
import t from 'tap'
import { build, waitFor } from '../../../helpers/build.js'
import { publishFixture } from '../../../helpers/fixtures.js'

const SHOP = 'https://shop.example'
const preflight = (origin: string, method = 'GET', headers?: string) => ({
  method: 'OPTIONS' as const,
  url: '/recommendations/85123A',
  headers: { origin, 'access-control-request-method': method, ...(headers ? { 'access-control-request-headers': headers } : {}) }
})

async function app (t: Parameters<typeof build>[0], env: Record<string, string | number> = {}) {
  const dir = t.testdir()
  await publishFixture(dir)
  return build(t, { artifactsDir: dir, env })
}

t.test('off by default: no CORS headers, and a preflight gets the 405 of an unserved method', async (t) => {
  const fastify = await app(t)
  const answer = await fastify.inject(preflight(SHOP))
  t.equal(answer.statusCode, 405)
  t.match(answer.json(), { code: 'ERR_METHOD_NOT_ALLOWED' })
  t.notOk(answer.headers['access-control-allow-origin'])
  const simple = await fastify.inject({ url: '/recommendations/85123A', headers: { origin: SHOP } })
  t.equal(simple.statusCode, 200)
  t.notOk(simple.headers['access-control-allow-origin'], 'the browser refuses to hand the answer to the page')
  t.notOk(simple.headers.vary)
})

t.test('a listed origin: the preflight is answered 204 with what may be sent, the request with its origin', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: `${SHOP}, http://localhost:8080` })
  const answer = await fastify.inject(preflight(SHOP, 'POST', 'content-type'))
  t.equal(answer.statusCode, 204)
  t.equal(answer.body, '')
  t.equal(answer.headers['access-control-allow-origin'], SHOP)
  t.equal(answer.headers['access-control-allow-methods'], 'GET, HEAD, POST')
  t.equal(answer.headers['access-control-allow-headers'], 'content-type, x-request-id, if-none-match')
  t.equal(answer.headers['access-control-max-age'], '600')
  t.notOk(answer.headers['access-control-allow-credentials'])
  t.match(answer.headers.vary, /Origin/)

  const simple = await fastify.inject({ url: '/recommendations/85123A', headers: { origin: 'http://localhost:8080' } })
  t.equal(simple.statusCode, 200)
  t.equal(simple.headers['access-control-allow-origin'], 'http://localhost:8080')
  t.equal(simple.headers['access-control-expose-headers'], 'x-request-id, retry-after, etag')
  t.match(simple.headers.vary, /Origin/, 'a cache keeps one answer per origin')
  t.match(simple.json(), { product: { code: '85123A' } })

  const post = await fastify.inject({ method: 'POST', url: '/recommendations', headers: { origin: SHOP }, payload: { products: ['85123A'] } })
  t.equal(post.statusCode, 200)
  t.equal(post.headers['access-control-allow-origin'], SHOP)
})

t.test('an unlisted origin gets no Access-Control-Allow-Origin, so its page cannot read the answer', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: SHOP })
  for (const origin of ['https://evil.example', 'https://shop.example.evil.example', 'http://shop.example', 'null']) {
    const answer = await fastify.inject(preflight(origin))
    t.notOk(answer.headers['access-control-allow-origin'], `preflight from ${origin}`)
    const simple = await fastify.inject({ url: '/recommendations/85123A', headers: { origin } })
    t.equal(simple.statusCode, 200, 'the service still answers (CORS is the browser\'s to enforce)')
    t.notOk(simple.headers['access-control-allow-origin'], `request from ${origin}`)
  }
})

t.test('* allows any origin, without Vary', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: '*' })
  const answer = await fastify.inject(preflight('https://anyone.example'))
  t.equal(answer.statusCode, 204)
  t.equal(answer.headers['access-control-allow-origin'], '*')
  const simple = await fastify.inject({ url: '/segments', headers: { origin: 'https://anyone.example' } })
  t.equal(simple.headers['access-control-allow-origin'], '*')
})

t.test('the model operations stay same-origin: no PUT/DELETE, no Authorization across origins', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: SHOP })
  const answer = await fastify.inject({ ...preflight(SHOP, 'PUT', 'authorization, content-type'), url: '/models/active' })
  t.equal(answer.statusCode, 204)
  t.notMatch(answer.headers['access-control-allow-methods'], /PUT|DELETE/)
  t.notMatch(answer.headers['access-control-allow-headers'], /authorization/)
})

t.test('an OPTIONS that is no preflight gets an empty 204, not a text body', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: SHOP })
  const answer = await fastify.inject({ method: 'OPTIONS', url: '/segments' })
  t.equal(answer.statusCode, 204)
  t.equal(answer.body, '')
})

t.test('errors carry the CORS headers, so the page can read the error body', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: SHOP })
  const notFound = await fastify.inject({ url: '/recommendations/99999X', headers: { origin: SHOP } })
  t.equal(notFound.statusCode, 404)
  t.equal(notFound.headers['access-control-allow-origin'], SHOP)
  t.match(notFound.json(), { code: 'ERR_PRODUCT_NOT_FOUND' })
})

t.test('load shedding\'s 503 carries them too (CORS runs first), with Retry-After exposed', async (t) => {
  const fastify = await app(t, { CORS_ORIGINS: SHOP, MAX_HEAP_USED_RATIO: 0.001, RETRY_AFTER_SECONDS: 4 })
  await waitFor(() => fastify.loadShedding.pressure(), 5000, 'the first pressure sample')
  const shed = await fastify.inject({ url: '/recommendations/85123A', headers: { origin: SHOP } })
  t.equal(shed.statusCode, 503)
  t.equal(shed.headers['retry-after'], '4')
  t.equal(shed.headers['access-control-allow-origin'], SHOP)
  t.match(shed.headers['access-control-expose-headers'], /retry-after/)
  t.match(shed.json(), { code: 'ERR_OVERLOADED' })
})
