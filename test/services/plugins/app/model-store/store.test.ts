// The ModelStore class on its own, with a counting build function and a recording logger.
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import t from 'tap'
import { setLatest, type LoadedVersion } from '../../../../../lib/artifacts/index.js'
import { ModelStore, type LoadFailure, type StoreLogger, type SwapEvent } from '../../../../../services/plugins/app/model-store/store.js'
import { buildServedModel, type ServedModel } from '../../../../../services/domain/served-model.js'
import { HttpError } from '../../../../../services/errors.js'
import { corruptVersion, publishCorruptFixture, publishFixture } from '../../../../helpers/fixtures.js'

interface Recorded { level: string, obj: object, msg?: string }

function recordingLogger (): StoreLogger & { records: Recorded[] } {
  const records: Recorded[] = []
  const at = (level: string) => (obj: object, msg?: string) => { records.push({ level, obj, msg }) }
  return { records, info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }
}

function makeStore (artifactsDir: string, cacheSize = 3) {
  const built: string[] = []
  const logger = recordingLogger()
  const store = new ModelStore({
    artifactsDir,
    cacheSize,
    logger,
    async build (loaded: LoadedVersion): Promise<ServedModel> {
      built.push(loaded.manifest.version)
      return buildServedModel(loaded)
    }
  })
  const swaps: SwapEvent[] = []
  const failures: LoadFailure[] = []
  store.on('swap', (event) => swaps.push(event))
  store.on('load-failure', (failure) => failures.push(failure))
  return { store, built, logger, swaps, failures }
}

async function httpErrorOf (promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected the promise to reject with an HttpError')
}

t.test('an empty directory: nothing serves, get() answers 503, refresh() is harmless', async (t) => {
  const { store, swaps } = makeStore(path.join(t.testdir(), 'not-created-yet'))
  await store.refresh()
  t.equal(store.current(), undefined)
  const error = await httpErrorOf(store.get())
  t.equal(error.statusCode, 503)
  t.equal(error.code, 'ERR_MODEL_NOT_READY')
  t.same(await store.list(), [])
  t.same(swaps, [])
  t.equal(store.status().active, null)
})

t.test('serves LATEST, and swaps to a new LATEST with one reference switch', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const { store, swaps } = makeStore(dir)
  await store.refresh()
  const held = await store.get()
  t.equal(held.version, v1.version)

  const v2 = await publishFixture(dir, { variant: 1 })
  await store.refresh()
  t.equal(store.current()?.version, v2.version)
  t.equal(held.version, v1.version, 'a request holding the old model keeps it, intact')
  t.equal(held.manifest.version, v1.version)
  t.same(swaps, [
    { from: null, to: v1.version, reason: 'latest' },
    { from: v1.version, to: v2.version, reason: 'latest' }
  ])
})

t.test('without LATEST, the newest version on disk serves', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir, { updateLatest: false })
  const newest = await publishFixture(dir, { variant: 1, updateLatest: false })
  const { store } = makeStore(dir)
  await store.refresh()
  t.equal(store.current()?.version, newest.version)
})

t.test('concurrent requests for one version load it once; loads are serialized', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const other = await publishFixture(dir, { variant: 1, updateLatest: false })
  const { store, built } = makeStore(dir)
  await store.refresh()
  const models = await Promise.all(Array.from({ length: 8 }, () => store.get(other.version)))
  t.equal(new Set(models).size, 1, 'every caller got the same model object')
  t.equal(built.filter((v) => v === other.version).length, 1, 'built once')
  await Promise.all([store.refresh(), store.refresh(), store.refresh()])
  t.equal(built.length, 2, 'refreshes with nothing new load nothing')
})

t.test('?version= models are kept in a bounded LRU, besides the active one', async (t) => {
  const dir = t.testdir()
  const versions: string[] = []
  for (let variant = 0; variant < 4; variant++) versions.push((await publishFixture(dir, { variant, updateLatest: false })).version)
  await setLatest(dir, versions[3])
  const { store, built } = makeStore(dir, 2)
  await store.refresh()
  t.equal(store.current()?.version, versions[3])

  t.equal((await store.get(versions[3])).version, versions[3], 'the active version by name is the active model')
  await store.get(versions[0])
  await store.get(versions[1])
  await store.get(versions[0]) // makes versions[1] the least recently used
  await store.get(versions[2])
  t.same(store.status().cached, [versions[0], versions[2]], 'at most 2 cached, least recently used first')
  const statuses = Object.fromEntries((await store.list()).map((info) => [info.version, info.status]))
  t.same(statuses, { [versions[0]]: 'loaded', [versions[1]]: 'available', [versions[2]]: 'loaded', [versions[3]]: 'active' })

  await store.get(versions[1])
  t.equal(built.filter((v) => v === versions[1]).length, 2, 'an evicted version is loaded again on demand')
})

t.test('unknown, malformed and traversal version names', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const { store } = makeStore(dir)
  await store.refresh()
  const unknown = await httpErrorOf(store.get('20200101T000000Z-abcdef'))
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.code, 'ERR_MODEL_VERSION_NOT_FOUND')
  for (const name of ['../etc', '..%2F..', '..', '', '20260101T000001Z-abcdef/../../etc', 'LATEST']) {
    const error = await httpErrorOf(store.get(name))
    t.equal(error.statusCode, 400, `${JSON.stringify(name)} is refused`)
    t.equal(error.code, 'ERR_VERSION_NAME')
  }
})

