// Loads model versions off the main thread: one worker thread (load-worker.ts), started on the
// first load and kept (a start costs tens of ms, and hundreds from the TypeScript sources), does
// the reading, checksums, parsing, validation and typed-array indexing; the main thread only
// receives the transferred buffers, rebuilds the catalogue and the search strings from theirs a
// slice per turn (packed-catalogue.ts) and builds the catalogue-side indexes (assembleServedModel).
// The worker runs below the event loop's priority (thread-priority.ts, MODEL_LOADER_NICE).
// Before, all of it ran on the main thread, and a swap held every request that arrived meanwhile
// (bench:swap's p99.9: 5 ms without swaps, 17 ms with them).
//
// One worker per process (sharedModelLoader), whatever the number of app instances: starting one
// costs ~1.5 s from the TypeScript sources (tsx transpiling lib/artifacts and TypeBox in the new
// thread), which every test building an app would pay, and nothing is gained by a second one —
// each store serialises its loads. A worker that dies
// (out of memory on a huge version, a bug) fails the loads it had with the reason and is replaced
// on the next load. It never keeps the process alive on its own (unref).
import type { Worker } from 'node:worker_threads'
import { ArtifactError, ShopperError } from '../../../../lib/errors.js'
import { startWorker } from '../../../../lib/start-worker.js'
import { assembleServedModel, nextTurn, type ServedModel } from '../../../domain/served-model.js'
import { unpackParts } from './packed-catalogue.js'
import type { LoadReply, LoadRequest, SerialisedError } from './load-protocol.js'
import { DEFAULT_LOADER_NICE, type PriorityOutcome } from './thread-priority.js'

function rebuild (error: SerialisedError): Error {
  if (error.kind === 'artifact') return new ArtifactError(error.version, error.file, error.reason, error.code)
  if (error.kind === 'shopper') return new ShopperError(error.code, error.message)
  const rebuilt = new Error(`model loader worker: ${error.message}`)
  rebuilt.name = error.name
  if (error.stack !== undefined) rebuilt.stack = error.stack
  return rebuilt
}

interface Pending { resolve: (reply: LoadReply) => void, reject: (error: Error) => void }

export class WorkerModelLoader {
  #worker: Worker | undefined
  #nextId = 1
  readonly #pending = new Map<number, Pending>()
  #closed = false
  #priority: PriorityOutcome | null = null

  /** What the worker ran the last load at (null before the first): the model store warns with its problem. */
  get priority (): PriorityOutcome | null {
    return this.#priority
  }

  /**
   * Reads, checks and indexes `version` in the worker, `nice` steps below the event loop's
   * priority (thread-priority.ts); resolves with the served model.
   */
  async load (artifactsDir: string, version: string, nice = DEFAULT_LOADER_NICE): Promise<ServedModel> {
    const reply = await this.#request({ artifactsDir, version, nice })
    this.#priority = reply.priority
    if (!reply.ok) throw rebuild(reply.error)
    return assembleServedModel(await unpackParts(reply.indexed, reply.packed, nextTurn))
  }

  /** Starts the worker now, so its start overlaps the rest of the service's boot. */
  warm (): void {
    if (!this.#closed) this.#ensureWorker()
  }

  async close (): Promise<void> {
    this.#closed = true
    const worker = this.#worker
    this.#worker = undefined
    if (worker) await worker.terminate()
  }

  #request (load: Omit<LoadRequest, 'id'>): Promise<LoadReply> {
    if (this.#closed) return Promise.reject(new Error('the model loader is closed'))
    const worker = this.#ensureWorker()
    const id = this.#nextId++
    const request: LoadRequest = { id, ...load }
    return new Promise<LoadReply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      worker.ref() // a load in progress keeps the process up; an idle worker does not
      worker.postMessage(request)
    })
  }

  #ensureWorker (): Worker {
    if (this.#worker) return this.#worker
    const worker = startWorker(import.meta.url, './load-worker')
    worker.on('message', (reply: LoadReply) => {
      const pending = this.#pending.get(reply.id)
      this.#pending.delete(reply.id)
      if (this.#pending.size === 0) worker.unref()
      pending?.resolve(reply)
    })
    const fail = (error: Error): void => {
      if (this.#worker === worker) this.#worker = undefined
      for (const { reject } of this.#pending.values()) reject(error)
      this.#pending.clear()
    }
    worker.on('error', (error) => fail(new Error(`the model loader's worker failed: ${error.message}`, { cause: error })))
    worker.on('exit', (code) => fail(new Error(`the model loader's worker exited (code ${code}) during a load`)))
    // after the listeners: adding a 'message' listener refs the worker's port again
    worker.unref()
    this.#worker = worker
    return worker
  }
}

let shared: WorkerModelLoader | undefined

/** The process's loader (started on first use, never closed: its worker does not keep the process up when idle). */
export function sharedModelLoader (): WorkerModelLoader {
  shared ??= new WorkerModelLoader()
  return shared
}
