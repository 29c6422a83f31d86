// Reads a transaction log: streams the file (plain or gzip), recognises the header, cuts the
// bytes into segments of whole records, parses and cleans each segment (on worker threads and the
// main thread when the file is large enough), and hands each segment's kept rows, as a small
// table, to a sink in file order (the aggregator folds it in and drops it: ./load-aggregates.ts).
// Memory holds a few segments at a time plus whatever the sink keeps, never the file as rows.
import { availableParallelism } from 'node:os'
import { parse as parseCsvSync } from 'csv-parse/sync'
import { ShopperError } from '../../lib/errors.js'
import { addDropCounts, MALFORMED_EXAMPLES, zeroDropCounts, type DropCounts, type MalformedRows } from '../clean.js'
import type { TransactionTable } from '../transactions.js'
import { checkOption } from '../option-table/index.js'
import { InOrderQueue } from './in-order.js'
import { recogniseHeader, type InputFormat, type RowLayout } from './header.js'
import type { RecordParser } from './hybrid-records.js'
import { openInput } from './open-input.js'
import type { SegmentResult } from './parse-segment.js'
import { countNewlines, firstRecordEnd, RecordSplitter } from './record-splitter.js'
import { READ_OPTIONS, type ReadStageOptions } from './options.js'
import { inlineRunner, SharedRunner, WorkerPool, type SegmentRunner } from './segment-runner.js'

/**
 * ~23k Online Retail rows: small enough that the threads finish close together, large enough that
 * a segment's fixed costs (a parser, a message, joining its dictionaries) stay negligible.
 */
export const DEFAULT_SEGMENT_BYTES = 2 << 20
/** onProgress is called each time the rows read pass a multiple of this, and once at the end. */
const PROGRESS_EVERY_ROWS = 50_000
/** A header line longer than this means the file is not a CSV we can read. */
const MAX_HEADER_BYTES = 1 << 20
const BINARY_SNIFF_BYTES = 1 << 16
/** CSV text compresses 5-7× with gzip; a low guess only starts workers for a file slightly too small. */
const GZIP_RATIO_GUESS = 4

/** The read stage's options (./options.ts: path, column names, malformed share) and the reader's own. */
/** Takes each segment's kept rows, in file order; the table is the sink's to keep or drop. */
export interface TableSink {
  addTable: (table: TransactionTable) => void
}

export interface ReadOptions extends Pick<ReadStageOptions, 'input' | 'columns'>, Partial<Pick<ReadStageOptions, 'maxMalformedShare'>> {
  /** called with the number of rows read so far, about every 50k rows and once at the end */
  onProgress?: (rowsSoFar: number) => void
  /**
   * worker threads that parse alongside the calling thread (which parses when they are busy);
   * 0: the calling thread parses alone. Default: CPUs − 1, at most 3.
   */
  workers?: number
  /** bytes per segment (tests use small segments to exercise the joins) */
  segmentBytes?: number
  /**
   * 'hybrid' (default): lines without a quote are split by hand, csv-parse reads the rest;
   * 'csv-parse': csv-parse reads every record. Same result (tested), the hybrid in about half the CPU.
   */
  parser?: RecordParser
}

export interface InputInfo {
  fileName: string
  /** size of the file as stored (compressed when gzip) */
  bytes: number
  /** sha256 of the file as stored */
  sha256: string
  gzip: boolean
  format: InputFormat
  /** data rows read, malformed rows included */
  rowsRead: number
}

export interface ReadResult {
  input: InputInfo
  malformed: MalformedRows
  dropped: DropCounts
}

/** One worker per CPU besides the calling thread's, at most 3 (the main thread's feeding and joining caps the gain). */
function defaultWorkers (): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1))
}

/**
 * The header record's fields; ERR_INPUT_UNREADABLE when the file does not start as CSV text.
 * `start` is the beginning of the file (header and whatever followed it in the first chunks).
 */
function headerFields (start: Buffer, headerEnd: number, file: string): string[] {
  const unreadable = (what: string, cause?: unknown): ShopperError =>
    new ShopperError('ERR_INPUT_UNREADABLE', `cannot read input file ${file}: ${what}`, cause === undefined ? undefined : { cause })
  // Text never holds NUL bytes; binary formats nearly always do, early on.
  if (start.subarray(0, BINARY_SNIFF_BYTES).includes(0)) throw unreadable('binary data, not a CSV file')
  const bytes = start.subarray(0, headerEnd)
  let records: string[][]
  try {
    records = parseCsvSync(bytes, { bom: true, relax_column_count: true, skip_empty_lines: true })
  } catch (error) {
    throw unreadable(`not a CSV file (${(error as Error).message})`, error)
  }
  const fields = records[0]
  if (fields === undefined || fields.every((field) => field.trim() === '')) throw unreadable('no header line')
  return fields
}

/** Joins segment results in file order, placing their malformed rows on absolute line numbers. */
class SegmentJoiner {
  rowsRead = 0
  readonly dropped = zeroDropCounts()
  readonly malformed: MalformedRows = { rows: 0, examples: [] }
  /** line number (1 = header) of the next segment's first line */
  private line: number

  constructor (firstDataLine: number, private readonly sink: TableSink, private readonly onProgress?: (rowsSoFar: number) => void) {
    this.line = firstDataLine
  }

