// The writers' lock across processes (issue 8, findings 2 and 4): a trainer killed with -9
// mid-publish leaves a temporary directory and a lock; the next publisher takes the stale lock
// over and removes the dead writer's temporary. A live writer's temporary is never touched.
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { createInterface } from 'node:readline'
import {
  LOCK_FILE, STALE_MS, TEMP_PREFIX, listVersions, loadVersion, publishVersion, readLatest
} from '../../../lib/artifacts/index.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { fixtureManifestDraft, fixtureModelFiles, fixtureFiles } from '../../helpers/fixtures.js'

function helperProcess (script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('test/helpers/processes', script), ...args], {
    cwd: PROJECT_ROOT, stdio: ['pipe', 'pipe', 'inherit']
  })
  const lines = createInterface({ input: child.stdout })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  return { child, lines, exited }
}

async function startHolder (dir: string) {
  const holder = helperProcess('lock-holder.ts', [dir])
  const [line] = await once(holder.lines, 'line') as [string]
  const temp = line.replace(/^ready /, '')
  return { ...holder, temp }
}

function files () {
  const model = fixtureModelFiles()
  return {
    ...fixtureFiles(model, false)
  }
}

const temporaries = async (dir: string) => (await readdir(dir)).filter((name) => name.startsWith(TEMP_PREFIX))

t.test('a publisher killed with -9 mid-publish: the next one takes its lock over and removes its temporary', async (t) => {
  const dir = t.testdir()
  const holder = await startHolder(dir)
  t.same(await temporaries(dir), [holder.temp], 'the dead writer\'s half-written temporary')
  holder.child.kill('SIGKILL')
  await holder.exited
  const started = Date.now()
  const published = await publishVersion(dir, files(), fixtureManifestDraft())
  const waited = Date.now() - started
  t.ok(waited < STALE_MS + 5000, `published after ${waited} ms (a dead writer's lock is stale after ${STALE_MS} ms)`)
  t.same(published.removedTemporaries, [holder.temp])
  t.same(await temporaries(dir), [], 'no temporary left')
  t.equal(await readLatest(dir), published.version)
  await loadVersion(dir, published.version)
  await t.rejects(stat(path.join(dir, LOCK_FILE)), { code: 'ENOENT' }, 'the lock is released')
})

t.test('a live writer\'s temporary is never removed: the next publisher waits for its lock', async (t) => {
  const dir = t.testdir()
  const holder = await startHolder(dir)
  // the live holder keeps its lock fresh: waiting 1.5 s gives up without touching anything
  await t.rejects(publishVersion(dir, files(), fixtureManifestDraft(), { lockWaitMs: 1500 }), { code: 'ERR_ARTIFACTS_LOCKED' })
  t.same(await temporaries(dir), [holder.temp], 'the live writer\'s temporary is intact')
  const publishing = publishVersion(dir, files(), fixtureManifestDraft())
  await new Promise((resolve) => setTimeout(resolve, 300))
  t.same(await temporaries(dir), [holder.temp], 'still intact while the next publisher waits')
  holder.child.stdin.end() // the holder releases its lock and exits
  t.same(await holder.exited, [0, null])
  const published = await publishing
  t.equal(await readLatest(dir), published.version)
})

t.test('4 publisher processes × 10 publishes each, keep 2: every one exits 0, LATEST is always valid', async (t) => {
  const dir = t.testdir()
  const publishers = [0, 1, 2, 3].map((variant) => helperProcess('publish-loop.ts', [dir, '10', '2', String(variant)]))
  const published: string[] = []
  for (const publisher of publishers) publisher.lines.on('line', (line) => published.push(line))
  const exits = await Promise.all(publishers.map((p) => p.exited))
  t.same(exits, [[0, null], [0, null], [0, null], [0, null]], 'every publisher exits 0')
  t.equal(published.length, 40, '40 versions published')
  const latest = await readLatest(dir)
  // the last publish wins; within one second names order by content hash, so "last" is not "greatest name"
  t.ok(latest !== null && published.includes(latest), 'LATEST names a published version')
  await loadVersion(dir, latest!)
  const versions = await listVersions(dir)
  t.ok(versions.length <= 2, `${versions.length} versions remain (keep 2)`)
  t.same(await temporaries(dir), [])
})
