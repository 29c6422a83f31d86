// The transaction log as rows, for what needs rows rather than aggregates: the offline evaluation
// (`npm run evaluate`: its time split) and the benchmarks that search its options. Memory grows
// with the rows here; the training pipeline reads through ./load-aggregates.ts instead.
import type { CleaningReport } from '../../lib/artifacts/index.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import type { TransactionTable } from '../transactions.js'
import { loadAggregates, type LoadAggregatesOptions } from './load-aggregates.js'
import type { InputInfo } from './read-transactions.js'

export type LoadCleanOptions = Omit<LoadAggregatesOptions, 'keepRows'>

export interface CleanTransactions {
  table: TransactionTable
  /** the aggregates of the same rows */
  aggregates: TransactionAggregates
  report: CleaningReport
  input: InputInfo
}

/**
 * Reads, cleans and reports, keeping the rows. Throws ShopperError: ERR_INPUT_NOT_FOUND,
 * ERR_INPUT_UNREADABLE, ERR_UNKNOWN_HEADER, ERR_TOO_MANY_MALFORMED_ROWS, ERR_EMPTY_AFTER_CLEANING.
 */
export async function loadCleanTransactions (options: LoadCleanOptions): Promise<CleanTransactions> {
  const { aggregates, cleaning, input, table } = await loadAggregates({ ...options, keepRows: true })
  return { table: table as TransactionTable, aggregates, report: cleaning, input }
}
