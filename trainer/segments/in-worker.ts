// The segment stage on a second thread. The k sweep (9 values of k × 10 K-Means restarts, plus
// silhouettes) is the costliest stage after reading, and it needs nothing but the RFM table, so
// the pipeline runs it here while the main thread builds the catalogue and the neighbours:
// on 2 cores the two stages then cost the longer of the two instead of their sum.
import { ShopperError, type ErrorCode } from '../../lib/errors.js'
import { startWorker } from '../../lib/start-worker.js'
import type { RfmTable } from '../rfm.js'
import type { SegmentOptions, SegmentResult } from './index.js'

type WorkerAnswer =
  | { result: SegmentResult }
  | { error: { message: string, code?: ErrorCode, stack?: string } }

export async function buildSegmentModelInWorker (rfm: RfmTable, options: Partial<SegmentOptions> = {}): Promise<SegmentResult> {
  const worker = startWorker(import.meta.url, './worker', { workerData: { rfm, options } })
  try {
    const answer = await new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve)
      worker.once('error', reject)
      worker.once('exit', (code) => { reject(new Error(`segment model worker exited with code ${code} before answering`)) })
    })
    if ('result' in answer) return answer.result
    const { message, code, stack } = answer.error
    const error = code ? new ShopperError(code, message) : new Error(message)
    if (stack) error.stack = stack
    throw error
  } finally {
    await worker.terminate()
  }
}
