// The model store against what ops and attackers do to the artifacts directory (issue 8):
// floods of unknown ?version= names (finding 1), a corrupt LATEST after a rollback (5), a version
// that is a symbolic link (9), and pins shared by every replica through PINNED.
import { symlink, writeFile, unlink } from 'node:fs/promises'
import path from 'node:path'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import t from 'tap'
import { PIN_FILE, pinVersion, setLatest, unpinVersion, type LoadedVersion } from '../../../../../lib/artifacts/index.js'
import { ModelStore, type StoreLogger } from '../../../../../services/plugins/app/model-store/store.js'
import { buildServedModel, type ServedModel } from '../../../../../services/domain/served-model.js'
import { HttpError } from '../../../../../services/errors.js'
import { publishFixture } from '../../../../helpers/fixtures.js'

interface Recorded { level: string, obj: object, msg?: string }

function makeStore (artifactsDir: string) {
  const records: Recorded[] = []
  const at = (level: string) => (obj: object, msg?: string) => { records.push({ level, obj, msg }) }
  const logger: StoreLogger = { info: at('info'), warn: at('warn'), error: at('error'), debug: at('debug') }
  const store = new ModelStore({ artifactsDir, cacheSize: 3, logger, build: async (loaded: LoadedVersion): Promise<ServedModel> => buildServedModel(loaded) })
  return { store, records, loud: () => records.filter((r) => r.level === 'warn' || r.level === 'error') }
}

async function statusOf (promise: Promise<unknown>): Promise<number> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HttpError) return error.statusCode
    throw error
  }
  return 200
}

function randomVersionName (i: number): string {
  return `2000${String(1 + (i % 12)).padStart(2, '0')}01T000000Z-${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}`
}

t.test('a flood of unknown ?version= names: 404 each, no state, no warning, nothing ops see changes, memory flat', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const { store, loud } = makeStore(dir)
  await store.refresh()
  const before = store.status()

  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  const flood = async (from: number, count: number): Promise<void> => {
    for (let i = from; i < from + count; i++) {
      if (await statusOf(store.get(randomVersionName(i))) !== 404) throw new Error(`request ${i} was not a 404`)
    }
  }
  await flood(0, 2000) // warm up: code paths compiled, caches at their size
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  await flood(2000, 20_000)
  gc()
  const growth = process.memoryUsage().heapUsed - heapBefore
  t.ok(growth < 2 * 1024 * 1024, `heap grew ${(growth / 1024).toFixed(0)} KiB over 20,000 unknown names (each remembered would be ~10 MB)`)
  t.same(loud(), [], 'no warning or error logged')
  const after = store.status()
  t.equal(after.lastFailure, before.lastFailure, 'lastFailure unchanged')
  t.equal(after.active, v1.version)
  t.same((await store.list()).map((v) => v.version), [v1.version], 'GET /models lists only what is on disk')
})

for (const [what, damage] of [
  ['garbage', (file: string) => writeFile(file, '\u0000garbage\n')],
  ['an empty file', (file: string) => writeFile(file, '')],
  ['../x', (file: string) => writeFile(file, '../x\n')],
  ['a dangling symlink', async (file: string) => { await unlink(file); await symlink('/nowhere/LATEST', file) }]
] as const) {
  t.test(`a corrupt LATEST (${what}) keeps a rollback serving, warns once, and shows in the status`, async (t) => {
    const dir = t.testdir()
    const older = await publishFixture(dir)
    const newer = await publishFixture(dir, { variant: 1 })
    await setLatest(dir, older.version) // the documented rollback
    const { store, loud } = makeStore(dir)
    await store.refresh()
    t.equal(store.current()?.version, older.version)
    await damage(path.join(dir, 'LATEST'))
    for (let i = 0; i < 5; i++) await store.refresh()
    t.equal(store.current()?.version, older.version, `still serving the rolled-back version, not the newest (${newer.version})`)
    const warnings = loud()
    t.equal(warnings.length, 1, 'one warning')
    t.match(warnings[0], { level: 'warn', obj: { file: 'LATEST' } })
    t.match(store.status().problems, [{ file: 'LATEST', reason: /LATEST/ }])
    // fixed: the problem clears, and a valid LATEST is followed again
    await unlink(path.join(dir, 'LATEST')).catch(() => {})
    await setLatest(dir, newer.version)
    await store.refresh()
    t.equal(store.current()?.version, newer.version)
    t.same(store.status().problems, [])
  })
}

