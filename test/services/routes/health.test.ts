import t from 'tap'
import { build } from '../../helpers/build.js'
import { publishFixture } from '../../helpers/fixtures.js'

t.test('live answers as soon as the process runs; ready only with a model', async (t) => {
  const dir = t.testdir()
  const app = await build(t, { artifactsDir: dir })
  const live = await app.inject('/health/live')
  t.equal(live.statusCode, 200)
  t.same(live.json(), { status: 'ok' })

  const notReady = await app.inject('/health/ready')
  t.equal(notReady.statusCode, 503)
  t.match(notReady.json(), { statusCode: 503, error: 'Service Unavailable', code: 'ERR_MODEL_NOT_READY', message: /no model version is loaded yet/ })

  const v1 = await publishFixture(dir)
  await app.modelStore.refresh()
  const ready = await app.inject('/health/ready')
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready', version: v1.version })
})

t.test('every answer carries the request id; an upstream id is kept', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const upstream = await app.inject({ url: '/health/live', headers: { 'x-request-id': 'from-the-proxy-1' } })
  t.equal(upstream.headers['x-request-id'], 'from-the-proxy-1')
  const generated = await app.inject('/health/live')
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  const error = await app.inject('/health/ready')
  t.ok(error.headers['x-request-id'], 'error answers too')
})
