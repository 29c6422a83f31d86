// Load shedding through inject: the shed answer (status, body, Retry-After), health probes exempt,
// readiness reporting pressure, and the in-flight limit on large bodies. Pressure is produced by
// a heap limit below what any process uses (MAX_HEAP_USED_RATIO=0.001 of V8's heap limit), so
// nothing here depends on timing; the only wait is for under-pressure's first sample.
import { PassThrough } from 'node:stream'
import t from 'tap'
import type { LightMyRequestResponse } from 'fastify'
import { build, waitFor } from '../../../helpers/build.js'
import { FIXTURE_CUSTOMERS, publishFixture } from '../../../helpers/fixtures.js'
import { LARGE_BODY_BYTES, pressureReason } from '../../../../services/plugins/external/under-pressure.js'

const SHEDDING_OFF = { MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0, MAX_CONCURRENT_BATCHES: 0 }

/** A JSON batch of real fixture customers just over the large-body threshold. */
function largeBatch (): string {
  const customers = []
  for (let i = 0; JSON.stringify({ customers }).length <= LARGE_BODY_BYTES; i++) {
    const { id, recency, frequency, monetary } = FIXTURE_CUSTOMERS[i % FIXTURE_CUSTOMERS.length]
    customers.push({ id: `${id}-${i}`, recency, frequency, monetary })
  }
  return JSON.stringify({ customers })
}

t.test('pressureReason names the limit exceeded; 0 means no limit', async (t) => {
  const limits = { maxEventLoopDelayMs: 200, maxHeapUsedBytes: 512 * 1024 * 1024 }
  t.equal(pressureReason({ eventLoopDelay: 150, heapUsed: 100 * 1024 * 1024 }, limits), null)
  t.equal(pressureReason({ eventLoopDelay: 412.4, heapUsed: 0 }, limits), 'event-loop delay 412 ms is over the 200 ms limit (MAX_EVENT_LOOP_DELAY_MS)')
  t.equal(pressureReason({ eventLoopDelay: 0, heapUsed: 600 * 1024 * 1024 }, limits), 'heap used 600 MiB is over the 512 MiB limit (MAX_HEAP_USED_RATIO)')
  t.equal(pressureReason({ eventLoopDelay: 5000, heapUsed: 2 ** 40 }, { maxEventLoopDelayMs: 0, maxHeapUsedBytes: 0 }), null)
})

t.test('under pressure: 503 + Retry-After with the standard error body; probes are never shed', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { ...SHEDDING_OFF, MAX_HEAP_USED_RATIO: 0.001, RETRY_AFTER_SECONDS: 7 } })
  const ready = await waitFor(async () => {
    const response = await app.inject('/health/ready')
    return response.statusCode === 503 ? response : null
  }, 5000, 'readiness to report the pressure')
  t.equal(ready.headers['retry-after'], '7')
  t.match(ready.json(), {
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'ERR_OVERLOADED',
    message: /^the service is overloaded: heap used \d+ MiB is over the \d+ MiB limit \(MAX_HEAP_USED_RATIO\); retry after 7 s$/
  })

  for (const request of [{ url: '/segments' }, { url: '/recommendations/85123A' }, { method: 'POST' as const, url: '/segments', payload: { recency: 2, frequency: 7, monetary: 4310 } }, { url: '/no/such/route' }]) {
    const response = await app.inject(request)
    t.equal(response.statusCode, 503, `${request.method ?? 'GET'} ${request.url} is shed`)
    t.equal(response.headers['retry-after'], '7')
    t.ok(response.headers['x-request-id'], 'with its request id')
    t.match(response.json(), { statusCode: 503, error: 'Service Unavailable', code: 'ERR_OVERLOADED', message: /heap used .*retry after 7 s$/ })
    t.same(Object.keys(response.json()).sort(), ['code', 'error', 'message', 'statusCode'], 'nothing but the ErrorSchema fields')
  }

  const live = await app.inject('/health/live')
  t.equal(live.statusCode, 200, 'liveness is never shed')
  t.same(live.json(), { status: 'ok' })
  t.match(app.loadShedding.pressure(), /MAX_HEAP_USED_RATIO/)
})

t.test('no model yet comes first: readiness says so even under pressure', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir(), env: { ...SHEDDING_OFF, MAX_HEAP_USED_RATIO: 0.001 } })
  await waitFor(() => app.loadShedding.pressure(), 5000, 'the first sample')
  t.match((await app.inject('/health/ready')).json(), { code: 'ERR_MODEL_NOT_READY' })
})

t.test('every limit at 0: nothing is shed', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: SHEDDING_OFF })
  const body = largeBatch()
  const responses = await Promise.all(Array.from({ length: 5 }, () =>
    app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'application/json' }, payload: body })))
  t.same(responses.map((r) => r.statusCode), [200, 200, 200, 200, 200])
  t.equal(app.loadShedding.pressure(), null)
  t.equal((await app.inject('/health/ready')).statusCode, 200)
})

t.test('MAX_CONCURRENT_BATCHES: a large body beyond the limit gets 503 at once; small requests and probes pass', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { ...SHEDDING_OFF, MAX_CONCURRENT_BATCHES: 1, RETRY_AFTER_SECONDS: 3 } })
  const body = largeBatch()
  const post = (payload: string | PassThrough): Promise<LightMyRequestResponse> => app.inject({
    method: 'POST',
    url: '/segments',
    headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    payload
  })

  // the first large request is admitted and stays in progress while its body has not all arrived
  const slow = new PassThrough()
  const first = post(slow)
  slow.write(body.slice(0, 100))
  await new Promise((resolve) => setImmediate(resolve))

  const second = await post(body)
  t.equal(second.statusCode, 503)
  t.equal(second.headers['retry-after'], '3')
  t.match(second.json(), {
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'ERR_OVERLOADED',
    message: 'the service is overloaded: 1 large requests (bodies over 64 KiB) are already in progress (MAX_CONCURRENT_BATCHES); retry after 3 s'
  })
  const small = await app.inject({ method: 'POST', url: '/segments', payload: { recency: 2, frequency: 7, monetary: 4310 } })
  t.equal(small.statusCode, 200, 'a small request is not held back')
  t.equal((await app.inject('/health/ready')).statusCode, 200, 'readiness is not affected: the limit protects the service')

  slow.end(body.slice(100))
  t.equal((await first).statusCode, 200, 'the admitted request completes')
  // its slot is freed on the turn after its answer
  await new Promise((resolve) => setImmediate(resolve))
  t.equal((await post(body)).statusCode, 200, 'the next large request is admitted')
})

t.test('/metrics is scraped under pressure too', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir(), env: { ...SHEDDING_OFF, MAX_HEAP_USED_RATIO: 0.001 } })
  await waitFor(() => app.loadShedding.pressure() !== null, 5000, 'the heap check to see pressure')
  const metrics = await app.inject('/metrics')
  t.equal(metrics.statusCode, 200)
  t.equal((await app.inject('/segments')).statusCode, 503, 'while other routes are shed')
})