t.test('only a missing LATEST means "serve the newest"', async (t) => {
  const dir = t.testdir()
  const older = await publishFixture(dir)
  const newer = await publishFixture(dir, { variant: 1 })
  await setLatest(dir, older.version)
  const { store } = makeStore(dir)
  await store.refresh()
  await unlink(path.join(dir, 'LATEST'))
  await store.refresh()
  t.equal(store.current()?.version, newer.version)
})

t.test('a version that is a symbolic link (pointing outside) is refused with a reason, never served', async (t) => {
  const root = t.testdir()
  const outside = path.join(root, 'elsewhere')
  const foreign = await publishFixture(outside, { variant: 3 })
  const dir = path.join(root, 'artifacts')
  const v1 = await publishFixture(dir)
  await symlink(path.join(outside, foreign.version), path.join(dir, foreign.version))
  await setLatest(dir, foreign.version)
  const { store } = makeStore(dir)
  await store.refresh()
  t.equal(store.current()?.version, v1.version, 'the real version serves (fallback at start)')
  const listed = (await store.list()).find((v) => v.version === foreign.version)
  t.match(listed, { status: 'invalid', reason: /symbolic link/ })
  t.equal(await statusOf(store.get(foreign.version)), 422)
})

t.test('a pin lives in the artifacts directory: a second store follows it, a new store starts on it', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir, { variant: 1 })
  const a = makeStore(dir)
  const b = makeStore(dir)
  await a.store.refresh()
  await b.store.refresh()
  t.equal(b.store.current()?.version, v2.version)

  const pinned = await a.store.pin(v1.version, { by: 'ops-alice', note: 'bad recommendations in v2' })
  t.match(pinned, { active: v1.version, pinned: v1.version, following: 'pinned', pin: { version: v1.version, by: 'ops-alice', note: 'bad recommendations in v2' } })
  await b.store.refresh()
  t.match(b.store.status(), { active: v1.version, pinned: v1.version, following: 'pinned', pin: { by: 'ops-alice', at: pinned.pin?.at } }, 'the other replica follows, with the same story')
  const restarted = makeStore(dir)
  await restarted.store.refresh()
  t.match(restarted.store.status(), { active: v1.version, pinned: v1.version }, 'a restarted replica starts pinned')

  await publishFixture(dir, { variant: 2 })
  await b.store.refresh()
  t.equal(b.store.current()?.version, v1.version, 'a pin wins over a new LATEST on every replica')

  await b.store.unpin()
  await a.store.refresh()
  t.match(a.store.status(), { pinned: null, following: 'latest', pin: null })
  t.not(a.store.current()?.version, v1.version, 'unpinned through the other replica: back to LATEST')
})

t.test('pins made outside the service (the models command) are followed; a corrupt PINNED keeps serving and says why', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir, { variant: 1 })
  const { store, loud } = makeStore(dir)
  await store.refresh()
  await pinVersion(dir, v1.version, { by: 'cli' })
  await store.refresh()
  t.match(store.status(), { active: v1.version, pinned: v1.version, pin: { by: 'cli' } })
  await writeFile(path.join(dir, PIN_FILE), '{"broken"')
  for (let i = 0; i < 3; i++) await store.refresh()
  t.equal(store.current()?.version, v1.version, 'an unreadable pin does not unpin')
  t.match(store.status().problems, [{ file: PIN_FILE, reason: /not JSON/ }])
  t.equal(loud().length, 1, 'warned once')
  await unpinVersion(dir)
  await store.refresh()
  t.equal(store.current()?.version, v2.version)
})
