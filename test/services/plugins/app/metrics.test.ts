import path from 'node:path'
import t from 'tap'
import { build } from '../../../helpers/build.js'
import { publishCorruptFixture, publishFixture } from '../../../helpers/fixtures.js'

/** The value of one series, e.g. sample(text, 'x_total') or sample(text, 'x', '{a="b"}') */
function sample (text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `))
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1))
}

t.test('Prometheus text with request durations by route pattern, model gauges and counters, process metrics', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  await app.inject('/health/ready')
  await app.inject('/health/ready')
  await app.inject('/models/active/')
  await app.inject('/no-such-route-123')
  const bad = await publishCorruptFixture(dir, 'modify')
  await app.modelStore.refresh()
  const v2 = await publishFixture(dir, { variant: 1 })
  await app.modelStore.refresh()

  const response = await app.inject('/metrics')
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = response.body
  t.equal(sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/health/ready",status_code="200"}'), 2)
  t.equal(sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/models/active",status_code="200"}'), 1, 'labelled by pattern, not by raw URL')
  t.notMatch(text, /no-such-route-123/, 'unknown URLs do not create series')
  t.notMatch(text, /ignored=1/)
  t.match(text, /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/health\/ready",status_code="200"\} \d/)

  t.equal(sample(text, 'shopper_model_active_info', `{version="${v2.version}"}`), 1)
  t.notMatch(text, new RegExp(`shopper_model_active_info\\{version="${v1.version}"\\}`), 'only the active version')
  t.notMatch(text, new RegExp(bad.version), 'the invalid version never appears as active')
  t.equal(sample(text, 'shopper_model_swaps_total'), 2)
  t.equal(sample(text, 'shopper_model_load_failures_total'), 1)
  const age = sample(text, 'shopper_model_age_seconds', `{version="${v2.version}"}`)
  t.ok(age !== undefined && age > 0, 'model age is the time since the manifest createdAt')
  t.match(text, /^process_cpu_user_seconds_total \d/m)
  t.match(text, /^nodejs_eventloop_lag_seconds \d/m)
})

t.test('before any model: no active version series, zero swaps', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const text = (await app.inject('/metrics')).body
  t.notMatch(text, /^shopper_model_active_info\{/m)
  t.notMatch(text, /^shopper_model_age_seconds\{/m)
  t.equal(sample(text, 'shopper_model_swaps_total'), 0)
})

t.test('two apps in one process have separate registries', async (t) => {
  const root = t.testdir()
  const a = await build(t, { artifactsDir: path.join(root, 'a') })
  const dir = path.join(root, 'b')
  await publishFixture(dir)
  const b = await build(t, { artifactsDir: dir })
  t.equal(sample((await a.inject('/metrics')).body, 'shopper_model_swaps_total'), 0)
  t.equal(sample((await b.inject('/metrics')).body, 'shopper_model_swaps_total'), 1)
})
