// Starts a worker thread on a module next to the caller, from compiled JavaScript (dist/) or from
// the TypeScript sources. The tests and the benches run the sources (`npm run bench:*` is
// `node --import tsx bench/…`), so this is not test-only code: a worker inherits the parent's execArgv and
// runs `--import tsx`, but tsx 4 registers its hooks in worker threads only on Node ≥ 22.22 and
// 24.11, and on the Node 20 the tests run on a worker on a .ts file fails with
// ERR_UNKNOWN_FILE_EXTENSION (test/lib/start-worker.test.ts shows it). So from the sources the
// worker registers tsx before importing its entry; once Node 20 is gone, the `.ts` branch can go.
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * `callerUrl` is the caller's `import.meta.url`; `entry` the worker module's path relative to it,
 * without extension (e.g. './segment-worker').
 */
export function startWorker (callerUrl: string, entry: string, options: WorkerOptions = {}): Worker {
  const ext = extname(fileURLToPath(callerUrl))
  const url = new URL(`${entry}${ext}`, callerUrl)
  if (ext !== '.ts') return new Worker(url, options)
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}
