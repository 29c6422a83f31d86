// The worker-thread loader: what it hands the main thread is the model the in-thread path builds,
// its columns arrive as transferred buffers (not copies), and a refused version comes back as the
// same ArtifactError, with the same reason, as loading it on the main thread gives.
import { readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { loadVersion, customerRecords } from '../../../../../lib/artifacts/index.js'
import { ArtifactError } from '../../../../../lib/errors.js'
import { buildServedModel } from '../../../../../services/domain/served-model.js'
import { WorkerModelLoader } from '../../../../../services/plugins/app/model-store/model-loader.js'
import { transferables } from '../../../../../services/plugins/app/model-store/load-protocol.js'
import { recommendForProduct } from '../../../../../lib/recommend/index.js'
import { corruptVersion, publishFixture } from '../../../../helpers/fixtures.js'

t.test('a version loaded in the worker is the model the main thread would build', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const loader = new WorkerModelLoader()
  t.teardown(() => loader.close())
  const fromWorker = await loader.load(dir, version)
  const inThread = await buildServedModel(await loadVersion(dir, version))
  t.equal(fromWorker.version, version)
  t.same(fromWorker.manifest, inThread.manifest)
  t.same(customerRecords(fromWorker.customers), customerRecords(inThread.customers), 'the customers, money in cents')
  t.same([...fromWorker.recommender.neighbour], [...inThread.recommender.neighbour])
  t.same([...fromWorker.audience.order.monetary?.[0] ?? []], [...inThread.audience.order.monetary?.[0] ?? []], 'the audience orders')
  t.same([...fromWorker.purchases?.rows.bytes ?? []], [...inThread.purchases?.rows.bytes ?? []])
  t.same([...fromWorker.purchases?.rows.offsets ?? []], [...inThread.purchases?.rows.offsets ?? []])
  t.same(recommendForProduct(fromWorker.recommender, 0, { limit: 3 }), recommendForProduct(inThread.recommender, 0, { limit: 3 }))
  t.ok(fromWorker.search.products > 0 && fromWorker.productLookup.size === inThread.productLookup.size, 'the catalogue-side indexes, built on this thread')

  // a second load reuses the worker
  t.equal((await loader.load(dir, version)).version, version)
})

t.test('a refused version comes back with the reason loading it here gives', async (t) => {
  const dir = t.testdir()
  const loader = new WorkerModelLoader()
  t.teardown(() => loader.close())
  for (const how of ['truncate', 'modify', 'delete', 'bad-json-manifest'] as const) {
    const { version } = await publishFixture(dir, { variant: 1 })
    await corruptVersion(dir, version, how)
    const here = await loadVersion(dir, version).then(() => null, (e: unknown) => e)
    const there = await loader.load(dir, version).then(() => null, (e: unknown) => e)
    t.type(there, ArtifactError, how)
    t.equal((there as ArtifactError).message, (here as ArtifactError).message, `${how}: ${(here as ArtifactError).message}`)
    t.equal((there as ArtifactError).code, (here as ArtifactError).code)
  }
  const missing = await loader.load(dir, '20200101T000000Z-000000').then(() => null, (e: unknown) => e)
  t.match(missing, { name: 'ArtifactError', code: 'ERR_ARTIFACT_NOT_FOUND' }, 'a version that is not there: not found, as the store expects')
})

t.test('a closed loader refuses loads; the transfer list holds each buffer once', async (t) => {
  const loader = new WorkerModelLoader()
  await loader.close()
  await t.rejects(loader.load('/nowhere', '20200101T000000Z-000000'), /closed/)
  const shared = new Float64Array(4)
  const list = transferables({ a: shared, b: [shared.subarray(1)], c: { d: new Uint32Array(2) }, e: 'text', f: null })
  t.equal(list.length, 2)
})

/** Every thread of this process (Linux) with its nice value: field 19 of /proc/self/task/TID/stat. */
function threadNices (): Map<number, number> {
  const nices = new Map<number, number>()
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
    // the name (field 2) is in parentheses and may hold spaces: count fields after its ')'
    nices.set(Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]))
  }
  return nices
}

t.test('the worker loads at the nice value asked for; the event loop keeps its own', { skip: process.platform !== 'linux' && 'thread priorities are Linux-only' }, async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const loader = new WorkerModelLoader()
  t.teardown(() => loader.close())
  const before = threadNices()
  const mainNice = before.get(process.pid)
  t.equal((await loader.load(dir, version, 13)).version, version)
  const after = threadNices()
  t.equal(after.get(process.pid), mainNice, 'the main thread\'s nice value did not change')
  const lowered = [...after].filter(([tid, nice]) => nice === 13 && before.get(tid) !== 13)
  t.equal(lowered.length, 1, 'exactly one thread, the loader\'s worker, runs at nice 13')
})
