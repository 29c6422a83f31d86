// The trainer's aggregate inputs computed by PostgreSQL: runs ./aggregates.sql on a table or a
// query (the same `postgres://…?table=` / `?query=` input as the row reader, the same `--columns`
// mapping) and builds the TransactionAggregates the JS aggregator would build from the same rows
// (tested: deep-equal on the real Online Retail rows). The heavy GROUP BY runs in the database;
// what crosses the wire is one row per customer, customer-day, customer × product pair,
// description and country, streamed with COPY … TO STDOUT as CSV.
//
// ./build.ts numbers the ids (code-unit order) and checks the sums (exact integers).
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { ShopperError } from '../../../lib/errors.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import type { DropCounts, MalformedRows } from '../../clean.js'
import { TRANSACTION_FIELDS, recogniseHeader, type ColumnMapping, type InputFormat, type TransactionField } from '../../read/header.js'
import { connectPostgres, describePostgresSource, parsePostgresInput, postgresError, sourceRelation } from '../../read/sources/postgres.js'
import type { TransactionAggregates } from '../contract.js'
import { buildAggregates } from './build.js'
import { TextBatch, type RelationBatch } from './relation-batch.js'

export const AGGREGATES_SQL = path.join(PROJECT_ROOT, 'trainer', 'aggregates', 'sql', 'aggregates.sql')

/** The SQL's column for each transaction field. */
const SQL_COLUMNS: Readonly<Record<TransactionField, string>> = {
  invoice: 'invoice',
  stockCode: 'stock_code',
  description: 'description',
  quantity: 'quantity',
  invoiceDate: 'invoice_date',
  unitPrice: 'unit_price',
  customerId: 'customer_id',
  country: 'country'
}

export interface SqlStatement {
  name: string
  sql: string
}

/** aggregates.sql cut at its `-- @statement NAME` lines, `{{transactions}}` replaced by `transactions`. */
export function aggregateStatements (text: string, transactions: string): SqlStatement[] {
  const statements: SqlStatement[] = []
  for (const part of text.split(/^-- @statement /m).slice(1)) {
    const newline = part.indexOf('\n')
    const sql = part.slice(newline + 1).replaceAll('{{transactions}}', transactions).trim().replace(/;$/, '')
    statements.push({ name: part.slice(0, newline).trim(), sql })
  }
  return statements
}

export interface PushedDownAggregates {
  aggregates: TransactionAggregates
  /** the manifest's input: the source named without credentials, and a hash of the aggregates */
  input: { fileName: string, bytes: number, sha256: string, gzip: false, format: InputFormat, rowsRead: number }
  dropped: DropCounts
  /** rows the SQL counts as malformed (no invoice, stock code, quantity, price or date); no line numbers in a table */
  malformed: MalformedRows
}

/** Rows handed to buildAggregates at a time (it takes batches; see RelationRecords). */
const COPY_BATCH_ROWS = 4096

/** The rows of one SELECT, streamed as COPY's CSV and parsed (every value as text, NULL as ''), in batches. */
async function * copyRecords (client: pg.Client, sql: string): AsyncIterable<RelationBatch> {
  const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`))
  const records = stream.pipe(parse({ relax_column_count: false }))
  stream.on('error', (error) => records.destroy(error))
  let batch: string[][] = []
  for await (const record of records as AsyncIterable<string[]>) {
    batch.push(record)
    if (batch.length === COPY_BATCH_ROWS) {
      yield new TextBatch(batch)
      batch = []
    }
  }
  if (batch.length > 0) yield new TextBatch(batch)
}

/** The relation the SQL reads: the source's columns renamed to the SQL's names (NULL for an absent optional one). */
async function transactionsRelation (client: pg.Client, from: string, columns: ColumnMapping | undefined): Promise<{ relation: string, format: InputFormat }> {
  const { fields } = await client.query(`SELECT * FROM ${from} LIMIT 0`)
  const layout = recogniseHeader(fields.map((field) => field.name), columns)
  const select = TRANSACTION_FIELDS.map((field) => {
    const index = layout.index[field]
    return index < 0 ? `CAST(NULL AS VARCHAR) AS ${SQL_COLUMNS[field]}` : `${pg.escapeIdentifier(fields[index].name)} AS ${SQL_COLUMNS[field]}`
  })
  return { relation: `(SELECT ${select.join(', ')} FROM ${from}) AS transactions`, format: layout.format }
}

export interface PushDownOptions {
  /** postgres://…?table=NAME or ?query=SELECT… */
  input: string
  columns?: ColumnMapping
  /** the SQL to run (tests); default ./aggregates.sql */
  sqlFile?: string
}

/**
 * Runs aggregates.sql on the PostgreSQL table or query at `input` and builds the aggregates, the
 * cleaning counts and the input's identity. Throws ShopperError: ERR_USAGE (not a PostgreSQL
 * input), ERR_INPUT_NOT_FOUND, ERR_INPUT_UNREADABLE, ERR_UNKNOWN_HEADER.
 */
export async function aggregateInPostgres (options: PushDownOptions): Promise<PushedDownAggregates> {
  const source = parsePostgresInput(options.input)
  const name = describePostgresSource(source)
  const sqlFile = options.sqlFile ?? AGGREGATES_SQL
  const text = await readFile(sqlFile, 'utf8').catch((error: Error) => {
    // a package or image without the SQL file (the Dockerfile copies it beside dist/)
    throw new ShopperError('ERR_INPUT_UNREADABLE', `--aggregate-in-database: cannot read the SQL it runs, ${sqlFile}: ${error.message}`, { cause: error })
  })
  const client = await connectPostgres(source, name)
  try {
    const { relation, format } = await transactionsRelation(client, sourceRelation(source), options.columns)
    const statements = new Map(aggregateStatements(text, relation).map((statement) => [statement.name, statement.sql]))
    const statement = (key: string): string => {
      const sql = statements.get(key)
      if (sql === undefined) throw new Error(`${sqlFile} has no "-- @statement ${key}"`)
      return sql
    }

    await client.query(statement('rows'))
    const { rows: [counts] } = await client.query<Record<string, string | null>>(statement('cleaning'))

    // customers first: their numbers place every other relation's rows (build.ts reads them in order)
    const built = await buildAggregates({
      cleaning: counts,
      customers: copyRecords(client, statement('customers')),
      customerDays: copyRecords(client, statement('customer_days')),
      pairs: copyRecords(client, statement('pairs')),
      descriptions: copyRecords(client, statement('descriptions')),
      countries: copyRecords(client, statement('countries'))
    })
    await client.query(statement('done'))
    const { aggregates, bytes, sha256, rowsRead, dropped, malformed } = built
    return { aggregates, input: { fileName: `${name}, aggregated in the database`, bytes, sha256, gzip: false, format, rowsRead }, dropped, malformed }
  } catch (error) {
    if (error instanceof ShopperError) throw error
    if ((error as { severity?: string }).severity !== undefined || (error as { code?: string }).code !== undefined) throw postgresError(error, name)
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}
