// Starts a worker thread on a module next to the caller, from compiled JavaScript (dist/) or from
// the TypeScript sources (tests and `node --import tsx`). A worker does not inherit tsx's module
// hooks, so from the sources it registers them before importing its entry.
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
