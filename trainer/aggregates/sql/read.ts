// The trainer's aggregate inputs computed by PostgreSQL: runs ./aggregates.sql on a table or a
// query (the same `postgres://…?table=` / `?query=` input as the row reader, the same `--columns`
// mapping) and builds the TransactionAggregates the JS aggregator would build from the same rows
// (tested: deep-equal on the real Online Retail rows). The heavy GROUP BY runs in the database;
// what crosses the wire is one row per customer, customer-day, customer × product pair,
// description and country, streamed with COPY … TO STDOUT as CSV.
//
// Ids are numbered here, in code-unit order, so no collation of the server's matters; sums of
// micros arrive as exact integer text (bigint or numeric in SQL) and are refused above 2^53,
// where a double would round them.
import { createHash } from 'node:crypto'
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

/** A sum or count as an exact integer, or ShopperError. */
function exactInteger (text: string, what: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates in the database: ${what} ${JSON.stringify(text)} is not an integer below 2^53`)
  return value
}

function finiteNumber (text: string, what: string): number {
  const value = Number(text)
  if (text === '' || !Number.isFinite(value)) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates in the database: ${what} ${JSON.stringify(text)} is not a number`)
  return value
}

/** Code-unit order, as the JS aggregator numbers names (localeCompare and collations are not the same everywhere). */
function compareStrings (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Names numbered in code-unit order: `sorted`, and `rank` of each name. */
function numbered (names: Iterable<string>): { sorted: string[], rank: Map<string, number> } {
  const sorted = [...new Set(names)].sort(compareStrings)
  return { sorted, rank: new Map(sorted.map((name, i) => [name, i])) }
}

/** Entry order grouped by `group[e]` (counting sort, stable), then by `key[e]` within each group; and the groups' offsets. */
function groupAndSort (group: Int32Array, key: ArrayLike<number>, groups: number): { order: Int32Array, offsets: Int32Array } {
  const offsets = new Int32Array(groups + 1)
  for (let e = 0; e < group.length; e++) offsets[group[e] + 1]++
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g]
  const next = offsets.slice(0, groups)
  const order = new Int32Array(group.length)
  for (let e = 0; e < group.length; e++) order[next[group[e]]++] = e
  for (let g = 0; g < groups; g++) {
    if (offsets[g + 1] - offsets[g] > 1) order.subarray(offsets[g], offsets[g + 1]).sort((x, y) => key[x] - key[y])
  }
  return { order, offsets }
}

function gather (values: ArrayLike<number>, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]]
  return out
}

/** The rows of one SELECT, streamed as COPY's CSV and parsed (every value as text, NULL as ''). */
async function * copyRecords (client: pg.Client, sql: string): AsyncIterable<string[]> {
  const stream = client.query(copyTo(`COPY (${sql}) TO STDOUT WITH (FORMAT csv)`))
  const records = stream.pipe(parse({ relax_column_count: false }))
  stream.on('error', (error) => records.destroy(error))
  yield * (records as AsyncIterable<string[]>)
}

