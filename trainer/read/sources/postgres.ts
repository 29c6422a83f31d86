// PostgreSQL as an input: a table or a query, streamed as CSV text with
// `COPY (SELECT …) TO STDOUT WITH (FORMAT csv, HEADER)` into the CSV reader. COPY is the server's
// fastest way out (no row-by-row protocol messages, no per-row objects on either side), and the
// text then goes through exactly the header recognition, parsing, cleaning and malformed-row
// accounting a CSV export of the same rows would: one reader, one set of rules.
//
//   postgres://user@host:5432/db?table=transactions           (schema.table allowed, exact case)
//   postgres://user@host:5432/db?query=SELECT * FROM orders WHERE …   (URL-encode & # + %)
//
// Any other URL parameter (sslmode, …) goes to the client as it is. Passwords are refused in the
// URL: a command line is readable by every local user (ps, /proc) and ends up in logs and shell
// histories; PGPASSWORD or ~/.pgpass carry it instead, and so nothing here can leak it.
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { ShopperError } from '../../../lib/errors.js'
import type { OpenedInput } from '../open-input.js'

export function isPostgresInput (input: string): boolean {
  return /^postgres(ql)?:\/\//i.test(input)
}

export interface PostgresSource {
  /** connection string for pg: the URL without `table` and `query` */
  connectionString: string
  /** exactly one of table and query */
  table?: string
  query?: string
  /** host:port/database, the URL's place without user or password */
  place: string
}

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', message)
}

/** Splits `--input postgres://…` into the connection and what to read; ERR_USAGE when it is not one of the two forms. */
export function parsePostgresInput (input: string): PostgresSource {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw usage('--input: not a valid postgres:// URL')
  }
  if (url.password !== '') throw usage('--input: the PostgreSQL URL holds a password; give it in PGPASSWORD or ~/.pgpass instead (a command line is visible to every local user)')
  const table = url.searchParams.get('table') ?? undefined
  const query = url.searchParams.get('query') ?? undefined
  if ((table === undefined) === (query === undefined)) throw usage('--input: a PostgreSQL URL needs either ?table=NAME or ?query=SELECT…, e.g. postgres://user@host/db?table=transactions')
  if (table !== undefined && table.trim() === '') throw usage('--input: ?table= is empty')
  if (query !== undefined && query.trim() === '') throw usage('--input: ?query= is empty')
  url.searchParams.delete('table')
  url.searchParams.delete('query')
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''))
  return { connectionString: url.toString(), table, query, place: `${url.hostname || 'localhost'}:${url.port || '5432'}/${database}` }
}

/**
 * How the input is named in the manifest, the report and messages: place and table, or a hash of
 * the query (a query may hold literals one would rather not publish). No user, no password, and
 * no slash after the place, so path.basename (train.ts) keeps it whole.
 */
export function describePostgresSource (source: PostgresSource): string {
  const what = source.table !== undefined
    ? `table ${source.table}`
    : `query sha256 ${createHash('sha256').update(source.query as string).digest('hex').slice(0, 16)}`
  return `PostgreSQL ${source.place.replace('/', ' ')}, ${what}`
}

/** A table name as SQL: each dot-separated part quoted, so names are taken exactly as written. */
export function quoteTableName (table: string): string {
  return table.split('.').map((part) => pg.escapeIdentifier(part)).join('.')
}

/** SQLSTATE classes and codes that mean "what you named is not there" rather than "cannot read". */
const NOT_FOUND_CODES = new Set(['3D000' /* database */, '42P01' /* table */, '3F000'])

