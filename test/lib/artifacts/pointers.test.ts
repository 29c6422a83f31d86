// LATEST and PINNED as the contract reads them (issue 8, findings 5 and 9, and pins shared by
// replicas): missing is not invalid, links are never followed, a pin protects its version.
import t from 'tap'
import { readFile, rm, symlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  PIN_FILE, listVersionEntries, listVersions, loadManifest, loadVersion, pinVersion, pruneVersions, readLatestState, readPin, setLatest, unpinVersion
} from '../../../lib/artifacts/index.js'
import { publishFixture } from '../../helpers/fixtures.js'

t.test('LATEST: missing, a version, or invalid with the reason (garbage, empty, ../x, a link, a directory)', async (t) => {
  const dir = t.testdir()
  t.same(await readLatestState(dir), { state: 'missing' })
  t.same(await readLatestState(path.join(dir, 'no-such-dir')), { state: 'missing' })
  const v1 = await publishFixture(dir)
  t.same(await readLatestState(dir), { state: 'ok', version: v1.version })
  const cases: Array<[string, () => Promise<void>, RegExp]> = [
    ['garbage', () => writeFile(path.join(dir, 'LATEST'), '\u0000\u0001garbage'), /holds .* which is not a version name/],
    ['empty', () => writeFile(path.join(dir, 'LATEST'), ''), /LATEST is empty/],
    ['a path', () => writeFile(path.join(dir, 'LATEST'), '../x\n'), /holds "\.\.\/x", which is not a version name/],
    ['huge', () => writeFile(path.join(dir, 'LATEST'), 'x'.repeat(10_000)), /has 10000 bytes/]
  ]
  for (const [what, damage, reason] of cases) {
    await damage()
    const state = await readLatestState(dir)
    t.equal(state.state, 'invalid', what)
    t.match(state, { reason }, what)
  }
  await writeFile(path.join(dir, 'LATEST'), v1.version)
  const linked = t.testdir({ LATEST: t.fixture('symlink', path.join(dir, 'LATEST')) })
  t.match(await readLatestState(linked), { state: 'invalid', reason: /symbolic link/ }, 'a link to a valid LATEST')
  const dangling = t.testdir({ LATEST: t.fixture('symlink', '/nowhere/at/all') })
  t.match(await readLatestState(dangling), { state: 'invalid', reason: /symbolic link/ }, 'a dangling link')
  const directory = t.testdir({ LATEST: {} })
  t.match(await readLatestState(directory), { state: 'invalid', reason: /not a regular file/ })
})

t.test('a pin is a record in the directory: who, when, which; unpin removes it', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir)
  t.same(await readPin(dir), { state: 'none' })
  const record = await pinVersion(dir, v1.version, { by: 'ops@example', note: 'roll back: bad recommendations', now: new Date('2026-12-01T10:00:00Z') })
  t.same(record, { version: v1.version, by: 'ops@example', at: '2026-12-01T10:00:00.000Z', note: 'roll back: bad recommendations' })
  t.same(await readPin(dir), { state: 'pinned', record })
  t.same(JSON.parse(await readFile(path.join(dir, PIN_FILE), 'utf8')), record, 'plain JSON on disk')
  const second = await pinVersion(dir, v2.version)
  t.match(second, { version: v2.version, by: /^.+@.+$/ }, 'the default actor is user@host')
  t.same(await unpinVersion(dir), second, 'unpin answers the record it removed')
  t.same(await readPin(dir), { state: 'none' })
  t.equal(await unpinVersion(dir), null, 'unpinning twice is fine')
})

t.test('pinning refuses what cannot serve: unknown, a link, a failed check', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  await t.rejects(pinVersion(dir, '20200101T000000Z-abcdef'), { code: 'ERR_VERSION_NOT_PINNABLE', message: /is not in the artifacts directory/ })
  await t.rejects(pinVersion(dir, '../etc'), { code: 'ERR_VERSION_NAME' })
  await symlink(path.join(dir, v1.version), path.join(dir, '20300101T000000Z-abcdef'))
  await t.rejects(pinVersion(dir, '20300101T000000Z-abcdef'), { code: 'ERR_VERSION_NOT_PINNABLE', message: /symbolic link/ })
  await t.rejects(pinVersion(dir, v1.version, { check: async () => { throw new Error('does not load') } }), { message: 'does not load' })
  t.same(await readPin(dir), { state: 'none' }, 'nothing recorded')
})

t.test('a pin record is refused, never cut, when it cannot hold what it is given; an empty `by` means the default actor', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  await t.rejects(pinVersion(dir, v1.version, { note: 'x'.repeat(501) }), { code: 'ERR_USAGE', message: /note must/ })
  await t.rejects(pinVersion(dir, v1.version, { by: 'x'.repeat(201) }), { code: 'ERR_USAGE', message: /by must/ })
  t.same(await readPin(dir), { state: 'none' }, 'nothing recorded')
  t.match(await pinVersion(dir, v1.version, { by: '  ' }), { by: /^.+@.+$/ })
  t.match(await readPin(dir), { state: 'pinned' })
})

t.test('PINNED that is not a pin record is invalid, with the reason', async (t) => {
  for (const [text, reason] of [['garbage', /not JSON/], ['{"version":"x","by":"a","at":"2026-12-01T10:00:00Z"}', /not a pin record/], ['{}', /not a pin record/]] as const) {
    const dir = t.testdir({ PINNED: text })
    t.match(await readPin(dir), { state: 'invalid', reason }, text)
  }
})

t.test('prune never removes the pinned version or the one LATEST names', async (t) => {
  const dir = t.testdir()
  const versions = []
  for (let i = 0; i < 5; i++) versions.push((await publishFixture(dir, { variant: i })).version)
  await pinVersion(dir, versions[1])
  await setLatest(dir, versions[0])
  const pruned = await pruneVersions(dir, 3)
  t.same(pruned, [versions[2], versions[3]])
  t.same(await listVersions(dir), [versions[0], versions[1], versions[4]])
})

t.test('a version directory that is a symbolic link is listed as one and never loads', async (t) => {
  const root = t.testdir()
  const outside = path.join(root, 'elsewhere')
  const real = await publishFixture(outside)
  const dir = path.join(root, 'artifacts')
  const v1 = await publishFixture(dir)
  await symlink(path.join(outside, real.version), path.join(dir, real.version))
  t.same(await listVersions(dir), [v1.version], 'a link is not a version')
  t.same((await listVersionEntries(dir)).find((e) => e.version === real.version), { version: real.version, kind: 'symlink' })
  await t.rejects(loadManifest(dir, real.version), { message: /the version directory: is a symbolic link \(to .*\); a version must be a directory inside the artifacts directory/ })
  await t.rejects(loadVersion(dir, real.version), { message: /symbolic link/ })
  // a file inside a version that links elsewhere is refused too
  const secret = path.join(outside, 'secret.json')
  await writeFile(secret, '{}')
  await rm(path.join(dir, v1.version, 'catalogue.json'))
  await symlink(secret, path.join(dir, v1.version, 'catalogue.json'))
  await t.rejects(loadVersion(dir, v1.version), { message: /catalogue\.json: is a symbolic link/ })
})
