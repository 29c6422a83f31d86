// The pipeline's first stage in one call: read and clean the transaction log into the trainer's
// aggregate inputs (trainer/aggregates/contract.ts), and describe both for the manifest (input
// identity and the cleaning report). Each parsed segment is folded into the aggregator and
// dropped, so memory is the aggregates plus the segments in flight, whatever the number of rows.
//
// This is the one place a source of aggregates is chosen: rows from a CSV file or PostgreSQL (as
// COPY's CSV) through the CSV reader, rows from Parquet (sources/parquet.ts), or aggregates a
// database or a warehouse computed (sources/precomputed.ts); each gives the same LoadedAggregates.
import type { CleaningReport } from '../../lib/artifacts/index.js'
import { TransactionAggregator } from '../aggregates/aggregate.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { buildCleaningReport } from '../clean.js'
import type { NonProductRule } from '../non-product-codes.js'
import type { TransactionTable } from '../transactions.js'
import { TableConcatenator } from './concat-tables.js'
import { readTransactions, type InputInfo, type ReadOptions, type TableSink } from './read-transactions.js'
import type { ReadStageOptions } from './options.js'
import { isParquetInput, readParquet } from './sources/parquet.js'
import { readPrecomputedAggregates } from './sources/precomputed.js'

export interface LoadAggregatesOptions extends ReadOptions, Partial<Pick<ReadStageOptions, 'aggregateInDatabase'>> {
  /** which stock codes are not products (counted in the report as nonProductRows) */
  nonProductRule?: NonProductRule
  /**
   * Also keep every kept row, as a TransactionTable: only the offline evaluation asks for it (its
   * time split needs rows, not pairs), and only then does memory grow with the rows.
   */
  keepRows?: boolean
}

export interface LoadedAggregates {
  aggregates: TransactionAggregates
  cleaning: CleaningReport
  input: InputInfo
  /** the kept rows, when `keepRows` was asked for */
  table?: TransactionTable
}

/**
 * Reads, cleans, aggregates and reports. Throws ShopperError: ERR_INPUT_NOT_FOUND,
 * ERR_INPUT_UNREADABLE, ERR_UNKNOWN_HEADER, ERR_TOO_MANY_MALFORMED_ROWS, ERR_EMPTY_AFTER_CLEANING.
 */
export async function loadAggregates (options: LoadAggregatesOptions): Promise<LoadedAggregates> {
  // aggregates computed by the database or exported by a warehouse: no rows to read (sources/precomputed.ts)
  const precomputed = await readPrecomputedAggregates(options)
  if (precomputed !== undefined) {
    const { aggregates, input, dropped, malformed } = precomputed
    options.onProgress?.(input.rowsRead)
    return { aggregates, cleaning: buildCleaningReport({ aggregates, dropped, rowsRead: input.rowsRead, malformed, nonProductRule: options.nonProductRule }), input }
  }
  const aggregator = new TransactionAggregator()
  const rows = options.keepRows === true ? new TableConcatenator() : undefined
  const sink: TableSink = rows === undefined
    ? aggregator
    : { addTable: (table) => { aggregator.addTable(table); rows.addTable(table) } }
  // Parquet has its own reader (sources/parquet.ts); CSV files and PostgreSQL (as COPY's CSV) the CSV reader
  const read = await isParquetInput(options.input) ? readParquet : readTransactions
  const { input, malformed, dropped } = await read(options, sink)
  const aggregates = aggregator.finish()
  const cleaning = buildCleaningReport({ aggregates, dropped, rowsRead: input.rowsRead, malformed, nonProductRule: options.nonProductRule })
  return { aggregates, cleaning, input, ...(rows === undefined ? {} : { table: rows.finish() }) }
}
