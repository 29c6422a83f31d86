// A real PostgreSQL server for the tests of the PostgreSQL input and the pushed-down SQL
// (scripts/postgres.sh starts one and prints its URL; .ci/run exports it as SHOPPER_PG_URL).
// Without SHOPPER_PG_URL the tests skip visibly — but not in CI (SHOPPER_CI=1), where a missing
// server fails, so a broken install can never turn these tests into silent skips.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import t from 'tap'
import { PROJECT_ROOT } from '../../lib/project-root.js'

/** The real Online Retail rows: the shared copy beside the clone, else the bundled one (the same file). */
export const ONLINE_RETAIL_CSV = [
  path.join(PROJECT_ROOT, '..', 'shared', 'data', 'online_retail.csv.gz'),
  path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')
].find((file) => existsSync(file)) as string
export const ONLINE_RETAIL_ROWS = 541_909

/** The server's URL, or undefined. */
export function postgresUrl (): string | undefined {
  const url = process.env.SHOPPER_PG_URL
  return url === undefined || url === '' ? undefined : url
}

/** false when a server is configured; otherwise the reason to skip (and, in CI, a failing assertion). */
export function skipWithoutPostgres (): string | false {
  if (postgresUrl() !== undefined) return false
  const why = 'no PostgreSQL server: SHOPPER_PG_URL is not set (export SHOPPER_PG_URL=$(scripts/postgres.sh), as root)'
  if (process.env.SHOPPER_CI === '1') t.fail(`SHOPPER_CI=1 (CI) but ${why}`)
  return why
}

export async function connect (): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: postgresUrl() })
  await client.connect()
  return client
}

/**
 * The Online Retail file's columns, typed as a shop's database would type them (integer
 * quantities and customer ids, exact numeric prices, timestamps), under the file's own names
 * unquoted — PostgreSQL folds them to lower case, and the reader matches names case-insensitively.
 */
const ONLINE_RETAIL_COLUMNS = ['InvoiceNo text', 'StockCode text', 'Description text', 'Quantity integer',
  'InvoiceDate timestamp', 'UnitPrice numeric', 'CustomerID integer', 'Country text']
/**
 * The file's line order, kept in a column: a table's physical order is not its load order (COPY
 * puts a row that fits into the free space of an earlier page: measured, row 1,473 of the file
 * landed on page 3), and the models still depend on row order, so tests read `ORDER BY line`.
 */
const LINE_COLUMN = 'line bigint GENERATED ALWAYS AS IDENTITY'

/**
 * Loads the real Online Retail rows into `table` with COPY, in file order, unless a complete copy
 * is there already (test files share it; an advisory lock keeps two from loading it at once).
 * Returns the table name.
 */
export async function loadOnlineRetail (table = 'online_retail'): Promise<string> {
  const client = await connect()
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [table])
    const exists = await client.query<{ rows: string }>('SELECT count(*) AS rows FROM pg_class WHERE relname = $1 AND relkind = \'r\'', [table])
    if (Number(exists.rows[0].rows) > 0) {
      // a complete copy: every row, numbered by line (a copy from an older helper has no line column)
      const { rows } = await client.query<{ n: string, lines: string | null }>(`SELECT count(*) AS n, max(line) AS lines FROM ${pg.escapeIdentifier(table)}`).catch(() => ({ rows: [{ n: '0', lines: null }] }))
      if (Number(rows[0].n) === ONLINE_RETAIL_ROWS && Number(rows[0].lines) === ONLINE_RETAIL_ROWS) return table
    }
    await client.query(`DROP TABLE IF EXISTS ${pg.escapeIdentifier(table)}`)
    await client.query(`CREATE TABLE ${pg.escapeIdentifier(table)} (${[LINE_COLUMN, ...ONLINE_RETAIL_COLUMNS].join(', ')})`)
    // an empty unquoted field is NULL (no customer id, no description), as a database would hold it;
    // `line` is numbered in the order COPY reads the rows
    const names = ONLINE_RETAIL_COLUMNS.map((column) => column.split(' ')[0]).join(', ')
    const copy = client.query(copyFrom(`COPY ${pg.escapeIdentifier(table)} (${names}) FROM STDIN WITH (FORMAT csv, HEADER)`))
    await pipeline(createReadStream(ONLINE_RETAIL_CSV), createGunzip(), copy)
    await client.query(`ANALYZE ${pg.escapeIdentifier(table)}`)
    return table
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [table]).catch(() => {})
    await client.end()
  }
}

/** A table made from rows given as SQL values (small cases: types, NULLs, names). */
export async function createTable (table: string, columns: string, rows: readonly string[]): Promise<void> {
  const client = await connect()
  try {
    await client.query(`DROP TABLE IF EXISTS ${pg.escapeIdentifier(table)}`)
    await client.query(`CREATE TABLE ${pg.escapeIdentifier(table)} (${columns})`)
    if (rows.length > 0) await client.query(`INSERT INTO ${pg.escapeIdentifier(table)} VALUES ${rows.map((row) => `(${row})`).join(', ')}`)
  } finally {
    await client.end()
  }
}

/** The query that reads a table loaded by loadOnlineRetail in the file's order. */
export function inFileOrder (table: string): string {
  return `SELECT * FROM ${pg.escapeIdentifier(table)} ORDER BY line`
}

/** The input URL for a table (or a query) on the test server. */
export function inputUrl (what: { table: string } | { query: string }): string {
  const url = new URL(postgresUrl() as string)
  if ('table' in what) url.searchParams.set('table', what.table)
  else url.searchParams.set('query', what.query)
  return url.toString()
}

/**
 * Runs aggregates.sql on `transactions` (a relation with the SQL's column names) and writes each
 * relation as a warehouse would export it: `dir/NAME.csv` with a header, except `shards` whose
 * rows go to `dir/NAME/part-0000N.csv` files of at most `shardRows` rows.
 */
export async function exportAggregates (sqlText: string, transactions: string, dir: string, { shards = [] as string[], shardRows = 100_000 } = {}): Promise<void> {
  const { aggregateStatements } = await import('../../trainer/aggregates/sql/read.js')
  const { mkdir, writeFile } = await import('node:fs/promises')
  const client = await connect()
  try {
    for (const { name, sql } of aggregateStatements(sqlText, transactions)) {
      if (name === 'rows' || name === 'done') {
        await client.query(sql)
        continue
      }
      const result = await client.query({ text: sql, rowMode: 'array' })
      const header = result.fields.map((field) => field.name).join(',')
      const line = (row: unknown[]): string => row.map((value) => value === null ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replaceAll('"', '""')}"` : String(value)).join(',')
      const rows = result.rows as unknown[][]
      if (!shards.includes(name)) {
        await writeFile(path.join(dir, `${name}.csv`), [header, ...rows.map(line)].join('\n') + '\n')
        continue
      }
      await mkdir(path.join(dir, name), { recursive: true })
      for (let start = 0, part = 0; start < rows.length; start += shardRows, part++) {
        const file = path.join(dir, name, `part-${String(part).padStart(5, '0')}.csv`)
        await writeFile(file, [header, ...rows.slice(start, start + shardRows).map(line)].join('\n') + '\n')
      }
    }
  } finally {
    await client.end()
  }
}
