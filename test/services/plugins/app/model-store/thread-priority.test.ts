// The loader's thread priority: refused on the main thread and outside 0–19; on Linux, a worker
// lowers its own thread only, relative to the priority it started with (the test reads every
// thread's nice value back from /proc).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import t from 'tap'
import { linuxThreadId, workerThreadPriority } from '../../../../../services/plugins/app/model-store/thread-priority.js'
import { niceOf } from '../../../../helpers/thread-nice.js'

const linuxOnly = process.platform !== 'linux' && 'thread priorities are Linux-only'

t.test('the main thread is never reniced', async (t) => {
  t.throws(() => workerThreadPriority(), /not the event loop's/)
  t.equal(linuxThreadId(), process.platform === 'linux' ? process.pid : null, 'on Linux the main thread\'s id is the process id')
})

interface WorkerReport { tid: number, outcomes: unknown[], refused: boolean[] }

/** Runs `steps` through a worker's workerThreadPriority().lower, in order; the worker waits until told to exit. */
async function inWorker (steps: number[]): Promise<{ report: WorkerReport, exit: () => Promise<void> }> {
  // a worker from source text; tsx registers itself in workers only on newer Nodes than 20 (lib/start-worker.ts)
  const source = `
    const { parentPort } = require('node:worker_threads')
    parentPort.once('message', ({ tsx, modulePath, steps }) => {
      import(tsx).then(({ register }) => { register(); return import(modulePath) }).then(({ workerThreadPriority, linuxThreadId }) => {
        const priority = workerThreadPriority()
        const refused = []
        for (const bad of [-1, 20, 2.5]) { try { priority.lower(bad) } catch (e) { refused.push(e instanceof RangeError) } }
        const outcomes = steps.map((n) => priority.lower(n))
        parentPort.postMessage({ tid: linuxThreadId(), outcomes, refused })
        parentPort.once('message', () => process.exit(0))
      })
    })`
  const worker = new Worker(source, { eval: true })
  const report = new Promise<WorkerReport>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  worker.postMessage({
    tsx: import.meta.resolve('tsx/esm/api'),
    modulePath: new URL('../../../../../services/plugins/app/model-store/thread-priority.ts', import.meta.url).href,
    steps
  })
  return {
    report: await report,
    exit: async () => {
      worker.postMessage('exit')
      await new Promise((resolve) => worker.once('exit', resolve))
    }
  }
}

t.test('a worker thread lowers its own priority and nothing else\'s, never past 19', { skip: linuxOnly }, async (t) => {
  const mainBefore = niceOf(process.pid)
  const { report: { tid, outcomes, refused }, exit } = await inWorker([7, 7, 19])
  t.teardown(exit)
  t.same(refused, [true, true, true], '-1, 20 and 2.5 are RangeErrors')
  t.not(tid, process.pid, 'the worker has its own thread id')
  t.same(outcomes, [
    { nice: Math.min(19, mainBefore + 7), problem: null },
    { nice: Math.min(19, mainBefore + 7), problem: null },
    { nice: 19, problem: null }
  ], 'steps below the priority it started with, capped at 19')
  t.equal(niceOf(tid), 19, 'the worker runs at the last value')
  t.equal(niceOf(process.pid), mainBefore, 'the main thread does not')
})

t.test('raising a worker back to its starting priority: done with privileges, else kept and explained', { skip: linuxOnly }, async (t) => {
  const mainBefore = niceOf(process.pid)
  const { report: { tid, outcomes }, exit } = await inWorker([5, 0])
  t.teardown(exit)
  const lowered = Math.min(19, mainBefore + 5)
  if (process.getuid?.() === 0) {
    t.same(outcomes[1], { nice: mainBefore, problem: null })
    t.equal(niceOf(tid), mainBefore)
  } else {
    t.match(outcomes[1], { nice: lowered, problem: new RegExp(`stays at nice ${lowered}: nice ${mainBefore} was refused \\(E(ACCES|PERM)`) })
    t.equal(niceOf(tid), lowered)
  }
})

// Run as root (CI), the test above only sees the privileged branch: this file runs again as
// nobody, where raising a thread's priority is refused, and must pass there too.
const setpriv = '/usr/bin/setpriv'
const asNobody = [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups']
const thisFile = fileURLToPath(import.meta.url)
const rerunAsNobody = process.getuid?.() === 0 && existsSync(setpriv) && process.env.THREAD_PRIORITY_RERUN === undefined
const nobodyCanRead = rerunAsNobody && spawnSync(asNobody[0], [...asNobody.slice(1), 'test', '-r', thisFile]).status === 0
t.test('as an unprivileged user, the refused raise is explained and the thread keeps its priority', {
  skip: linuxOnly || (!rerunAsNobody && 'runs as root only, to drop to nobody') || (!nobodyCanRead && 'nobody cannot read the checkout')
}, async (t) => {
  const child = spawnSync(asNobody[0], [...asNobody.slice(1), process.execPath, '--import', 'tsx', thisFile], {
    cwd: path.dirname(thisFile),
    // a plain environment (tap's own hook, which it adds to spawned node processes, still runs and
    // complains on stderr that nobody cannot write its process info: the exit status and the TAP
    // output are what count)
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), THREAD_PRIORITY_RERUN: '1' },
    encoding: 'utf8',
    timeout: 60_000
  })
  t.equal(child.status, 0, 'the tests pass as nobody')
  t.match(child.stdout, /\nok \d+ - raising a worker back to its starting priority/)
})
