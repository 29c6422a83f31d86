// The model loader's worker thread (model-loader.ts starts it): reads a version, checks every
// file's size and sha256, parses and validates it (lib/artifacts loadVersion) and builds its
// typed-array indexes (buildServedIndexes), then hands it all to the main thread with the
// buffers in the transfer list: moved, not copied, so the main thread pays nothing for the
// columns whatever their size — only the small JSON parts (manifest, segments, catalogue) are
// cloned. It runs at the nice value each request carries (thread-priority.ts: below the event
// loop, so a load takes CPU the requests do not need). Errors go back as plain fields, rebuilt there as the same ArtifactError.
import { parentPort } from 'node:worker_threads'
import { loadVersion } from '../../../../lib/artifacts/index.js'
import { ArtifactError, ShopperError } from '../../../../lib/errors.js'
import { buildServedIndexes } from '../../../domain/served-model.js'
import { setWorkerThreadNice } from './thread-priority.js'
import { transferables, type LoadReply, type LoadRequest, type SerialisedError } from './load-protocol.js'

function serialise (error: unknown): SerialisedError {
  if (error instanceof ArtifactError) return { kind: 'artifact', version: error.version, file: error.file, reason: error.reason, code: error.code }
  if (error instanceof ShopperError) return { kind: 'shopper', code: error.code, message: error.message }
  const e = error instanceof Error ? error : new Error(String(error))
  return { kind: 'error', name: e.name, message: e.message, stack: e.stack }
}

let niceNow = 0
/**
 * A priority is a courtesy to the event loop, never a reason to refuse a version: raising it back
 * (a lower nice than before) needs privileges an unprivileged service lacks, and then the load
 * goes on at the priority the thread has.
 */
function applyNice (nice: number): void {
  if (nice === niceNow) return
  try {
    if (setWorkerThreadNice(nice)) niceNow = nice
  } catch {}
}

const port = parentPort
if (port === null) throw new Error('load-worker.ts runs as a worker thread (model-loader.ts starts it)')
port.on('message', (request: LoadRequest) => {
  void (async () => {
    let reply: LoadReply
    try {
      applyNice(request.nice)
      const indexed = buildServedIndexes(await loadVersion(request.artifactsDir, request.version))
      reply = { id: request.id, ok: true, indexed }
      port.postMessage(reply, transferables(indexed))
    } catch (error) {
      reply = { id: request.id, ok: false, error: serialise(error) }
      port.postMessage(reply)
    }
  })()
})
