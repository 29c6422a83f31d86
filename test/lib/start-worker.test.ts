// startWorker runs a worker module next to its caller, from dist/ (plain JavaScript) and from the
// TypeScript sources (tests, benches: `node --import tsx`). Why it registers tsx in the worker
// itself rather than leaving that to test tooling: a worker inherits the parent's execArgv, and
// `--import tsx` does run in it, but tsx 4 registers its hooks in worker threads only on Node
// ≥ 22.22 / 24.11 (it checks `isInternalThread`); on the Node 20 that runs these tests a worker on
// a .ts file fails with ERR_UNKNOWN_FILE_EXTENSION. (Not asserted here: under tap's coverage
// hooks in CI a plain worker did load the .ts file, so the outcome depends on the test runner's
// loaders, not on this project.)
import t from 'tap'
import { once } from 'node:events'
import type * as workerThreads from 'node:worker_threads'
import { startWorker } from '../../lib/start-worker.js'

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