for (const how of ['truncate', 'modify', 'delete', 'bad-json-manifest'] as const) {
  t.test(`a ${how} version never serves; the reason is kept, logged once, counted once`, async (t) => {
    const dir = t.testdir()
    const good = await publishFixture(dir)
    const { store, logger, failures } = makeStore(dir)
    await store.refresh()
    const bad = await publishCorruptFixture(dir, how)
    await store.refresh()
    await store.refresh()
    t.equal(store.current()?.version, good.version, 'the previous version keeps serving')
    t.equal(failures.length, 1, 'a failure is recorded once while the files stay the same')
    t.equal(failures[0].version, bad.version)
    const info = (await store.list()).find((v) => v.version === bad.version)
    t.equal(info?.status, 'invalid')
    t.match(info?.reason, how === 'bad-json-manifest' ? /manifest\.json: is not valid JSON/ : /neighbours\.bin: /)
    const logged = logger.records.filter((r) => r.level === 'error')
    t.equal(logged.length, 1)
    t.match(logged[0].obj, { version: bad.version, reason: failures[0].reason })

    const error = await httpErrorOf(store.get(bad.version))
    t.equal(error.statusCode, 422, '?version= of an invalid version is refused')
    t.equal(error.code, 'ERR_MODEL_VERSION_INVALID')
    t.match(error.message, failures[0].reason)
    t.equal(store.status().lastFailure?.version, bad.version)
  })
}

t.test('a failed version is retried once its files change, then serves', async (t) => {
  const dir = t.testdir()
  const good = await publishFixture(dir)
  const { store } = makeStore(dir)
  await store.refresh()
  // a version copied by hand, file by file: its directory appears with a file missing
  const copied = await publishFixture(dir, { variant: 1, updateLatest: false })
  const neighbours = path.join(dir, copied.version, 'neighbours.bin')
  const content = await readFile(neighbours)
  await rm(neighbours)
  await setLatest(dir, copied.version)
  await store.refresh()
  t.equal(store.current()?.version, good.version)
  await writeFile(neighbours, content)
  await store.refresh()
  t.equal(store.current()?.version, copied.version, 'the completed copy serves')
  t.equal((await store.list()).find((v) => v.version === copied.version)?.status, 'active')
})

t.test('at start, an unusable LATEST falls back to the newest valid version', async (t) => {
  const dir = t.testdir()
  const older = await publishFixture(dir)
  const bad = await publishCorruptFixture(dir, 'modify')
  const { store, swaps } = makeStore(dir)
  await store.refresh()
  t.equal(store.current()?.version, older.version)
  t.same(swaps, [{ from: null, to: older.version, reason: 'fallback' }])
  const list = await store.list()
  t.match(list, [{ version: bad.version, status: 'invalid', latest: true }, { version: older.version, status: 'active', latest: false }])
})

t.test('a version deleted from disk while active keeps serving from memory', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const { store } = makeStore(dir)
  await store.refresh()
  await rm(path.join(dir, v1.version), { recursive: true })
  await store.refresh()
  t.equal(store.current()?.version, v1.version)
  t.equal((await store.get()).version, v1.version)
  t.match(await store.list(), [{ version: v1.version, status: 'active', onDisk: false }])
})

t.test('pin, rollback and unpin', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir, { variant: 1 })
  const { store, swaps } = makeStore(dir)
  await store.refresh()
  t.equal(store.current()?.version, v2.version)

  const pinned = await store.pin(v1.version)
  t.match(pinned, { active: v1.version, pinned: v1.version, following: 'pinned', latest: v2.version })
  const v3 = await publishFixture(dir, { variant: 2 })
  await store.refresh()
  t.equal(store.current()?.version, v1.version, 'a pin wins over a new LATEST')
  t.match(await store.list(), [
    { version: v3.version, status: 'available', latest: true },
    { version: v2.version, status: 'available' },
    { version: v1.version, status: 'pinned' }
  ])

  const unpinned = await store.unpin()
  t.match(unpinned, { active: v3.version, pinned: null, following: 'latest' })
  t.same(swaps.map((s) => [s.to, s.reason]), [[v2.version, 'latest'], [v1.version, 'pinned'], [v3.version, 'unpinned']])

  const refused = await httpErrorOf(store.pin('20200101T000000Z-abcdef'))
  t.equal(refused.statusCode, 404)
  t.equal(store.status().pinned, null, 'a refused pin changes nothing')
  const bad = await publishCorruptFixture(dir, 'truncate', { updateLatest: false })
  const invalid = await httpErrorOf(store.pin(bad.version))
  t.equal(invalid.statusCode, 422)
  t.equal(store.current()?.version, v3.version)
})

t.test('corrupting the active version on disk does not affect what serves', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const { store, failures } = makeStore(dir)
  await store.refresh()
  await corruptVersion(dir, v1.version, 'truncate')
  await store.refresh()
  t.equal(store.current()?.version, v1.version)
  t.same(failures, [], 'the active version is not re-read')
})
