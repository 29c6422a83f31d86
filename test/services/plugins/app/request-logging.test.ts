// The request log line through inject, with the service's pino logger writing to a stream that
// keeps the lines: one line per request at info with the fields operators search by; probes,
// scrapes and static files at debug unless they fail; Fastify's other lines (errors) kept.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import app, { instanceOptions, serverOptions } from '../../../../services/app.js'
import { loggerOptions } from '../../../../services/logger.js'
import { loadConfig, type LogLevel } from '../../../../services/plugins/external/env.js'
import { isRoutine } from '../../../../services/plugins/app/request-logging.js'
import { publishFixture } from '../../../helpers/fixtures.js'

interface Line { level: number, msg: string, reqId?: string, [field: string]: unknown }

const INFO = 30
const DEBUG = 20

async function logged (t: Test, level: LogLevel, options: { model?: boolean } = {}) {
  const dir = t.testdir()
  const published = options.model === false ? undefined : await publishFixture(dir)
  const lines: Line[] = []
  const fastify = Fastify({ ...serverOptions, logger: { ...(loggerOptions(level) as object), stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } })
  t.teardown(() => fastify.close())
  await fastify.register(app, { env: { ARTIFACTS_DIR: dir, LOG_LEVEL: level, MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0 } })
  fastify.get('/recommendations/probe/boom', async () => { throw new Error('the disk is on fire') })
  await fastify.ready()
  /** the lines of one request, by its id */
  const linesOf = (reqId: string): Line[] => lines.filter((line) => line.reqId === reqId)
  return { fastify, lines, linesOf, version: published?.version }
}

t.test('one line per request, at info, when the answer is sent, with the fields operators use', async (t) => {
  const { fastify, linesOf, lines, version } = await logged(t, 'info')
  const answer = await fastify.inject({ url: '/recommendations/85123A?limit=3', headers: { 'x-request-id': 'shop-req-1' } })
  t.equal(answer.statusCode, 200)
  const own = linesOf('shop-req-1')
  t.equal(own.length, 1, 'one line')
  const [line] = own
  t.equal(line.level, INFO)
  t.equal(line.msg, 'request completed')
  t.match(line, {
    method: 'GET',
    url: '/recommendations/85123A?limit=3',
    route: '/recommendations/:product',
    statusCode: 200,
    ip: '127.0.0.1',
    modelVersion: version
  })
  t.type(line.durationMs, 'number')
  t.ok((line.durationMs as number) >= 0)
  t.notOk(lines.some((l) => l.msg === 'incoming request'), 'Fastify\'s own lines are gone')
  t.notOk(line.req, 'no nested request object')
  t.ok(JSON.stringify(line).length < 400, `${JSON.stringify(line).length} bytes`)
})

t.test('every answer gets its line: 304, 404 without a route, a POST with the active version', async (t) => {
  const { fastify, linesOf, version } = await logged(t, 'info')
  const first = await fastify.inject('/segments')
  const notModified = await fastify.inject({ url: '/segments', headers: { 'x-request-id': 'r-304', 'if-none-match': String(first.headers.etag) } })
  t.equal(notModified.statusCode, 304)
  t.match(linesOf('r-304'), [{ statusCode: 304, route: '/segments', modelVersion: version }])

  await fastify.inject({ url: '/no/such/route', headers: { 'x-request-id': 'r-404' } })
  const [unmatched] = linesOf('r-404')
  t.match(unmatched, { level: INFO, statusCode: 404, url: '/no/such/route' })
  t.notOk('route' in unmatched, 'no route matched')
  t.notOk('modelVersion' in unmatched)

  await fastify.inject({ method: 'POST', url: '/segments', headers: { 'x-request-id': 'r-post' }, payload: { recency: 2, frequency: 7, monetary: 4310 } })
  t.match(linesOf('r-post'), [{ method: 'POST', route: '/segments', statusCode: 200, modelVersion: version }])

  await fastify.inject({ url: '/models', headers: { 'x-request-id': 'r-ops' } })
  t.match(linesOf('r-ops'), [{ level: INFO, route: '/models', statusCode: 200 }])
  t.notOk('modelVersion' in linesOf('r-ops')[0], 'no model answered')
})

