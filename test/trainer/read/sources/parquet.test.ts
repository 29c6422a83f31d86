// The Parquet input: typed columns read as the CSV export of the same values is read (same
// table, same cleaning report, same malformed rows and line numbers), through a column mapping,
// row group by row group; and one-line errors for what is not a readable Parquet file.
import t from 'tap'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { parquetWriteFile } from 'hyparquet-writer'
import type { ColumnSource, SchemaElement } from 'hyparquet-writer'
import { loadCleanTransactions } from '../../../../trainer/read/load-clean-transactions.js'
import { isParquetInput } from '../../../../trainer/read/sources/parquet.js'
import { writeOnlineRetailParquet } from '../../../helpers/parquet.js'
import { ONLINE_RETAIL_CSV, ONLINE_RETAIL_ROWS } from '../../../helpers/postgres.js'

const tolerant = { maxMalformedShare: 0.5 }
const columns = { invoice: 'order_id', stockCode: 'sku', description: 'title', quantity: 'units', invoiceDate: 'placed_at', unitPrice: 'price', customerId: 'client', country: 'region' }

// One shop's export: kept rows, each cleaning rule, a malformed date, ids that differ only in form.
const CSV = [
  'order_id,sku,title,units,placed_at,price,client,region',
  'A1,85123a ,Heart ,6,2011-01-02 10:00:00,2.55,17850,United Kingdom',
  'A1,71053,,2,2011-01-02 10:00:00,3.39,17850,United Kingdom',
  'C2,71053,Lantern,1,2011-01-03 09:00:00,3.39,17850,United Kingdom',
  'A3,22423,Cake stand,1,2011-01-04 12:30:00,12.75,,France',
  'A4,22423,Cake stand,0,2011-01-04 12:30:00,12.75,12346,France',
  'A5,22423,Cake stand,1,2011-01-04 12:30:00,0,12346,France',
  'A6,22423,Cake stand,1,not a date,12.75,12346,France',
  'A7,POST,Postage,1,2011-02-01 08:05:00,0.1,12346, France ',
  'A8,85123A,heart,24,2011-02-01 08:05:00,2.55,12347,Germany'
]
const ROWS = CSV.slice(1).map((line) => line.split(','))

function writeParquet (file: string, columnData: ColumnSource[], schema?: SchemaElement[]): void {
  parquetWriteFile({ filename: file, columnData, schema, rowGroupSize: 3 })
}

const text = (i: number, empty: string | null = null): Array<string | null> => ROWS.map((row) => row[i] === '' ? empty : row[i])

