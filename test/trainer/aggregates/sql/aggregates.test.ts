// The pushed-down aggregation on a real PostgreSQL server: aggregates.sql gives exactly the
// aggregates the JS aggregator (trainer/aggregates/aggregate.ts) builds from the rows the CSV
// reader cleans — on the real Online Retail rows, and on a small table of the cases the cleaning
// rules and the id, code and description normalisation exist for.
import t from 'tap'
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { parquetWriteFile } from 'hyparquet-writer'
import path from 'node:path'
import { aggregateTable } from '../../../../trainer/aggregates/aggregate.js'
import { readAggregatesDirectory } from '../../../../trainer/aggregates/sql/files.js'
import { AGGREGATES_SQL, aggregateInPostgres, aggregateStatements } from '../../../../trainer/aggregates/sql/read.js'
import { loadCleanTransactions } from '../../../../trainer/read/load-clean-transactions.js'
import { createTable, exportAggregates, inputUrl, loadOnlineRetail, ONLINE_RETAIL_CSV, ONLINE_RETAIL_ROWS, skipWithoutPostgres } from '../../../helpers/postgres.js'

const skip = skipWithoutPostgres()

// The real rows through PostgreSQL several times: 60 s alone, 118 s inside `npm test` on 2
// shared cores; the runner allows 300 s per file, this one asks for more.
t.setTimeout(600_000)

t.test('aggregates.sql: named statements, parameterised by the source relation only', async (t) => {
  const text = readFileSync(AGGREGATES_SQL, 'utf8')
  const statements = aggregateStatements(text, '(SELECT 1) AS transactions')
  t.same(statements.map((s) => s.name), ['rows', 'cleaning', 'customers', 'customer_days', 'pairs', 'descriptions', 'countries', 'done'])
  t.ok(statements.every((s) => !s.sql.includes('{{')), 'every placeholder replaced')
  t.equal(statements.map((s) => s.sql).join('\n').split('(SELECT 1) AS transactions').length - 1, 1, 'the source is read by one statement only: scanned once')
  t.notMatch(text, /COLLATE|ORDER BY/i, 'nothing ordered in SQL: the reader numbers ids itself, whatever the collation')
})

