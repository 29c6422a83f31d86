// The pipeline's first stage in one call: read and clean the transaction log, and describe both
// for the manifest (input identity and the cleaning report).
import type { CleaningReport } from '../../lib/artifacts/index.js'
import { buildCleaningReport } from '../clean.js'
import type { NonProductRule } from '../non-product-codes.js'
import type { TransactionTable } from '../transactions.js'
import { readTransactions, type InputInfo, type ReadOptions } from './read-transactions.js'
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

/**
 * Reads, cleans and reports. Throws ShopperError: ERR_INPUT_NOT_FOUND, ERR_INPUT_UNREADABLE,
 * ERR_UNKNOWN_HEADER, ERR_TOO_MANY_MALFORMED_ROWS, ERR_EMPTY_AFTER_CLEANING.
 */
export async function loadCleanTransactions (options: LoadCleanOptions): Promise<CleanTransactions> {
  // Parquet has its own reader (sources/parquet.ts); CSV files and PostgreSQL (as COPY's CSV) the CSV reader
  const read = await isParquetInput(options.input) ? readParquet : readTransactions
  const { input, malformed, dropped, table } = await read(options)
  const report = buildCleaningReport({ table, dropped, rowsRead: input.rowsRead, malformed, nonProductRule: options.nonProductRule })
  return { table, report, input }
}
