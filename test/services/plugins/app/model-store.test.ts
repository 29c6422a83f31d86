// The model-store plugin inside the app: versions published while requests run are noticed by
// the watcher/poll and swapped in without a failed request.
import { setImmediate as nextMacrotask } from 'node:timers/promises'
import path from 'node:path'
import t from 'tap'
import { build, waitFor } from '../../../helpers/build.js'
import { publishCorruptFixture, publishFixture } from '../../../helpers/fixtures.js'

t.test('a version published while requests run: zero failures, then only the new version', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  // a slow poll: the file-system watcher is what notices the new version here
  const app = await build(t, { artifactsDir: dir, env: { POLL_INTERVAL_MS: 1000 } })

  const results: Array<{ started: number, status: number, version: string }> = []
  let firstNewAnswer = Infinity
  let sequence = 0
  let running = true
  const worker = async (): Promise<void> => {
    while (running) {
      const started = sequence++
      const response = await app.inject('/health/ready')
      const version = response.json<{ version: string }>().version
      results.push({ started, status: response.statusCode, version })
      if (version !== v1.version && firstNewAnswer === Infinity) firstNewAnswer = sequence
      // inject() can complete without leaving the microtask queue: yield so timers and fs events run
      await nextMacrotask()
    }
  }
  const workers = Array.from({ length: 4 }, worker)
  await waitFor(() => results.length > 50, 10_000, 'requests before the publish')
  const v2 = await publishFixture(dir, { variant: 1 })
  await waitFor(() => app.modelStore.current()?.version === v2.version, 10_000, 'the new version to serve')
  await waitFor(() => results.filter((r) => r.version === v2.version).length > 50, 10_000, 'requests after the swap')
  running = false
  await Promise.all(workers)

  t.same(results.filter((r) => r.status !== 200), [], 'no request failed')
  t.same([...new Set(results.map((r) => r.version))].sort(), [v1.version, v2.version].sort())
  t.same(results.filter((r) => r.started >= firstNewAnswer && r.version !== v2.version), [],
    'requests started after the first answer from the new version all use it')
})

t.test('the periodic poll notices a version published into a directory that did not exist at start', async (t) => {
  // fs.watch cannot watch a missing directory: only the poll can notice this publish
  const dir = path.join(t.testdir(), 'artifacts')
  const app = await build(t, { artifactsDir: dir, env: { POLL_INTERVAL_MS: 50 } })
  t.equal(app.modelStore.current(), undefined)
  const v1 = await publishFixture(dir)
  await waitFor(() => app.modelStore.current()?.version === v1.version, 10_000, 'the poll to swap in the new version')
  t.equal((await app.inject('/health/ready')).json().version, v1.version)
})

t.test('starts without a model and picks up the first published version', async (t) => {
  const dir = t.testdir()
  const app = await build(t, { artifactsDir: dir })
  t.equal((await app.inject('/health/ready')).statusCode, 503)
  const v1 = await publishFixture(dir)
  await waitFor(async () => (await app.inject('/health/ready')).statusCode === 200, 10_000, 'readiness')
  t.equal(app.modelStore.current()?.version, v1.version)
})

t.test('a corrupted version published under load is never served and shows as invalid', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const bad = await publishCorruptFixture(dir, 'truncate')
  await waitFor(() => app.modelStore.status().lastFailure?.version === bad.version, 10_000, 'the failed load')
  const served = await Promise.all(Array.from({ length: 20 }, async () => (await app.inject('/health/ready')).json().version))
  t.same(new Set(served), new Set([v1.version]))
  const list = (await app.inject('/models')).json()
  t.match(list.versions, [{ version: bad.version, status: 'invalid', reason: /^neighbours\.bin: has \d+ bytes, manifest says \d+ \(truncated or replaced\)$/ }, { version: v1.version, status: 'active' }])
})