/** A fingerprint of the aggregates themselves: the same rows give the same hash on any engine and in any order. */
function hashAggregates (aggregates: TransactionAggregates): { bytes: number, sha256: string } {
  const hash = createHash('sha256')
  let bytes = 0
  const add = (data: string | ArrayBufferView): void => {
    const buffer = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    hash.update(buffer)
    bytes += buffer.length
  }
  for (const names of [aggregates.customerIds, aggregates.productCodes, aggregates.countries]) add(JSON.stringify(names))
  for (const relation of [aggregates.customers, aggregates.days, aggregates.pairs, aggregates.countryTotals]) {
    for (const column of Object.values(relation) as ArrayBufferView[]) add(column)
  }
  add(JSON.stringify(aggregates.descriptionCounts.map((counts) => [...counts])))
  return { bytes, sha256: hash.digest('hex') }
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
  const text = await readFile(options.sqlFile ?? AGGREGATES_SQL, 'utf8')
  const client = await connectPostgres(source, name)
  try {
    const { relation, format } = await transactionsRelation(client, sourceRelation(source), options.columns)
    const statements = new Map(aggregateStatements(text, relation).map((statement) => [statement.name, statement.sql]))
    const statement = (key: string): string => {
      const sql = statements.get(key)
      if (sql === undefined) throw new Error(`${options.sqlFile ?? AGGREGATES_SQL} has no "-- @statement ${key}"`)
      return sql
    }

    await client.query(statement('rows'))
    const { rows: [counts] } = await client.query<Record<string, string | null>>(statement('cleaning'))
    const count = (column: string): number => exactInteger(counts[column] ?? '0', column)

    // customers first: their numbers place every other relation's rows
    const customerRows: string[][] = []
    for await (const record of copyRecords(client, statement('customers'))) customerRows.push(record)
    const customerNumbers = numbered(customerRows.map((record) => record[0]))
    const customerCount = customerNumbers.sorted.length
    const customers = { invoices: new Float64Array(customerCount), monetaryMicros: new Float64Array(customerCount), firstAt: new Float64Array(customerCount), lastAt: new Float64Array(customerCount) }
    for (const [id, invoices, monetary, first, last] of customerRows) {
      const c = customerNumbers.rank.get(id) as number
      customers.invoices[c] = exactInteger(invoices, 'invoices')
      customers.monetaryMicros[c] = exactInteger(monetary, 'monetary_micros')
      customers.firstAt[c] = exactInteger(first, 'first_at')
      customers.lastAt[c] = exactInteger(last, 'last_at')
    }
    const customerOf = (id: string): number => {
      const c = customerNumbers.rank.get(id)
      if (c === undefined) throw new Error(`aggregates.sql: customer ${JSON.stringify(id)} is in a relation but not in customers`)
      return c
    }

    const dayCustomer: number[] = []
    const dayNumber: number[] = []
    const dayValue: number[] = []
    for await (const [id, day, value] of copyRecords(client, statement('customer_days'))) {
      dayCustomer.push(customerOf(id))
      dayNumber.push(exactInteger(day, 'day'))
      dayValue.push(exactInteger(value, 'value_micros'))
    }
    const dayOrder = groupAndSort(Int32Array.from(dayCustomer), dayNumber, customerCount)
    const days = { offsets: dayOrder.offsets, day: Int32Array.from(dayOrder.order, (e) => dayNumber[e]), valueMicros: gather(dayValue, dayOrder.order) }

    // pairs: products are numbered once every code is known (every kept row has a customer, so
    // the pairs name every product)
    const pairCustomer: number[] = []
    const pairCode: string[] = []
    const pairQuantity: number[] = []
    const pairLines: number[] = []
    const pairFirst: number[] = []
    const pairLast: number[] = []
    for await (const [id, code, quantity, lines, first, last] of copyRecords(client, statement('pairs'))) {
      pairCustomer.push(customerOf(id))
      pairCode.push(code)
      pairQuantity.push(finiteNumber(quantity, 'quantity'))
      pairLines.push(exactInteger(lines, 'lines'))
      pairFirst.push(exactInteger(first, 'first_at'))
      pairLast.push(exactInteger(last, 'last_at'))
    }
    const productNumbers = numbered(pairCode)
    const pairProduct = Int32Array.from(pairCode, (code) => productNumbers.rank.get(code) as number)
    const pairOrder = groupAndSort(Int32Array.from(pairCustomer), pairProduct, customerCount)
    const pairs = {
      rowOffsets: pairOrder.offsets,
      product: Int32Array.from(pairOrder.order, (e) => pairProduct[e]),
      quantity: gather(pairQuantity, pairOrder.order),
      lines: gather(pairLines, pairOrder.order),
      firstAt: gather(pairFirst, pairOrder.order),
      lastAt: gather(pairLast, pairOrder.order)
    }

    const descriptions: Array<Array<[string, number]>> = productNumbers.sorted.map(() => [])
    for await (const [code, description, lines] of copyRecords(client, statement('descriptions'))) {
      const p = productNumbers.rank.get(code)
      if (p === undefined) throw new Error(`aggregates.sql: product ${JSON.stringify(code)} has a description but no pair`)
      descriptions[p].push([description, exactInteger(lines, 'lines')])
    }
    // each product's descriptions in code-unit order, as the JS aggregator gives them
    const descriptionCounts = descriptions.map((entries) => new Map(entries.sort((x, y) => compareStrings(x[0], y[0]))))

    const countryRows: string[][] = []
    for await (const record of copyRecords(client, statement('countries'))) countryRows.push(record)
    const countryNumbers = numbered(countryRows.map((record) => record[0]))
    const countryCount = countryNumbers.sorted.length
    const countryTotals = { lines: new Float64Array(countryCount), invoices: new Float64Array(countryCount), customers: new Float64Array(countryCount), revenueMicros: new Float64Array(countryCount) }
    for (const [country, lines, invoices, buyers, revenue] of countryRows) {
      const k = countryNumbers.rank.get(country) as number
      countryTotals.lines[k] = exactInteger(lines, 'lines')
      countryTotals.invoices[k] = exactInteger(invoices, 'invoices')
      countryTotals.customers[k] = exactInteger(buyers, 'customers')
      countryTotals.revenueMicros[k] = exactInteger(revenue, 'revenue_micros')
    }
    await client.query(statement('done'))

    const rows = count('rows_kept')
    const aggregates: TransactionAggregates = {
      customerIds: customerNumbers.sorted,
      productCodes: productNumbers.sorted,
      countries: countryNumbers.sorted,
      customers,
      days,
      pairs,
      descriptionCounts,
      countryTotals,
      rows,
      invoices: count('invoices'),
      firstInvoiceAt: rows === 0 ? NaN : count('first_at'),
      lastInvoiceAt: rows === 0 ? NaN : count('last_at')
    }
    const rowsRead = count('rows_read')
    const malformed: MalformedRows = { rows: count('malformed'), examples: [] }
    return {
      aggregates,
      input: { fileName: `${name}, aggregated in the database`, ...hashAggregates(aggregates), gzip: false, format, rowsRead },
      dropped: {
        missingCustomer: count('missing_customer'),
        cancelled: count('cancelled'),
        nonPositiveQuantity: count('non_positive_quantity'),
        nonPositivePrice: count('non_positive_price')
      },
      malformed
    }
  } catch (error) {
    if (error instanceof ShopperError) throw error
    if ((error as { severity?: string }).severity !== undefined || (error as { code?: string }).code !== undefined) throw postgresError(error, name)
    throw error
  } finally {
    await client.end().catch(() => {})
  }
}
