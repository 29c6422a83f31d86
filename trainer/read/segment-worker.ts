// Worker thread entry: parses and cleans the segments the main thread sends, and posts back each
// result with its typed arrays transferred (not copied).
import { parentPort, workerData } from 'node:worker_threads'
import type { RowLayout } from './header.js'
import type { RecordParser } from './hybrid-records.js'
import { parseSegment } from './parse-segment.js'
import type { SegmentRequest, SegmentResponse } from './segment-runner.js'

const { layout, parser } = workerData as { layout: RowLayout, parser: RecordParser }
const port = parentPort
if (port === null) throw new Error('segment-worker.ts runs as a worker thread only')

port.on('message', ({ id, bytes }: SegmentRequest) => {
  let response: SegmentResponse
  try {
    const result = parseSegment(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), layout, parser)
    const { table } = result
    response = { id, result }
    port.postMessage(response, [table.customer, table.product, table.invoice, table.country, table.quantity, table.unitPrice, table.invoiceDate].map((array) => array.buffer as ArrayBuffer))
  } catch (error) {
    response = { id, error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } }
    port.postMessage(response)
  }
})
