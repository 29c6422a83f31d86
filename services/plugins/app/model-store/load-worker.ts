// The model loader's worker thread (model-loader.ts starts it): reads a version, checks every
// file's size and sha256, parses and validates it (lib/artifacts loadVersion) and builds its
// typed-array indexes (buildServedIndexes), then hands it all to the main thread with the
// buffers in the transfer list: moved, not copied, so the main thread pays nothing for the
// columns whatever their size; the catalogue and the search strings go packed in buffers too
// (packed-catalogue.ts), so only the small JSON parts (manifest, segments) are cloned. It runs
// the number of nice steps below the event loop each request carries (thread-priority.ts), and
// says what it ran at. Errors go back as plain fields, rebuilt there as the same ArtifactError.
import { parentPort } from 'node:worker_threads'
import { loadVersion } from '../../../../lib/artifacts/index.js'
import { ArtifactError, ShopperError } from '../../../../lib/errors.js'
import { buildServedIndexes } from '../../../domain/served-model.js'
import { packParts } from './packed-catalogue.js'
import { workerThreadPriority, type PriorityOutcome } from './thread-priority.js'
import { transferables, type LoadReply, type LoadRequest, type SerialisedError } from './load-protocol.js'

function serialise (error: unknown): SerialisedError {
  if (error instanceof ArtifactError) return { kind: 'artifact', version: error.version, file: error.file, reason: error.reason, code: error.code }
  if (error instanceof ShopperError) return { kind: 'shopper', code: error.code, message: error.message }
  const e = error instanceof Error ? error : new Error(String(error))
  return { kind: 'error', name: e.name, message: e.message, stack: e.stack }
}

// created here, in the worker: it lowers this thread, whose starting priority is the event loop's
const priority = workerThreadPriority()

const port = parentPort
if (port === null) throw new Error('load-worker.ts runs as a worker thread (model-loader.ts starts it)')
port.on('message', (request: LoadRequest) => {
  void (async () => {
    let reply: LoadReply
    let outcome: PriorityOutcome = { nice: null, problem: null }
    try {
      outcome = priority.lower(request.nice)
      const indexed = buildServedIndexes(await loadVersion(request.artifactsDir, request.version))
      const packed = packParts(indexed)
      reply = { id: request.id, ok: true, indexed, packed, priority: outcome }
      port.postMessage(reply, transferables(reply))
    } catch (error) {
      reply = { id: request.id, ok: false, error: serialise(error), priority: outcome }
      port.postMessage(reply)
    }
  })()
})
