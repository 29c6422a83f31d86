// What the model loader's main thread and worker (model-loader.ts, load-worker.ts) say to each other.
import type { ErrorCode } from '../../../../lib/errors.js'
import type { IndexedVersion } from '../../../domain/served-model.js'
import type { PackedParts } from './packed-catalogue.js'
import type { PriorityOutcome } from './thread-priority.js'

export interface LoadRequest {
  id: number
  artifactsDir: string
  version: string
  /** nice steps below the event loop for this load (thread-priority.ts), set before it starts */
  nice: number
}

export type SerialisedError =
  | { kind: 'artifact', version: string, file: string, reason: string, code: ErrorCode }
  | { kind: 'shopper', code: ErrorCode, message: string }
  | { kind: 'error', name: string, message: string, stack?: string }

export type LoadReply =
  /** `indexed` without its catalogue products and search strings, which `packed` carries */
  | { id: number, ok: true, indexed: IndexedVersion, packed: PackedParts, priority: PriorityOutcome }
  | { id: number, ok: false, error: SerialisedError, priority: PriorityOutcome }

/**
 * Every ArrayBuffer under `value` (typed arrays' buffers, each once), for postMessage's transfer
 * list. Walks plain objects and arrays; the loader's buffers are its own (never Node's pooled
 * Buffer memory, which must not be transferred).
 */
export function transferables (value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>()
  const seen = new Set<object>()
  const walk = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return
    seen.add(v)
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) found.add(v.buffer)
      return
    }
    for (const child of Array.isArray(v) ? v : Object.values(v)) walk(child)
  }
  walk(value)
  return [...found]
}
