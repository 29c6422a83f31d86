// The five relations and the cleaning counts as files, the way a warehouse exports the result of
// ./aggregates.sql (Spark, BigQuery, Snowflake, psql's \copy): a directory with, for each of
// cleaning, customers, customer_days, pairs, descriptions and countries, either NAME.csv
// (gzip or not, with a header line), NAME.parquet, or a directory NAME/ of such files (the
// shards an engine writes in parallel, read in name order; the order does not matter). Columns
// are found by name (RELATION_COLUMNS, any case, extra columns ignored).
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet'
import { ShopperError } from '../../../lib/errors.js'
import { openInput } from '../../read/open-input.js'
import { RecordSplitter } from '../../read/record-splitter.js'
import { RELATION_COLUMNS, buildAggregates, type BuiltAggregates, type RelationName } from './build.js'
import { CsvSegmentReader } from './csv-batch.js'
import { TextBatch, type RelationBatch } from './relation-batch.js'

const SHARD = /\.(csv|csv\.gz|parquet)$/i

async function isDirectory (file: string): Promise<boolean> {
  return await stat(file).then((s) => s.isDirectory(), () => false)
}

/** The files that hold `relation` in `dir`; ERR_INPUT_NOT_FOUND when there are none. */
async function relationFiles (dir: string, relation: RelationName): Promise<string[]> {
  const shards = path.join(dir, relation)
  if (await isDirectory(shards)) {
    const files = (await readdir(shards)).filter((name) => SHARD.test(name)).sort().map((name) => path.join(shards, name))
    if (files.length > 0) return files
  }
  for (const ext of ['.csv', '.csv.gz', '.parquet']) {
    const file = path.join(dir, relation + ext)
    if (await stat(file).then((s) => s.isFile(), () => false)) return [file]
  }
  throw new ShopperError('ERR_INPUT_NOT_FOUND', `aggregates ${dir}: no ${relation}.csv, ${relation}.csv.gz, ${relation}.parquet or ${relation}/ directory of them`)
}

/** Where each expected column is among `names`; ERR_UNKNOWN_HEADER naming the file when one is missing. */
function columnPositions (names: readonly string[], relation: RelationName, file: string): number[] {
  const byName = new Map(names.map((name, i) => [name.trim().toLowerCase(), i]))
  const expected = RELATION_COLUMNS[relation]
  const missing = expected.filter((column) => !byName.has(column))
  if (missing.length > 0) throw new ShopperError('ERR_UNKNOWN_HEADER', `${file}: expected the columns ${expected.join(', ')} of ${relation}; missing ${missing.join(', ')}`)
  return expected.map((column) => byName.get(column) as number)
}

function text (value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return String(value.getTime())
  return String(value) // numbers in their shortest exact form, bigints whole
}

/**
 * Bytes per parsed segment. An export is mostly lines without a quote, which the hybrid parser
 * (trainer/read/hybrid-records.ts) splits by hand in about half csv-parse's CPU: at 10M customers
 * the relations are ~150M records.
 */
const SEGMENT_BYTES = 4 << 20
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** A CSV file's records, a 4 MiB segment's worth at a time (the async iteration costs once a segment, not once a record). */
async function * csvRecords (file: string, relation: RelationName): AsyncIterable<RelationBatch> {
  const opened = await openInput(file)
  const splitter = new RecordSplitter(SEGMENT_BYTES)
  const reader = new CsvSegmentReader(file, (names) => columnPositions(names, relation, file))
  let first = true
  try {
    for await (let chunk of opened.chunks) {
      if (first && chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3)
      first = false
      for (const segment of splitter.push(chunk)) yield reader.read(segment)
    }
  } catch (error) {
    if (error instanceof ShopperError) throw error
    throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`, { cause: error })
  }
  const rest = splitter.end()
  if (rest !== null) yield reader.read(rest)
}

/** A Parquet file's records, a row group at a time. */
async function * parquetRecords (file: string, relation: RelationName): AsyncIterable<RelationBatch> {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer).catch((error: Error) => {
    throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot read ${file}: not a Parquet file (${error.message})`, { cause: error })
  })
  const names = parquetSchema(metadata).children.map((child) => child.element.name)
  const positions = columnPositions(names, relation, file)
  const columns = positions.map((i) => names[i])
  let start = 0
  for (const group of metadata.row_groups) {
    const end = start + Number(group.num_rows)
    let rows: unknown[][] = []
    await parquetRead({ file: buffer, metadata, columns, rowStart: start, rowEnd: end, onComplete: (read) => { rows = read } })
    yield new TextBatch(rows.map((row) => row.map(text)))
    start = end
  }
}

async function * relationRecords (dir: string, relation: RelationName): AsyncIterable<RelationBatch> {
  for (const file of await relationFiles(dir, relation)) {
    yield * (/\.parquet$/i.test(file) ? parquetRecords(file, relation) : csvRecords(file, relation))
  }
}

/**
 * Reads the aggregates a warehouse computed with aggregates.sql and exported to `dir`. Throws
 * ShopperError: ERR_INPUT_NOT_FOUND (a relation missing), ERR_UNKNOWN_HEADER (a column missing),
 * ERR_INPUT_UNREADABLE (not CSV or Parquet, sums that are not exact integers).
 */
export async function readAggregatesDirectory (dir: string): Promise<BuiltAggregates> {
  if (!await isDirectory(dir)) throw new ShopperError('ERR_INPUT_NOT_FOUND', `aggregates directory not found: ${dir}`)
  const cleaningRows: string[][] = []
  for await (const batch of relationRecords(dir, 'cleaning')) {
    for (let r = 0; r < batch.length; r++) cleaningRows.push(RELATION_COLUMNS.cleaning.map((_, column) => batch.text(r, column)))
  }
  if (cleaningRows.length !== 1) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates ${dir}: cleaning must have exactly one row, found ${cleaningRows.length}`)
  const cleaning = Object.fromEntries(RELATION_COLUMNS.cleaning.map((column, i) => [column, cleaningRows[0][i]]))
  return await buildAggregates({
    cleaning,
    customers: relationRecords(dir, 'customers'),
    customerDays: relationRecords(dir, 'customer_days'),
    pairs: relationRecords(dir, 'pairs'),
    descriptions: relationRecords(dir, 'descriptions'),
    countries: relationRecords(dir, 'countries')
  })
}
