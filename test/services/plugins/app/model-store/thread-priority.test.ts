// The loader's thread priority: refused on the main thread and outside 0–19; on Linux, a worker
// lowers its own thread only (the test reads every thread's nice value back from /proc).
import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import t from 'tap'
import { linuxThreadId, setWorkerThreadNice } from '../../../../../services/plugins/app/model-store/thread-priority.js'

const linuxOnly = process.platform !== 'linux' && 'thread priorities are Linux-only'

function niceOf (tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3])
}

t.test('the main thread is never reniced, and a nice value is an integer 0–19', async (t) => {
  t.throws(() => setWorkerThreadNice(10), /not the event loop's/)
  t.equal(linuxThreadId(), process.platform === 'linux' ? process.pid : null, 'on Linux the main thread\'s id is the process id')
})

t.test('a worker thread lowers its own priority and nothing else\'s', { skip: linuxOnly }, async (t) => {
  const mainBefore = niceOf(process.pid)
  // a worker from source text: it reports its thread id, sets nice 7, and tries the values refused
  const source = `
    const { parentPort } = require('node:worker_threads')
    parentPort.once('message', ({ tsx, modulePath }) => {
      // tsx registers itself in workers only on newer Nodes than 20 (lib/start-worker.ts)
      import(tsx).then(({ register }) => { register(); return import(modulePath) }).then(({ setWorkerThreadNice, linuxThreadId }) => {
        const refused = []
        for (const bad of [-1, 20, 2.5]) { try { setWorkerThreadNice(bad) } catch (e) { refused.push(e instanceof RangeError) } }
        const applied = setWorkerThreadNice(7)
        parentPort.postMessage({ tid: linuxThreadId(), applied, refused })
        parentPort.once('message', () => process.exit(0))
      })
    })`
  const worker = new Worker(source, { eval: true })
  const reply = new Promise<{ tid: number, applied: boolean, refused: boolean[] }>((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject) })
  worker.postMessage({
    tsx: import.meta.resolve('tsx/esm/api'),
    modulePath: new URL('../../../../../services/plugins/app/model-store/thread-priority.ts', import.meta.url).href
  })
  const { tid, applied, refused } = await reply
  t.same(refused, [true, true, true], '-1, 20 and 2.5 are RangeErrors')
  t.equal(applied, true)
  t.not(tid, process.pid, 'the worker has its own thread id')
  t.equal(niceOf(tid), 7, 'the worker runs at nice 7')
  t.equal(niceOf(process.pid), mainBefore, 'the main thread does not')
  worker.postMessage('exit')
  await new Promise((resolve) => worker.once('exit', resolve))
})
