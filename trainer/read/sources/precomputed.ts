// Aggregates computed elsewhere instead of rows: by PostgreSQL itself (--aggregate-in-database with a
// postgres:// --input: trainer/aggregates/sql/aggregates.sql runs there and only its result
// crosses the wire), or by a warehouse whose export of the same SQL's relations is the --input
// directory (trainer/aggregates/sql/files.ts). Either way the trainer gets the aggregates the row
// reader would have built from the same rows (tested), plus the cleaning counts.
import { stat } from 'node:fs/promises'
import path from 'node:path'
import { ShopperError } from '../../../lib/errors.js'
import type { TransactionAggregates } from '../../aggregates/contract.js'
import { readAggregatesDirectory } from '../../aggregates/sql/files.js'
import { aggregateInPostgres } from '../../aggregates/sql/read.js'
import type { DropCounts, MalformedRows } from '../../clean.js'
import type { ColumnMapping } from '../header.js'
import type { InputInfo } from '../read-transactions.js'
import { isPostgresInput } from './postgres.js'

export interface PrecomputedOptions {
  input: string
  columns?: ColumnMapping
  aggregateInDatabase?: boolean
  /** the caller needs the rows too (--evaluate): refused before any work, aggregates have no rows */
  keepRows?: boolean
}

function rowsNeeded (): ShopperError {
  return new ShopperError('ERR_USAGE', '--evaluate needs the rows (its time split), not aggregates: leave out --aggregate-in-database, or give the rows as --input')
}

export interface PrecomputedAggregates {
  aggregates: TransactionAggregates
  input: InputInfo
  dropped: DropCounts
  malformed: MalformedRows
}

async function isDirectory (file: string): Promise<boolean> {
  return await stat(file).then((s) => s.isDirectory(), () => false)
}

/**
 * The aggregates when the input says they are computed elsewhere (--aggregate-in-database, or an
 * --input directory); undefined when the rows are to be read. Throws ShopperError (ERR_USAGE for
 * --aggregate-in-database without a postgres:// input, and the sources' own errors).
 */
export async function readPrecomputedAggregates (options: PrecomputedOptions): Promise<PrecomputedAggregates | undefined> {
  if (options.aggregateInDatabase === true) {
    if (!isPostgresInput(options.input)) throw new ShopperError('ERR_USAGE', '--aggregate-in-database needs a PostgreSQL --input (postgres://user@host/db?table=NAME or ?query=SELECT…)')
    if (options.keepRows === true) throw rowsNeeded()
    return await aggregateInPostgres({ input: options.input, columns: options.columns })
  }
  if (isPostgresInput(options.input) || !await isDirectory(options.input)) return undefined
  if (options.columns !== undefined && Object.keys(options.columns).length > 0) {
    throw new ShopperError('ERR_USAGE', '--columns maps a transaction log\'s columns; an --input directory holds aggregates, whose columns are fixed (trainer/aggregates/sql/aggregates.sql)')
  }
  if (options.keepRows === true) throw rowsNeeded()
  const built = await readAggregatesDirectory(options.input)
  return {
    aggregates: built.aggregates,
    input: { fileName: `${path.basename(path.resolve(options.input))} (aggregates)`, bytes: built.bytes, sha256: built.sha256, gzip: false, format: 'aggregates', rowsRead: built.rowsRead },
    dropped: built.dropped,
    malformed: built.malformed
  }
}