t.test('the real Online Retail rows: the SQL\'s aggregates are the JS aggregator\'s', { skip }, async (t) => {
  const table = await loadOnlineRetail()
  const fromSql = await aggregateInPostgres({ input: inputUrl({ table }) })
  const rows = await loadCleanTransactions({ input: ONLINE_RETAIL_CSV })
  const fromJs = aggregateTable(rows.table)
  t.equal(fromSql.aggregates.customerIds.length, 4_338)
  t.equal(fromSql.aggregates.productCodes.length, 3_665)
  t.equal(fromSql.aggregates.rows, 397_884)
  t.same(fromSql.aggregates, fromJs, 'deep-equal: ids, relations, sums in micros, descriptions, totals')
  t.same(fromSql.dropped, rows.report.dropped, 'the same drop counts as the CSV reader\'s')
  t.same(fromSql.malformed, { rows: 0, examples: [] })
  t.match(fromSql.input, { fileName: /^PostgreSQL 127\.0\.0\.1:\d+ \w+, table online_retail, aggregated in the database$/, gzip: false, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  t.match(fromSql.input.sha256, /^[0-9a-f]{64}$/)
})

t.test('cleaning rules, ids, codes and descriptions: as the CSV reader and the JS aggregator have them', { skip }, async (t) => {
  await createTable('sql_cases', 'order_id text, sku text, title text, units integer, placed_at timestamp, price numeric, client double precision, region text', [
    "'A1', '85123a ', ' Heart ', 6, '2011-01-02 10:00:00', 2.55, 17850, 'United Kingdom'",
    "'A1', '85123A', 'Heart', 2, '2011-01-02 10:00:00', 2.55, 17850, 'United Kingdom'",
    "'A1', '85123A', 'heart', 1, '2011-01-02 10:00:00', 2.55, 17850, 'United Kingdom'",
    "' A9 ', '71053', NULL, 2, '2011-01-02 23:59:59', 3.39, 17850, 'United Kingdom'",
    "'A10', '71053', '', 1, '2011-01-03 00:00:00', 0.001, 17850, 'United Kingdom'",
    "'C2', '71053', 'Lantern', 1, '2011-01-03 09:00:00', 3.39, 17850, 'United Kingdom'",
    "'c3', '71053', 'Lantern', 1, '2011-01-03 09:00:00', 3.39, 17850, 'United Kingdom'",
    "'C4', '71053', 'Lantern', 1, '2011-01-03 09:00:00', 3.39, NULL, 'United Kingdom'",
    "'A5', '22423', 'Cake stand', 0, '2011-01-04 12:30:00', 12.75, 12346, 'France'",
    "'A6', '22423', 'Cake stand', -3, '2011-01-04 12:30:00', 0, 12346, 'France'",
    "'A7', '22423', 'Cake stand', 3, '2011-01-04 12:30:00', 0, 12346, ' France'",
    "'A8', 'POST', 'Postage', 1, '2011-02-01 08:05:00', 18, 12346, NULL",
    "'A8', 'post', 'Postage', 1, '2011-02-01 08:05:00', 18, 12346, NULL",
    "NULL, '22423', 'Cake stand', 1, '2011-01-04 12:30:00', 12.75, 12346, 'France'",
    "'A11', '22423', 'Cake stand', NULL, '2011-01-04 12:30:00', 12.75, 12346, 'France'",
    "'A12', '22423', 'Cake stand', 1, '2011-01-05 12:30:00', 12.75, 12347.5, 'Germany'",
    "'A13', '  ', 'Cake stand', 1, '2011-01-05 12:30:00', 12.75, 12347, 'Germany'",
    "'A14', '22423', 'Cake stand', 1, NULL, 12.75, 12347, 'Germany'"
  ])
  // the same rows as a CSV export (NULL as an empty field), read and cleaned by the CSV reader
  const csv = [
    'order_id,sku,title,units,placed_at,price,client,region',
    'A1,85123a , Heart ,6,2011-01-02 10:00:00,2.55,17850.0,United Kingdom',
    'A1,85123A,Heart,2,2011-01-02 10:00:00,2.55,17850,United Kingdom',
    'A1,85123A,heart,1,2011-01-02 10:00:00,2.55,17850,United Kingdom',
    ' A9 ,71053,,2,2011-01-02 23:59:59,3.39,17850,United Kingdom',
    'A10,71053,,1,2011-01-03 00:00:00,0.001,17850,United Kingdom',
    'C2,71053,Lantern,1,2011-01-03 09:00:00,3.39,17850,United Kingdom',
    'c3,71053,Lantern,1,2011-01-03 09:00:00,3.39,17850,United Kingdom',
    'C4,71053,Lantern,1,2011-01-03 09:00:00,3.39,,United Kingdom',
    'A5,22423,Cake stand,0,2011-01-04 12:30:00,12.75,12346,France',
    'A6,22423,Cake stand,-3,2011-01-04 12:30:00,0,12346,France',
    'A7,22423,Cake stand,3,2011-01-04 12:30:00,0,12346, France',
    'A8,POST,Postage,1,2011-02-01 08:05:00,18,12346,',
    'A8,post,Postage,1,2011-02-01 08:05:00,18,12346,',
    ',22423,Cake stand,1,2011-01-04 12:30:00,12.75,12346,France',
    'A11,22423,Cake stand,,2011-01-04 12:30:00,12.75,12346,France',
    'A12,22423,Cake stand,1,2011-01-05 12:30:00,12.75,12347.5,Germany',
    'A13,  ,Cake stand,1,2011-01-05 12:30:00,12.75,12347,Germany',
    'A14,22423,Cake stand,1,,12.75,12347,Germany'
  ].join('\n') + '\n'
  const columns = { invoice: 'order_id', stockCode: 'sku', description: 'title', quantity: 'units', invoiceDate: 'placed_at', unitPrice: 'price', customerId: 'client', country: 'region' }
  const rows = await loadCleanTransactions({ input: path.join(t.testdir({ 'cases.csv': csv }), 'cases.csv'), columns, maxMalformedShare: 1 })
  const fromJs = aggregateTable(rows.table)
  const fromSql = await aggregateInPostgres({ input: inputUrl({ table: 'sql_cases' }), columns })
  t.same(fromSql.aggregates, fromJs, 'the JS aggregator\'s aggregates of the CSV reader\'s rows')
  t.same(fromSql.dropped, rows.report.dropped, 'drop counts, each row under the first rule it fails')
  t.equal(fromSql.malformed.rows, rows.report.malformedRows, 'malformed rows: no invoice, stock code, quantity or date')
  t.equal(fromSql.input.rowsRead, rows.report.rowsRead)
  t.equal(fromSql.input.format, 'mapped')
  t.same(fromSql.aggregates.customerIds, ['12346', '12347.5', '17850'], 'a double 17850 is customer 17850; 12347.5 stays as it is')
  t.same(fromSql.aggregates.productCodes, ['22423', '71053', '85123A', 'POST'], 'stock codes trimmed and upper-cased')
  t.same([...fromSql.aggregates.descriptionCounts[2]], [['Heart', 2], ['heart', 1]], 'descriptions trimmed, case kept, in code-unit order')

  // order-free: the same rows shuffled by the server give the same aggregates
  const shuffled = await aggregateInPostgres({ input: inputUrl({ query: 'SELECT * FROM sql_cases ORDER BY random()' }), columns })
  t.same(shuffled.aggregates, fromSql.aggregates, 'rows in another order: the same aggregates')
})

t.test('a missing table or column: one-line errors', { skip }, async (t) => {
  await t.rejects(aggregateInPostgres({ input: inputUrl({ table: 'no_such_table' }) }), { code: 'ERR_INPUT_NOT_FOUND', message: /relation "no_such_table" does not exist$/ })
  await createTable('sql_no_price', 'InvoiceNo text, StockCode text, Description text, Quantity integer, InvoiceDate timestamp, CustomerID integer, Country text', [])
  await t.rejects(aggregateInPostgres({ input: inputUrl({ table: 'sql_no_price' }) }), { code: 'ERR_UNKNOWN_HEADER', message: /missing "UnitPrice"/ })
})

t.test('the relations exported to files (CSV, shards, gzip, Parquet) read back as the same aggregates', { skip }, async (t) => {
  const table = await loadOnlineRetail()
  const dir = t.testdir()
  // what a warehouse user runs: the SQL on a view of the table under the SQL's column names
  const transactions = `(SELECT InvoiceNo AS invoice, StockCode AS stock_code, Description AS description, Quantity AS quantity,
    InvoiceDate AS invoice_date, UnitPrice AS unit_price, CustomerID AS customer_id, Country AS country FROM ${table}) AS transactions`
  await exportAggregates(readFileSync(AGGREGATES_SQL, 'utf8'), transactions, dir, { shards: ['pairs', 'customer_days'], shardRows: 50_000 })
  // one relation gzipped, one as Parquet, as other engines write them
  writeFileSync(path.join(dir, 'descriptions.csv.gz'), gzipSync(readFileSync(path.join(dir, 'descriptions.csv'))))
  unlinkSync(path.join(dir, 'descriptions.csv'))
  const countries = readFileSync(path.join(dir, 'countries.csv'), 'utf8').trim().split('\n').slice(1).map((line) => line.split(','))
  parquetWriteFile({
    filename: path.join(dir, 'countries.parquet'),
    columnData: [
      { name: 'country', data: countries.map((c) => c[0]), type: 'STRING' },
      { name: 'lines', data: countries.map((c) => BigInt(c[1])), type: 'INT64' },
      { name: 'invoices', data: countries.map((c) => BigInt(c[2])), type: 'INT64' },
      { name: 'customers', data: countries.map((c) => BigInt(c[3])), type: 'INT64' },
      { name: 'revenue_micros', data: countries.map((c) => BigInt(c[4])), type: 'INT64' }
    ]
  })
  unlinkSync(path.join(dir, 'countries.csv'))

  const fromFiles = await readAggregatesDirectory(dir)
  const fromSql = await aggregateInPostgres({ input: inputUrl({ table }) })
  t.same(fromFiles.aggregates, fromSql.aggregates, 'the aggregates PostgreSQL gives directly')
  t.equal(fromFiles.sha256, fromSql.input.sha256, 'and the same fingerprint')
  t.same(fromFiles.dropped, fromSql.dropped)
  t.equal(fromFiles.rowsRead, ONLINE_RETAIL_ROWS)

  unlinkSync(path.join(dir, 'countries.parquet'))
  await t.rejects(readAggregatesDirectory(dir), { code: 'ERR_INPUT_NOT_FOUND', message: /no countries\.csv, countries\.csv\.gz, countries\.parquet or countries\/ directory/ })
  writeFileSync(path.join(dir, 'countries.csv'), 'country,lines\nFrance,3\n')
  await t.rejects(readAggregatesDirectory(dir), { code: 'ERR_UNKNOWN_HEADER', message: /countries\.csv: expected the columns .*; missing invoices, customers, revenue_micros$/ })
  await t.rejects(readAggregatesDirectory(path.join(dir, 'nope')), { code: 'ERR_INPUT_NOT_FOUND' })
})
