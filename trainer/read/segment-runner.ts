// Where segments are parsed: on the calling thread, on worker threads, or both. Parsing is the
// costly part of reading (csv-parse looks at every byte), and segments are independent, so on a
// 2-core machine one worker plus the main thread nearly halve the wall time; the main thread also
// decompresses (on libuv's pool), hashes and joins, which is light.
import { setImmediate as nextTurn } from 'node:timers/promises'
import type { Worker } from 'node:worker_threads'
import { startWorker } from '../../lib/start-worker.js'
import type { RowLayout } from './header.js'
import type { RecordParser } from './hybrid-records.js'
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

export function inlineRunner (layout: RowLayout, parser: RecordParser): SegmentRunner {
  return {
    run: async (bytes) => parseSegment(bytes, layout, parser),
    close: async () => {}
  }
}

function startSegmentWorker (layout: RowLayout, parser: RecordParser): Worker {
  // A smaller young generation than V8's default: a worker's garbage (csv-parse's strings and
  // arrays) dies young anyway, and this keeps ~10 MB of RSS per worker (measured) at no CPU cost.
  return startWorker(import.meta.url, './segment-worker', { workerData: { layout, parser }, resourceLimits: { maxYoungGenerationSizeMb: 16 } })
}

interface Pending { resolve: (result: SegmentResult) => void, reject: (error: Error) => void, worker: Worker }

/** `size` worker threads; each segment goes to the worker with the fewest segments queued. */
export class WorkerPool implements SegmentRunner {
  private readonly workers: Worker[]
  private readonly queuedPerWorker = new Map<Worker, number>()
  private readonly pending = new Map<number, Pending>()
  private nextId = 0
  private failure: Error | undefined

  constructor (size: number, layout: RowLayout, parser: RecordParser) {
    this.workers = Array.from({ length: Math.max(1, size) }, () => startSegmentWorker(layout, parser))
    for (const worker of this.workers) {
      this.queuedPerWorker.set(worker, 0)
      worker.on('message', (response: SegmentResponse) => { this.settle(response) })
      worker.on('error', (error) => { this.fail(error) })
      worker.on('exit', (code) => { if (this.failure === undefined && code !== 0) this.fail(new Error(`segment worker exited with code ${code}`)) })
    }
  }

  get size (): number { return this.workers.length }

  /** segments sent and not yet answered */
  get queued (): number { return this.pending.size }

  run (bytes: Buffer): Promise<SegmentResult> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const worker = this.workers.reduce((best, w) => (this.queuedPerWorker.get(w) as number) < (this.queuedPerWorker.get(best) as number) ? w : best)
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker })
      this.queuedPerWorker.set(worker, (this.queuedPerWorker.get(worker) as number) + 1)
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
    this.queuedPerWorker.set(pending.worker, (this.queuedPerWorker.get(pending.worker) as number) - 1)
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

/**
 * Workers first, the calling thread when they are busy: a segment goes to the pool while it has
 * fewer than `depth` segments per worker, otherwise the calling thread parses it itself. With
 * one worker on a 2-core machine both cores parse, with one V8 isolate (~50 MB of RSS) less than
 * two workers and the same speed (measured).
 */
export class SharedRunner implements SegmentRunner {
  constructor (private readonly pool: WorkerPool, private readonly layout: RowLayout, private readonly parser: RecordParser, private readonly depth = 2) {}

  /** unfinished segments this runner can have before the caller should wait */
  get capacity (): number { return this.depth * this.pool.size + 1 }

  async run (bytes: Buffer): Promise<SegmentResult> {
    if (this.pool.queued >= this.depth * this.pool.size) {
      // Let the pool's finished answers in first: while the calling thread parses, it reads no
      // messages, and a stale count would leave the workers idle.
      await nextTurn()
    }
    if (this.pool.queued < this.depth * this.pool.size) return await this.pool.run(bytes)
    return parseSegment(bytes, this.layout, this.parser)
  }

  async close (): Promise<void> { await this.pool.close() }
}