  add (result: SegmentResult): void {
    const before = this.rowsRead
    this.rowsRead += result.rowsRead
    addDropCounts(this.dropped, result.dropped)
    this.malformed.rows += result.malformed.rows
    for (const { lineOffset, reason } of result.malformed.examples) {
      if (this.malformed.examples.length < MALFORMED_EXAMPLES) this.malformed.examples.push({ line: this.line + lineOffset, reason })
    }
    this.line += result.newlines
    this.sink.addTable(result.table)
    if (Math.floor(this.rowsRead / PROGRESS_EVERY_ROWS) > Math.floor(before / PROGRESS_EVERY_ROWS)) this.onProgress?.(this.rowsRead)
  }

  finish (): void {
    this.onProgress?.(this.rowsRead)
  }
}

/** Throws ERR_TOO_MANY_MALFORMED_ROWS when more than `maxShare` of the rows read were malformed (every reader's rule). */
export function checkMalformedShare (malformed: MalformedRows, rowsRead: number, maxShare: number, file: string): void {
  if (malformed.rows <= maxShare * rowsRead) return
  const percent = (share: number): string => `${Number((share * 100).toPrecision(3))}%`
  const examples = malformed.examples.map(({ line, reason }) => `line ${line}: ${reason}`).join('; ')
  throw new ShopperError('ERR_TOO_MANY_MALFORMED_ROWS',
    `${file}: ${malformed.rows} of ${rowsRead} rows are malformed (${percent(malformed.rows / rowsRead)}, ` +
    `more than the ${percent(maxShare)} allowed); first ones: ${examples}`)
}

function validate (options: ReadOptions): Required<Pick<ReadOptions, 'maxMalformedShare' | 'workers' | 'segmentBytes' | 'parser'>> {
  const { maxMalformedShare = READ_OPTIONS.rows.maxMalformedShare.default, workers = defaultWorkers(), segmentBytes = DEFAULT_SEGMENT_BYTES, parser = 'hybrid' } = options
  checkOption(READ_OPTIONS.rows.maxMalformedShare, maxMalformedShare, 'read: maxMalformedShare')
  if (!Number.isInteger(workers) || workers < 0) throw new ShopperError('ERR_USAGE', `workers must be an integer ≥ 0, got ${workers}`)
  if (!Number.isInteger(segmentBytes) || segmentBytes < 1) throw new ShopperError('ERR_USAGE', `segmentBytes must be a positive integer, got ${segmentBytes}`)
  if (parser !== 'hybrid' && parser !== 'csv-parse') throw new ShopperError('ERR_USAGE', `parser must be 'hybrid' or 'csv-parse', got ${String(parser)}`)
  return { maxMalformedShare, workers, segmentBytes, parser }
}

/**
 * Streams and cleans the transaction log at `options.input`, each segment's kept rows into `sink`. Throws ShopperError with
 * ERR_INPUT_NOT_FOUND, ERR_INPUT_UNREADABLE (empty, binary, corrupt gzip), ERR_UNKNOWN_HEADER or
 * ERR_TOO_MANY_MALFORMED_ROWS. Malformed rows below the threshold are skipped and counted.
 */
export async function readTransactions (options: ReadOptions, sink: TableSink): Promise<ReadResult> {
  const { maxMalformedShare, workers, segmentBytes, parser } = validate(options)
  const opened = await openInput(options.input)
  const file = options.input
  const splitter = new RecordSplitter(segmentBytes)
  let head: Buffer = Buffer.alloc(0)
  let layout: RowLayout | undefined
  let joiner: SegmentJoiner | undefined
  let runner: SegmentRunner | undefined
  let segments: InOrderQueue<SegmentResult> | undefined

  const takeHeader = (end: number): void => {
    layout = recogniseHeader(headerFields(head, end, file), options.columns)
    joiner = new SegmentJoiner(1 + countNewlines(head, 0, end), sink, options.onProgress)
    const join = joiner
    // A file of several segments gets the worker pool, started now so the workers are up by
    // the time the first segment is cut; a small file is parsed where it is.
    const parallel = workers > 0 && opened.size * (opened.gzip ? GZIP_RATIO_GUESS : 1) > segmentBytes
    const shared = parallel ? new SharedRunner(new WorkerPool(workers, layout, parser), layout, parser) : undefined
    runner = shared ?? inlineRunner(layout, parser)
    // Bounded read-ahead: two segments per worker at most wait to be parsed, so memory stays flat.
    segments = new InOrderQueue(shared?.capacity ?? 1, (result) => { join.add(result) })
  }
  const submit = async (segment: Buffer): Promise<void> => {
    await segments?.push((runner as SegmentRunner).run(segment))
  }

  try {
    for await (const chunk of opened.chunks) {
      let data = chunk
      if (layout === undefined) {
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk])
        const end = firstRecordEnd(head)
        if (end < 0) {
          if (head.length > MAX_HEADER_BYTES) throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot read input file ${file}: no line break in the first ${MAX_HEADER_BYTES} bytes, not a CSV file`)
          continue
        }
        takeHeader(end)
        data = head.subarray(end)
      }
      for (const segment of splitter.push(data)) await submit(segment)
    }
    if (layout === undefined) {
      if (head.length === 0) throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot read input file ${file}: no data (empty after decompression)`)
      takeHeader(head.length)
    }
    const rest = splitter.end()
    if (rest !== null) await submit(rest)
    await segments?.drain()
  } finally {
    await runner?.close()
  }

  const joined = joiner as SegmentJoiner
  joined.finish()
  checkMalformedShare(joined.malformed, joined.rowsRead, maxMalformedShare, file)
  const { bytes, sha256 } = opened.raw()
  return {
    input: { fileName: opened.fileName, bytes, sha256, gzip: opened.gzip, format: (layout as RowLayout).format, rowsRead: joined.rowsRead },
    malformed: joined.malformed,
    dropped: joined.dropped
  }
}