t.test('typed columns read as the CSV export of the same values: same table, report and malformed rows', async (t) => {
  const dir = t.testdir({ 'orders.csv': CSV.join('\n') + '\n' })
  const fromCsv = await loadCleanTransactions({ input: path.join(dir, 'orders.csv'), columns, ...tolerant })
  t.equal(fromCsv.report.rowsKept, 4)
  t.same(fromCsv.report.malformedExamples, [{ line: 8, reason: 'unparsable placed_at "not a date"' }])

  // pandas-like: doubles for ids with blanks, timestamps, double prices, row groups of 3 rows
  const pandasLike = path.join(dir, 'pandas.parquet')
  writeParquet(pandasLike, [
    { name: 'order_id', data: text(0), type: 'STRING' },
    { name: 'sku', data: text(1), type: 'STRING' },
    { name: 'title', data: text(2), type: 'STRING' },
    { name: 'units', data: ROWS.map((row) => Number(row[3])), type: 'INT32' },
    // the malformed date stays text in a string column; here a timestamp column cannot hold it
    { name: 'placed_at', data: ROWS.map((row) => row[4]), type: 'STRING' },
    { name: 'price', data: ROWS.map((row) => Number(row[5])), type: 'DOUBLE' },
    { name: 'client', data: ROWS.map((row) => row[6] === '' ? null : Number(row[6])), type: 'DOUBLE' },
    { name: 'region', data: text(7), type: 'STRING' }
  ])
  // a database-like export: decimals for prices, 64-bit ids and quantities, ids as "17850.0" text, timestamps
  const databaseLike = path.join(dir, 'database.parquet')
  const good = ROWS.filter((row) => row[4] !== 'not a date')
  const schema: SchemaElement[] = [
    { name: 'root', num_children: 8 },
    { name: 'order_id', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'sku', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    { name: 'title', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'units', type: 'INT64', repetition_type: 'REQUIRED' },
    { name: 'placed_at', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'REQUIRED' },
    { name: 'price', type: 'INT64', converted_type: 'DECIMAL', scale: 3, precision: 12, repetition_type: 'REQUIRED' },
    { name: 'client', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    { name: 'region', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }
  ]
  writeParquet(databaseLike, [
    { name: 'order_id', data: good.map((row) => row[0]) },
    { name: 'sku', data: good.map((row) => row[1]) },
    { name: 'title', data: good.map((row) => row[2] === '' ? null : row[2]) },
    { name: 'units', data: good.map((row) => BigInt(row[3])) },
    { name: 'placed_at', data: good.map((row) => new Date(row[4].replace(' ', 'T') + 'Z')) },
    { name: 'price', data: good.map((row) => BigInt(Math.round(Number(row[5]) * 1000))) },
    { name: 'client', data: good.map((row) => row[6] === '' ? null : `${row[6]}.0`) },
    { name: 'region', data: good.map((row) => row[7]) }
  ], schema)

  const progress: number[] = []
  const pandas = await loadCleanTransactions({ input: pandasLike, columns, ...tolerant, onProgress: (rows) => progress.push(rows) })
  t.same(pandas.table, fromCsv.table, 'pandas-like Parquet: the CSV export\'s table')
  t.same(pandas.report, fromCsv.report, 'and its cleaning report, malformed row and line included')
  t.same(pandas.input, { fileName: 'pandas.parquet', bytes: pandas.input.bytes, sha256: pandas.input.sha256, gzip: false, format: 'mapped', rowsRead: 9 })
  t.same(progress, [9], 'progress once at the end of a small file')
  await t.rejects(loadCleanTransactions({ input: pandasLike, columns }), { code: 'ERR_TOO_MANY_MALFORMED_ROWS', message: /pandas\.parquet: 1 of 9 rows are malformed .*line 8: unparsable placed_at "not a date"$/ }, 'the default share applies as for CSV')

  const database = await loadCleanTransactions({ input: databaseLike, columns })
  const csvWithoutBadDate = await loadCleanTransactions({ input: path.join(t.testdir({ 'good.csv': CSV.filter((line) => !line.includes('not a date')).join('\n') }), 'good.csv'), columns })
  t.same(database.table, csvWithoutBadDate.table, 'decimals, 64-bit integers, "17850.0" ids and timestamps: the CSV export\'s table')
  t.same(database.report, csvWithoutBadDate.report)
  t.same(database.table.customerIds, ['17850', '12346', '12347'], '17850.0 and 17850 are one customer')
})

t.test('Parquet is recognised by its magic bytes as well as by its name', async (t) => {
  const dir = t.testdir()
  const file = path.join(dir, 'export.bin')
  writeParquet(file, [
    { name: 'InvoiceNo', data: ['1'], type: 'STRING' }, { name: 'StockCode', data: ['X'], type: 'STRING' },
    { name: 'Description', data: ['d'], type: 'STRING' }, { name: 'Quantity', data: [1], type: 'INT32' },
    { name: 'InvoiceDate', data: [new Date(Date.UTC(2011, 0, 1))], type: 'TIMESTAMP' }, { name: 'UnitPrice', data: [1.5], type: 'DOUBLE' },
    { name: 'CustomerID', data: [1], type: 'INT32' }, { name: 'Country', data: ['UK'], type: 'STRING' }
  ])
  t.equal(await isParquetInput(file), true)
  t.equal(await isParquetInput(path.join(dir, 'missing.parquet')), true, 'by name, even before it exists (the error then says Parquet)')
  const { report, input } = await loadCleanTransactions({ input: file })
  t.equal(input.format, 'online-retail')
  t.equal(report.rowsKept, 1)
  t.equal(report.firstInvoiceAt, '2011-01-01T00:00:00.000Z', 'a timestamp is its UTC wall-clock time')
})

t.test('one-line errors: missing file, not Parquet, missing columns', async (t) => {
  const dir = t.testdir({ 'fake.parquet': 'InvoiceNo,StockCode\n1,2\n' })
  await t.rejects(loadCleanTransactions({ input: path.join(dir, 'nope.parquet') }), { code: 'ERR_INPUT_NOT_FOUND', message: /input file not found: .*nope\.parquet$/ })
  await t.rejects(loadCleanTransactions({ input: path.join(dir, 'fake.parquet') }), { code: 'ERR_INPUT_UNREADABLE', message: /fake\.parquet: not a Parquet file/ })
  const partial = path.join(dir, 'partial.parquet')
  writeParquet(partial, [{ name: 'InvoiceNo', data: ['1'], type: 'STRING' }, { name: 'Quantity', data: [1], type: 'INT32' }])
  await t.rejects(loadCleanTransactions({ input: partial }), { code: 'ERR_UNKNOWN_HEADER', message: /found "InvoiceNo", "Quantity"/ })
  await t.rejects(loadCleanTransactions({ input: partial, columns: { stockCode: 'Sku' } }), { code: 'ERR_UNKNOWN_HEADER', message: /stockCode \("Sku"\)/ })
  const truncated = path.join(dir, 'truncated.parquet')
  writeParquet(truncated, [{ name: 'InvoiceNo', data: ['1'], type: 'STRING' }])
  writeFileSync(truncated, 'PAR1 and then nothing a reader could use')
  await t.rejects(loadCleanTransactions({ input: truncated }), { code: 'ERR_INPUT_UNREADABLE' })
})

t.test('the real Online Retail rows from Parquet: the CSV\'s table and report, row groups of 50k rows', async (t) => {
  const file = path.join(t.testdir(), 'online_retail.parquet')
  await writeOnlineRetailParquet(ONLINE_RETAIL_CSV, file, { rowGroupSize: 50_000 })
  const progress: number[] = []
  const fromParquet = await loadCleanTransactions({ input: file, onProgress: (rows) => progress.push(rows) })
  const fromCsv = await loadCleanTransactions({ input: ONLINE_RETAIL_CSV })
  t.equal(fromParquet.input.rowsRead, ONLINE_RETAIL_ROWS)
  t.same(fromParquet.report, fromCsv.report, 'cleaning report')
  t.ok(fromParquet.table.customerIds.every((id) => !id.includes('.')), 'ids written as doubles read as the CSV writes them')
  t.same(fromParquet.table, fromCsv.table, 'table: same rows in the same order, same dictionaries')
  t.equal(progress.length, 11, 'progress after every 50k rows and at the end')
})
