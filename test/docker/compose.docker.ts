// The container path end to end, as an operator runs it: build the image, `docker-compose up`
// (the trainer trains on the bundled data, then the API starts), ask the API for a recommendation
// and a segment, publish a second version with `docker-compose run --rm trainer …` on a file from
// the input bind mount, and see the running API switch to it without a restart. Everything the
// project created is removed at the end (`down -v`), also when a step fails.
//
// Not part of `npm test` (the file name does not match .taprc's `*.test.ts`): `npm run test:docker`.
// Without a Docker daemon it skips, saying why, unless SHOPPER_REQUIRE_DOCKER=1 (CI), where it fails.
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import t, { type Test } from 'tap'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { ComposeProject, docker, findDockerTools } from './compose-project.js'
import { fetchJson, type JsonResponse } from './http.js'
import { pollUntil } from './poll.js'

const BUNDLED_DATA = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')
/** Rows of the bundled log the second training reads (Dec 2010 to spring 2011): a different model. */
const SECOND_INPUT_ROWS = 200_000
const PRODUCT = '85123A'
const ADMIN_TOKEN = randomBytes(16).toString('hex')

const MINUTE = 60_000
const LIMITS = { build: 30 * MINUTE, up: 15 * MINUTE, ready: 5 * MINUTE, train: 15 * MINUTE, switch: MINUTE, healthy: 2 * MINUTE }

interface ActiveModel { active: string | null, metrics: { rows: number, k: number } | null }
interface Ready { status: string, version: string }
interface Recommendations { version: string, fallback: boolean, product: { code: string }, recommendations: Array<{ code: string, source: string, score: number }> }
interface OneSegment { version: string, segment: { id: number, label: string, action: string } }
interface SegmentList { version: string, segments: Array<{ id: number, label: string }> }

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => { resolve() }))
  if (address === null || typeof address === 'string') throw new Error('no TCP port')
  return address.port
}

/** The input folder mounted at /data: the first rows of the bundled log, readable by the container's uid 1000. */
async function writeSecondInput (): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shopper-docker-input-'))
  await chmod(dir, 0o755)
  const lines = gunzipSync(await readFile(BUNDLED_DATA)).toString('utf8').split('\n')
  await writeFile(path.join(dir, 'first-rows.csv'), lines.slice(0, SECOND_INPUT_ROWS + 1).join('\n') + '\n', { mode: 0o644 })
  return dir
}

