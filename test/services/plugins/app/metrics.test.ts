import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../../../../lib/project-root.js'
import { skipWithout } from '../../../helpers/system-tools.js'
import { build } from '../../../helpers/build.js'
import { publishCorruptFixture, publishFixture } from '../../../helpers/fixtures.js'

const PROMTOOL = '/usr/bin/promtool'

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

t.test('static files fold into one route label each for the web page and the docs', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  for (const url of ['/', '/assets/app.js', '/assets/style.css', '/docs', '/docs/static/index.html', '/docs/json']) await app.inject(url)
  const routes = new Set([...(await app.inject('/metrics')).body.matchAll(/route="([^"]*)"/g)].map((m) => m[1]))
  t.ok(routes.has('/assets/*'), 'every asset under /assets/*')
  t.ok(routes.has('/docs/*'), 'every Swagger UI file under /docs/*')
  t.same([...routes].filter((route) => route.startsWith('/assets/') && route !== '/assets/*'), [], 'no series per asset')
  t.same([...routes].filter((route) => route.startsWith('/docs') && route !== '/docs/*'), [], 'no series per docs file')
})

t.test('build info: the app and Node versions', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const text = (await app.inject('/metrics')).body
  const { version } = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }
  t.equal(sample(text, 'shopper_build_info', `{version="${version}",node="${process.version}"}`), 1)
})

const promtoolSkip = skipWithout(PROMTOOL, 'apt-get install -y prometheus')
t.test('promtool check metrics finds no problem', { skip: promtoolSkip }, async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  await app.inject('/health/ready')
  await app.inject('/recommendations/85123A')
  const text = (await app.inject('/metrics')).body
  const checked = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' })
  t.equal(checked.status, 0, 'promtool exits 0')
  t.equal(`${checked.stdout}${checked.stderr}`.trim(), '', 'and reports nothing')
})

t.test('fallback answers are counted by reason, cached answers included', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  // 23166 has no co-purchase neighbours; 22720's only neighbour is 22423
  for (let i = 0; i < 2; i++) t.equal((await app.inject('/recommendations/23166')).json().fallback, true)
  await app.inject({ method: 'POST', url: '/recommendations', payload: { products: ['23166'] } })
  t.equal((await app.inject('/recommendations/22720?exclude=22423')).json().reason, 'all-neighbours-excluded')
  t.equal((await app.inject('/recommendations/85123A')).json().fallback, false)
  const text = (await app.inject('/metrics')).body
  t.equal(sample(text, 'shopper_recommendation_fallbacks_total', '{reason="no-co-purchase-data"}'), 3, 'two product answers (one from the cache) and a basket')
  t.equal(sample(text, 'shopper_recommendation_fallbacks_total', '{reason="all-neighbours-excluded"}'), 1)
})
