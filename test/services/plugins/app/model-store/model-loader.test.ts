// The worker-thread loader: what it hands the main thread is the model the in-thread path builds,
// its columns arrive as transferred buffers (not copies), and a refused version comes back as the
// same ArtifactError, with the same reason, as loading it on the main thread gives.
import t from 'tap'
import { loadVersion, customerRecords } from '../../../../../lib/artifacts/index.js'
import { ArtifactError } from '../../../../../lib/errors.js'
import { buildServedModel } from '../../../../../services/domain/served-model.js'
import { searchProducts } from '../../../../../services/domain/product-search.js'
import { WorkerModelLoader } from '../../../../../services/plugins/app/model-store/model-loader.js'
import { transferables } from '../../../../../services/plugins/app/model-store/load-protocol.js'
import { recommendForProduct } from '../../../../../lib/recommend/index.js'
import { corruptVersion, publishFixture } from '../../../../helpers/fixtures.js'
import { niceOf, threadNices } from '../../../../helpers/thread-nice.js'

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
  t.same(fromWorker.products, inThread.products, 'the catalogue, unpacked from its buffers')
  t.same([fromWorker.search.names, fromWorker.search.exactKeys, fromWorker.search.words], [inThread.search.names, inThread.search.exactKeys, inThread.search.words], 'the search strings')
  t.same(searchProducts(fromWorker.search, 'mug', 5), searchProducts(inThread.search, 'mug', 5), 'the same search answers')

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

t.test('the worker loads the steps asked for below the event loop; the event loop keeps its priority', { skip: process.platform !== 'linux' && 'thread priorities are Linux-only' }, async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const loader = new WorkerModelLoader()
  t.teardown(() => loader.close())
  t.equal(loader.priority, null, 'nothing loaded yet')
  const before = threadNices()
  const mainNice = niceOf(process.pid)
  t.equal((await loader.load(dir, version, 13)).version, version)
  const lowered = Math.min(19, mainNice + 13)
  t.same(loader.priority, { nice: lowered, problem: null })
  const after = threadNices()
  t.equal(after.get(process.pid), mainNice, 'the main thread\'s nice value did not change')
  const loaderThreads = [...after].filter(([tid, nice]) => nice === lowered && before.get(tid) !== lowered)
  t.equal(loaderThreads.length, 1, 'exactly one thread, the loader\'s worker, went to the lowered nice')

  // back to the event loop's priority: needs CAP_SYS_NICE; without it the load still succeeds
  t.equal((await loader.load(dir, version, 0)).version, version, 'the version loads whether or not the priority could be raised')
  const [tid] = loaderThreads[0]
  if (process.getuid?.() === 0) {
    t.same(loader.priority, { nice: mainNice, problem: null }, 'root raises it back')
    t.equal(niceOf(tid), mainNice)
  } else {
    t.match(loader.priority, { nice: lowered, problem: /stays at nice .*refused \(E(ACCES|PERM)/ }, 'unprivileged, it stays lowered and says why')
    t.equal(niceOf(tid), lowered)
  }
  await t.rejects(loader.load(dir, version, 20), /a loader nice value is an integer from 0 to 19, not 20/, 'a value out of bounds fails the load, naming it')
})