function seconds (ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

const tools = await findDockerTools()
if ('unavailable' in tools) {
  if (process.env.SHOPPER_REQUIRE_DOCKER === '1') t.fail(`SHOPPER_REQUIRE_DOCKER=1 but ${tools.unavailable}`)
  else t.test('docker-compose stack', { skip: `${tools.unavailable}: run ../shared/tools/docker-here.sh as root, or install Docker` }, async () => {})
} else {
  const port = await freePort()
  const inputDir = await writeSecondInput()
  const project = new ComposeProject(`shopper-test-${process.pid}-${Date.now().toString(36)}`, tools, {
    API_PORT: String(port),
    ADMIN_TOKEN,
    TRAINER_INPUT: inputDir,
    LOG_LEVEL: 'warn'
  }, PROJECT_ROOT)
  const base = `http://127.0.0.1:${port}`

  const getJson = async <T>(url: string, init?: RequestInit, timeoutMs?: number): Promise<JsonResponse<T>> => await fetchJson<T>(base + url, init, timeoutMs)

  // Containers and volumes must not outlive the test: teardown normally; synchronously on a tap
  // timeout, Ctrl-C, or a process ending before its teardown ran.
  let tornDown = false
  const downOnExit = (): void => {
    if (tornDown) return
    project.downSync()
    rmSync(inputDir, { recursive: true, force: true })
  }
  const onSignal = (signal: NodeJS.Signals): void => { process.exit(signal === 'SIGINT' ? 130 : 143) }
  process.once('exit', downOnExit)
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  t.teardown(async () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await project.down().then(() => { tornDown = true }, (error: unknown) => { process.stderr.write(`docker test teardown: ${String(error)}\n`) })
    await rm(inputDir, { recursive: true, force: true })
  })

  t.comment(`compose project ${project.name} (${tools.compose.join(' ')}), API on port ${port}`)
  let firstVersion = ''
  let firstRows = 0
  let apiStartedAt = ''
  let failed = false
  const stage = async (name: string, body: (t: Test) => Promise<void>): Promise<void> => {
    if (failed) {
      await t.test(name, { skip: 'an earlier stage failed' }, async () => {})
      return
    }
    await t.test(name, async (t) => {
      try {
        await body(t)
      } catch (error) {
        failed = true
        throw error
      }
      if (!t.passing()) failed = true
    })
  }

  await stage('builds the trainer and api images', async (t) => {
    const started = performance.now()
    await project.compose(['build'], LIMITS.build)
    t.comment(`build: ${seconds(performance.now() - started)}`)
    for (const image of ['shopper-spectrum:api', 'shopper-spectrum:trainer']) {
      const { stdout: user } = await docker(['run', '--rm', '--entrypoint', 'id', image, '-u'], MINUTE)
      t.equal(user.trim(), '1000', `${image} runs as the node user (uid 1000)`)
    }
  })

  await stage('docker-compose up: the trainer publishes, then the API serves it', async (t) => {
    const started = performance.now()
    await project.compose(['up', '-d'], LIMITS.up)
    t.equal(await project.inspect('trainer', '{{.State.ExitCode}}'), '0', 'the trainer exited 0')
    const ready = await pollUntil(async () => {
      const { status, body } = await getJson<Ready>('/health/ready', {}, 3000)
      return status === 200 ? body : undefined
    }, { what: 'GET /health/ready = 200', timeoutMs: LIMITS.ready })
    t.comment(`up -d until ready: ${seconds(performance.now() - started)}`)
    t.equal(ready.status, 'ready', 'GET /health/ready: ready')
    t.match(ready.version, /^\d{8}T\d{6}Z-[0-9a-f]+$/, 'a version name')
    firstVersion = ready.version

    const active = await getJson<ActiveModel>('/models/active')
    t.equal(active.body.active, firstVersion, 'GET /models/active names the version /health/ready reports')
    t.equal(active.body.metrics?.k, 4, 'the default k')
    firstRows = active.body.metrics?.rows ?? 0
    t.ok(firstRows > SECOND_INPUT_ROWS, 'trained on the whole bundled log')
    t.same(await project.volumes(), [`${project.name}_models`], 'the models volume exists')
    apiStartedAt = await project.inspect('api', '{{.State.StartedAt}}')
  })

  await stage(`GET /recommendations/${PRODUCT} from the container`, async (t) => {
    const { status, body } = await getJson<Recommendations>(`/recommendations/${PRODUCT}?limit=5`)
    t.equal(status, 200, 'status 200')
    t.equal(body.version, firstVersion, 'from the first version')
    t.equal(body.product.code, PRODUCT, 'for the product asked')
    t.equal(body.fallback, false, 'the best-seller has co-purchase neighbours')
    t.equal(body.recommendations.length, 5, 'as many as ?limit=5 asks')
    t.ok(body.recommendations.every((r) => r.source === 'neighbours' && r.score > 0 && r.code !== PRODUCT), 'neighbours with positive scores, not the product itself')
  })

  await stage('POST /segments from the container', async (t) => {
    const list = await getJson<SegmentList>('/segments')
    t.equal(list.status, 200, 'GET /segments: 200')
    t.equal(list.body.segments.length, 4, 'k = 4 segments')
    const { status, body } = await getJson<OneSegment>('/segments', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recency: 2, frequency: 7, monetary: 4310 })
    })
    t.equal(status, 200, 'POST /segments: 200')
    t.equal(body.version, firstVersion, 'from the first version')
    t.ok(list.body.segments.some((s) => s.id === body.segment.id && s.label === body.segment.label), `segment ${body.segment.label} is one of the model's`)
    t.ok(body.segment.action.length > 0, 'with a suggested action')
  })

  await stage('the image HEALTHCHECK, the read-only volume and ADMIN_TOKEN', async (t) => {
    const health = await pollUntil(async () => {
      const status = await project.inspect('api', '{{.State.Health.Status}}')
      return status === 'starting' ? undefined : status
    }, { what: 'a HEALTHCHECK result', timeoutMs: LIMITS.healthy, intervalMs: 1000 })
    t.equal(health, 'healthy', 'docker reports the api container healthy')
    await t.rejects(project.compose(['exec', '-T', 'api', 'touch', '/artifacts/probe'], MINUTE), /Read-only file system/, 'the API cannot write to the models volume')
    const wrong = await getJson<{ code: string }>('/models/active', { method: 'DELETE', headers: { authorization: 'Bearer not-the-admin-token' } })
    t.equal(wrong.status, 401, 'a wrong token is refused')
    const right = await getJson<ActiveModel>('/models/active', { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })
    t.equal(right.status, 200, 'the ADMIN_TOKEN from the environment opens the model operations')
  })

  await stage('docker-compose run --rm trainer on a mounted file: the running API switches', async (t) => {
    const started = performance.now()
    await project.compose(['run', '--rm', 'trainer', '--input', '/data/first-rows.csv', '--k', '5', '--seed', '7', '--quiet'], LIMITS.train)
    t.comment(`second training: ${seconds(performance.now() - started)}`)
    const published = performance.now()
    const active = await pollUntil(async () => {
      const { body } = await getJson<ActiveModel>('/models/active')
      return body.active !== firstVersion ? body : undefined
    }, { what: 'GET /models/active to name a new version', timeoutMs: LIMITS.switch })
    t.comment(`new version served ${seconds(performance.now() - published)} after the trainer exited`)
    t.not(active.active, null, 'a version serves')
    t.equal(active.metrics?.k, 5, 'the new version has --k 5')
    t.ok((active.metrics?.rows ?? Infinity) < firstRows, 'and was trained on the mounted file, not the bundled log')

    const list = await getJson<SegmentList>('/segments')
    t.equal(list.body.version, active.active, 'GET /segments answers from the new version')
    t.equal(list.body.segments.length, 5, 'segments come from the new version')
    const recommendations = await getJson<Recommendations>(`/recommendations/${PRODUCT}`)
    t.equal(recommendations.status, 200, `GET /recommendations/${PRODUCT}: 200`)
    t.equal(recommendations.body.version, active.active, 'recommendations too')

    t.equal(await project.inspect('api', '{{.State.StartedAt}}'), apiStartedAt, 'the api container was not restarted')
    t.equal(await project.inspect('api', '{{.RestartCount}}'), '0', 'restart count 0')
  })

  await t.test('docker-compose down -v removes the stack and its volume', async (t) => {
    await project.down()
    t.equal(await project.containerId('api'), undefined, 'no api container')
    t.same(await project.volumes(), [], 'no volume left')
  })
}
