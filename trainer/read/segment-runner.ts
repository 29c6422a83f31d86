// Where segments are parsed: on the calling thread, or on a pool of worker threads. Parsing is
// the costly part of reading (csv-parse looks at every byte), and segments are independent, so on
// a 2-core machine two workers nearly halve the wall time while the main thread decompresses,
// hashes and joins the results.
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { RowLayout } from './header.js'
import { parseSegment, type SegmentResult } from './parse-segment.js'

export interface SegmentRunner {
  /** Parses and cleans one segment; the runner may take ownership of `bytes` (transfer). */
  run: (bytes: Buffer) => Promise<SegmentResult>
  close: () => Promise<void>
}

export interface SegmentRequest { id: number, bytes: Uint8Array }
export type SegmentResponse =
  | { id: number, result: SegmentResult }
  | { id: number, error: { message: string, stack?: string } }

export function inlineRunner (layout: RowLayout): SegmentRunner {
  return {
    run: async (bytes) => parseSegment(bytes, layout),
    close: async () => {}
  }
}

function startWorker (layout: RowLayout): Worker {
  const ext = extname(fileURLToPath(import.meta.url))
  const entry = new URL(`./segment-worker${ext}`, import.meta.url)
  const options = { workerData: { layout } }
  if (ext !== '.ts') return new Worker(entry, options)
  // Running from the TypeScript sources (tests, tsx): a worker does not inherit tsx's module
  // hooks, so it registers them before importing its entry.
  const tsx = import.meta.resolve('tsx/esm/api')
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}) })`
  return new Worker(bootstrap, { ...options, eval: true })
}

interface Pending { resolve: (result: SegmentResult) => void, reject: (error: Error) => void, worker: Worker }

/** `size` worker threads; each segment goes to the worker with the fewest segments queued. */
export class WorkerPool implements SegmentRunner {
  private readonly workers: Worker[]
  private readonly queued = new Map<Worker, number>()
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private failure: Error | undefined

  constructor (size: number, layout: RowLayout) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startWorker(layout))
    for (const worker of this.workers) {
      this.queued.set(worker, 0)
      worker.on('message', (response: SegmentResponse) => { this.settle(response) })
      worker.on('error', (error) => { this.fail(error) })
      worker.on('exit', (code) => { if (this.failure === undefined && code !== 0) this.fail(new Error(`segment worker exited with code ${code}`)) })
    }
  }

  run (bytes: Buffer): Promise<SegmentResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const worker = this.workers.reduce((best, w) => (this.queued.get(w) as number) < (this.queued.get(best) as number) ? w : best)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker })
      this.queued.set(worker, (this.queued.get(worker) as number) + 1)
      const request: SegmentRequest = { id, bytes }
      // The splitter gives every segment memory of its own, so it can be moved, not copied.
      worker.postMessage(request, [bytes.buffer as ArrayBuffer])
    })
  }

  async close (): Promise<void> {
    this.fail(new Error('segment pool closed'))
    await Promise.all(this.workers.map(async (worker) => await worker.terminate()))
  }

  private settle (response: SegmentResponse): void {
    const pending = this.pending.get(response.id)
    if (pending === undefined) return
    this.pending.delete(response.id)
    this.queued.set(pending.worker, (this.queued.get(pending.worker) as number) - 1)
    if ('result' in response) {
      pending.resolve(response.result)
    } else {
      const error = new Error(response.error.message)
      if (response.error.stack !== undefined) error.stack = response.error.stack
      pending.reject(error)
    }
  }

  private fail (error: Error): void {
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }
}
