// startWorker runs a worker module next to its caller, from dist/ (plain JavaScript) and from the
// TypeScript sources (tests, benches: `node --import tsx`). Why it registers tsx in the worker
// itself rather than leaving that to test tooling: a worker inherits the parent's execArgv, and
// `--import tsx` does run in it, but tsx 4 registers its hooks in worker threads only on Node
// ≥ 22.22 / 24.11 (it checks `isInternalThread`); on the Node 20 that runs these tests a worker on
// a .ts file fails with ERR_UNKNOWN_FILE_EXTENSION. The last test shows it, and says when the
// bootstrap can go.
import t from 'tap'
import { once } from 'node:events'
import * as workerThreads from 'node:worker_threads'
import { startWorker } from '../../lib/start-worker.js'

/** What tsx looks for before registering itself in a worker thread (Node ≥ 22.22, 24.11). */
const TSX_REGISTERS_IN_WORKERS = 'isInternalThread' in workerThreads

async function answer (worker: workerThreads.Worker): Promise<unknown> {
  try {
    const [message] = await Promise.race([once(worker, 'message'), once(worker, 'error').then(([error]) => { throw error })])
    return message
  } finally {
    await worker.terminate()
  }
}

t.test('from the TypeScript sources, the worker runs its .ts module', async (t) => {
  t.same(await answer(startWorker(import.meta.url, './fixtures/echo-worker', { workerData: { n: 1 } })), { given: { n: 1 } })
})

t.test('why: without the bootstrap, a worker does not get tsx on this Node', async (t) => {
  const plain = new workerThreads.Worker(new URL('./fixtures/echo-worker.ts', import.meta.url), { workerData: 1 })
  const outcome = await answer(plain).then(() => 'ran', (error: NodeJS.ErrnoException) => error.code)
  if (!TSX_REGISTERS_IN_WORKERS) {
    t.equal(outcome, 'ERR_UNKNOWN_FILE_EXTENSION', 'tsx skips worker threads here, so startWorker registers it')
  } else {
    t.comment(`tsx registers itself in worker threads on Node ${process.version} (${outcome}): once Node 20 is gone, the bootstrap in lib/start-worker.ts can go`)
  }
})