/** A pg or socket error as one line, no stack: the server's message, or what failed to connect. */
export function postgresError (error: unknown, name: string): ShopperError {
  if (error instanceof ShopperError) return error
  const e = error as Error & { code?: string, severity?: string }
  const code = e.code ?? ''
  if (NOT_FOUND_CODES.has(code)) return new ShopperError('ERR_INPUT_NOT_FOUND', `${name}: ${e.message}`, { cause: error })
  // pg's own words when the server wants a password and none was given (PGPASSWORD, ~/.pgpass)
  if (/client password must be a string/.test(e.message)) return new ShopperError('ERR_INPUT_UNREADABLE', `${name}: the server asks for a password: set PGPASSWORD or ~/.pgpass`, { cause: error })
  const socket: Record<string, string> = { ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', ETIMEDOUT: 'timed out', ECONNRESET: 'connection reset' }
  const what = socket[code] !== undefined
    ? `cannot connect (${socket[code]})`
    : e.severity !== undefined ? e.message : `cannot connect or read (${e.message})`
  return new ShopperError('ERR_INPUT_UNREADABLE', `${name}: ${what}`, { cause: error })
}

/** pg type ids of the columns whose text COPY would write in a form the date parser does not read. */
const TIMESTAMP = 1114
const TIMESTAMPTZ = 1184

/**
 * The SELECT that COPY runs: the table or the query, with timestamp columns written as
 * `YYYY-MM-DD HH:MM:SS` (timestamptz in UTC): COPY's own text carries fractions of a second and a
 * zone offset, which a CSV export does not and trainer/read/parse-date.ts does not read.
 */
function copySelect (from: string, fields: ReadonlyArray<{ name: string, dataTypeID: number }>): string {
  if (!fields.some((field) => field.dataTypeID === TIMESTAMP || field.dataTypeID === TIMESTAMPTZ)) return `SELECT * FROM ${from}`
  const columns = fields.map(({ name, dataTypeID }) => {
    const column = pg.escapeIdentifier(name)
    if (dataTypeID === TIMESTAMP) return `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS') AS ${column}`
    if (dataTypeID === TIMESTAMPTZ) return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS ${column}`
    return column
  })
  return `SELECT ${columns.join(', ')} FROM ${from}`
}

/** Connects, or ShopperError; the client is ended on failure. */
export async function connectPostgres (source: PostgresSource, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: source.connectionString, connectionTimeoutMillis: 15_000, application_name: 'shopper-spectrum-trainer' })
  // an error after connecting (server gone mid-COPY) reaches the COPY stream; this keeps it from being unhandled
  client.on('error', () => {})
  try {
    await client.connect()
    // ISO dates, UTC, shortest exact floats; and a table is read in its physical order, so the
    // same table gives the same rows in the same order from one run to the next (the models
    // depend on row order while they are built from the table): a parallel plan interleaves its
    // workers' rows (measured: the table's own to_char() SELECT got one), and a synchronized scan
    // starts wherever another session's scan of the table is.
    await client.query("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1; " +
      'SET max_parallel_workers_per_gather = 0; SET synchronize_seqscans = off')
    return client
  } catch (error) {
    await client.end().catch(() => {})
    throw postgresError(error, name)
  }
}

/** What COPY reads from: the table, or the query as a subquery. */
export function sourceRelation (source: PostgresSource): string {
  return source.table !== undefined ? quoteTableName(source.table) : `(${source.query as string}) AS source`
}

/** Passes the COPY stream on, hashing and counting; ends the client when done or abandoned. */
async function * copyChunks (stream: Readable, client: pg.Client, name: string, hash: ReturnType<typeof createHash>, counted: { bytes: number }, onEnd: () => void): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer
      hash.update(buffer)
      counted.bytes += buffer.length
      yield buffer
    }
    onEnd()
  } catch (error) {
    throw postgresError(error, name)
  } finally {
    stream.destroy()
    await client.end().catch(() => {})
  }
}

/**
 * Opens a PostgreSQL table or query as the CSV text COPY writes. Connection errors, a missing
 * database or table, and a query the server rejects are ShopperErrors here, before any row is
 * read. The raw bytes and sha256 are those of the CSV text: the same rows give the same hash.
 */
export async function openPostgresInput (input: string): Promise<OpenedInput> {
  const source = parsePostgresInput(input)
  const name = describePostgresSource(source)
  const client = await connectPostgres(source, name)
  let handed = false
  try {
    const from = sourceRelation(source)
    // LIMIT 0: the server checks the table or query and names the columns, reading no row
    const { fields } = await client.query(`SELECT * FROM ${from} LIMIT 0`)
    // the size guides only whether the CSV reader starts worker threads: a table's own size, or "large"
    let size = Number.MAX_SAFE_INTEGER
    if (source.table !== undefined) {
      const { rows } = await client.query<{ bytes: string }>('SELECT pg_relation_size(to_regclass($1)) AS bytes', [quoteTableName(source.table)])
      size = Number(rows[0]?.bytes ?? size)
    }
    const stream = client.query(copyTo(`COPY (${copySelect(from, fields)}) TO STDOUT WITH (FORMAT csv, HEADER)`))
    handed = true
    const hash = createHash('sha256')
    const counted = { bytes: 0 }
    let digest: string | undefined
    return {
      fileName: name,
      gzip: false,
      size,
      chunks: copyChunks(stream, client, name, hash, counted, () => { digest = hash.digest('hex') }),
      raw: () => {
        if (digest === undefined) throw new Error('openPostgresInput: raw() called before the input was read to the end')
        return { bytes: counted.bytes, sha256: digest }
      }
    }
  } catch (error) {
    throw postgresError(error, name)
  } finally {
    if (!handed) await client.end().catch(() => {})
  }
}
