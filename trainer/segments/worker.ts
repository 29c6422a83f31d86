// Worker thread entry: builds the segment model for the RFM table it is given and posts back the
// result, or the error with its code (a ShopperError must keep its code across the thread).
import { parentPort, workerData } from 'node:worker_threads'
import { ShopperError } from '../../lib/errors.js'
import type { RfmTable } from '../rfm.js'
import { buildSegmentModel, type SegmentOptions } from './index.js'

const { rfm, options } = workerData as { rfm: RfmTable, options: Partial<SegmentOptions> }
try {
  const result = buildSegmentModel(rfm, options)
  parentPort?.postMessage({ result }, [result.assignments.buffer as ArrayBuffer])
} catch (error) {
  parentPort?.postMessage({
    error: {
      message: error instanceof Error ? error.message : String(error),
      code: error instanceof ShopperError ? error.code : undefined,
      stack: error instanceof Error ? error.stack : undefined
    }
  })
}
