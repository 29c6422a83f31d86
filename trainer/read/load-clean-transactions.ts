// The pipeline's first stage in one call: read and clean the transaction log, and describe both
// for the manifest (input identity and the cleaning report).
import type { CleaningReport } from '../../lib/artifacts/index.js'
import { buildCleaningReport } from '../clean.js'
import type { NonProductRule } from '../non-product-codes.js'
import type { TransactionTable } from '../transactions.js'
import { TableConcatenator } from './concat-tables.js'
import { readTransactions, type InputInfo, type ReadOptions, type ReadResult } from './read-transactions.js'
import { isParquetInput, readParquet } from './sources/parquet.js'

export interface LoadCleanOptions extends ReadOptions {
  /** which stock codes are not products (counted in the report as nonProductRows) */
  nonProductRule?: NonProductRule
}

export interface CleanTransactions {
  table: TransactionTable
  report: CleaningReport
  input: InputInfo
}

/** A Parquet file's row groups joined as the CSV reader joins its segments. */
async function readParquetTable (options: ReadOptions): Promise<ReadResult> {
  const tables = new TableConcatenator()
  const read = await readParquet(options, { addTable: (table) => { tables.append(table) } })
  return { ...read, table: tables.finish() }
}

/**
 * Reads, cleans and reports. Throws ShopperError: ERR_INPUT_NOT_FOUND, ERR_INPUT_UNREADABLE,
 * ERR_UNKNOWN_HEADER, ERR_TOO_MANY_MALFORMED_ROWS, ERR_EMPTY_AFTER_CLEANING.
 */
export async function loadCleanTransactions (options: LoadCleanOptions): Promise<CleanTransactions> {
  // Parquet has its own reader (sources/parquet.ts); CSV files and PostgreSQL (as COPY's CSV) the CSV reader
  const { input, malformed, dropped, table } = await isParquetInput(options.input) ? await readParquetTable(options) : await readTransactions(options)
  const report = buildCleaningReport({ table, dropped, rowsRead: input.rowsRead, malformed, nonProductRule: options.nonProductRule })
  return { table, report, input }
}