t.test('a failure keeps the error handler\'s line beside the request\'s own', async (t) => {
  const { fastify, linesOf } = await logged(t, 'info')
  const answer = await fastify.inject({ url: '/recommendations/probe/boom', headers: { 'x-request-id': 'r-500' } })
  t.equal(answer.statusCode, 500)
  t.match(linesOf('r-500'), [{ level: 50, msg: 'request failed', err: { message: 'the disk is on fire' } }, { level: INFO, msg: 'request completed', statusCode: 500 }])
})

t.test('probes, the metrics scrape and static files are logged at debug only', async (t) => {
  const routine = ['/health/live', '/health/ready', '/metrics', '/', '/assets/style.css', '/docs', '/docs/static/index.css', '/openapi.json', '/favicon.ico']
  const quiet = await logged(t, 'info')
  for (const [i, url] of routine.entries()) {
    const answer = await quiet.fastify.inject({ url, headers: { 'x-request-id': `routine-${i}` } })
    t.ok(answer.statusCode < 500, `${url}: ${answer.statusCode}`)
    t.same(quiet.linesOf(`routine-${i}`), [], `${url}: no line at info`)
  }

  const verbose = await logged(t, 'debug')
  for (const [i, url] of routine.entries()) {
    await verbose.fastify.inject({ url, headers: { 'x-request-id': `routine-${i}` } })
    t.match(verbose.linesOf(`routine-${i}`), [{ level: DEBUG, msg: 'request received', url }, { level: DEBUG, msg: 'request completed', url }], `${url} at debug`)
  }
})

t.test('a failing probe is news: logged at info', async (t) => {
  const { fastify, linesOf } = await logged(t, 'info', { model: false })
  const answer = await fastify.inject({ url: '/health/ready', headers: { 'x-request-id': 'not-ready' } })
  t.equal(answer.statusCode, 503)
  // (besides the error handler's warning about the 503 itself)
  t.match(linesOf('not-ready').filter((line) => line.msg === 'request completed'), [{ level: INFO, route: '/health/ready', statusCode: 503 }])
})

t.test('at debug a request also gets a line when it arrives', async (t) => {
  const { fastify, linesOf } = await logged(t, 'debug')
  await fastify.inject({ url: '/products?q=heart', headers: { 'x-request-id': 'r-debug' } })
  t.match(linesOf('r-debug'), [
    { level: DEBUG, msg: 'request received', method: 'GET', url: '/products?q=heart' },
    { level: INFO, msg: 'request completed', route: '/products' }
  ])
})

t.test('behind a trusted proxy the line has the client\'s address', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const config = loadConfig({ ARTIFACTS_DIR: dir, TRUST_PROXY: 'loopback', MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0 })
  const lines: Line[] = []
  const fastify = Fastify({ ...instanceOptions(config), logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } })
  t.teardown(() => fastify.close())
  await fastify.register(app, { config })
  await fastify.ready()
  await fastify.inject({ url: '/segments', headers: { 'x-request-id': 'proxied', 'x-forwarded-for': '203.0.113.7' } })
  t.match(lines.filter((line) => line.reqId === 'proxied'), [{ msg: 'request completed', ip: '203.0.113.7' }])
})

t.test('isRoutine: by route pattern, favicon by URL', async (t) => {
  t.ok(isRoutine('/health/live', '/health/live'))
  t.ok(isRoutine('/docs/static/*', '/docs/static/x.js'))
  t.ok(isRoutine(undefined, '/favicon.ico'))
  t.notOk(isRoutine('/healthz', '/healthz'))
  t.notOk(isRoutine('/recommendations/:product', '/recommendations/1'))
  t.notOk(isRoutine('/models', '/models'))
  t.notOk(isRoutine(undefined, '/no/such/route'))
})
