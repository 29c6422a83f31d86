// A customer of an audience as the API answers it: a JSON row, or a CSV line of the export.
import { Readable } from 'node:stream'
import { customerId, type CustomerTable, type SegmentModel } from '../../lib/artifacts/index.js'
import { batchesOf, type AudienceIndex, type Listing } from './audience.js'

export interface AudienceRow {
  id: string
  recency: number
  frequency: number
  monetary: number
  segment: { id: number, label: string }
  expectedPurchases?: number
  pAlive?: number | null
  expectedOrderValue?: number
  expectedRevenue?: number
}

export type ValueFields = Pick<AudienceRow, 'expectedPurchases' | 'pAlive' | 'expectedOrderValue' | 'expectedRevenue'>

/** Customer `i`'s value estimates (money in cents); none when the version has no values.bin. */
export function valueFields (index: AudienceIndex, i: number): ValueFields {
  const values = index.values
  if (values === null) return {}
  return {
    expectedPurchases: values.expectedPurchases[i],
    pAlive: values.pAlive === null ? null : values.pAlive[i],
    expectedOrderValue: values.expectedOrderValue[i],
    expectedRevenue: values.expectedRevenue[i]
  }
}

/** The version's value horizon and dropout verdict (null without values.bin): pAlive's meaning. */
export function valueInfo (index: AudienceIndex): { horizonDays: number, dropout: 'estimated' | 'degenerate' } | null {
  return index.values === null ? null : { horizonDays: index.values.horizonDays, dropout: index.values.dropout }
}

/** Customer `i` of the index (money already in cents); the value fields when the version has them. */
/** Customer `i`'s RFM values and segment id, from the columns. */
export function customerAt (customers: CustomerTable, i: number): { id: string, recency: number, frequency: number, monetary: number, segment: number } {
  return { id: customerId(customers, i), recency: customers.recency[i], frequency: customers.frequency[i], monetary: customers.monetary[i], segment: customers.segment[i] }
}

export function audienceRow (index: AudienceIndex, model: SegmentModel, i: number): AudienceRow {
  const { id, recency, frequency, monetary, segment } = customerAt(index.customers, i)
  return { id, recency, frequency, monetary, segment: { id: segment, label: model.segments[segment].label }, ...valueFields(index, i) }
}

const BASE_COLUMNS = ['id', 'recency', 'frequency', 'monetary', 'segment_id', 'segment']
const VALUE_COLUMNS = ['expected_purchases', 'p_alive', 'expected_order_value', 'expected_revenue']

/** RFC 4180 quoting, and a leading ' for what a spreadsheet would run as a formula (=, +, -, @). */
function csvField (text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function csvHeader (index: AudienceIndex): string {
  return [...BASE_COLUMNS, ...(index.values ? VALUE_COLUMNS : [])].join(',') + '\r\n'
}

export function csvLine (index: AudienceIndex, labels: readonly string[], i: number): string {
  const { id, recency, frequency, monetary, segment } = customerAt(index.customers, i)
  let line = `${csvField(id)},${recency},${frequency},${monetary},${segment},${labels[segment]}`
  const values = index.values
  if (values !== null) {
    line += `,${values.expectedPurchases[i]},${values.pAlive === null ? '' : values.pAlive[i]},${values.expectedOrderValue[i]},${values.expectedRevenue[i]}`
  }
  return line + '\r\n'
}

/** Rows per chunk of the export: ~50 KB of text, few enough chunks that the stream's overhead is nothing. */
export const CSV_ROWS_PER_CHUNK = 1000

/**
 * The whole listing as CSV, streamed: a chunk of rows is made only when the response wants more
 * (Readable.from pulls from the generator as the socket drains), so memory stays at a chunk or two
 * whatever the audience's size.
 */
export function audienceCsv (index: AudienceIndex, model: SegmentModel, list: Listing): Readable {
  const labels = model.segments.map((segment) => csvField(segment.label))
  function * chunks (): Generator<string> {
    yield csvHeader(index)
    for (const batch of batchesOf(list, CSV_ROWS_PER_CHUNK)) {
      let text = ''
      for (const i of batch) text += csvLine(index, labels, i)
      yield text
    }
  }
  return Readable.from(chunks(), { objectMode: false, highWaterMark: 64 * 1024 })
}
