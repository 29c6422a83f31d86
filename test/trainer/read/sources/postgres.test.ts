// The PostgreSQL input against a real server (scripts/postgres.sh): a table or a query read as the
// CSV export of the same rows is read, typed columns included; one-line errors for a server that
// is not there, a missing database, table or column, a query the server rejects, an error in the
// middle of the COPY; and no password anywhere.
import t from 'tap'
import path from 'node:path'
import { loadCleanTransactions } from '../../../../trainer/read/load-clean-transactions.js'
import { describePostgresSource, parsePostgresInput } from '../../../../trainer/read/sources/postgres.js'
import { runTrainerCli } from '../../../helpers/trainer-cli.js'
import { createTable, inFileOrder, inputUrl, loadOnlineRetail, ONLINE_RETAIL_CSV, ONLINE_RETAIL_ROWS, postgresUrl, skipWithoutPostgres } from '../../../helpers/postgres.js'

const skip = skipWithoutPostgres()

t.test('the URL: a table or a query, never a password', async (t) => {
  const table = parsePostgresInput('postgres://shop@db.example:6543/sales?table=public.orders&sslmode=require')
  t.same(table, { connectionString: 'postgres://shop@db.example:6543/sales?sslmode=require', table: 'public.orders', query: undefined, place: 'db.example:6543/sales' })
  t.equal(describePostgresSource(table), 'PostgreSQL db.example:6543 sales, table public.orders', 'no user, no slash (train.ts takes the basename)')
  const query = parsePostgresInput("postgresql://shop@db.example/sales?query=SELECT * FROM orders WHERE country = 'UK'")
  t.equal(query.query, "SELECT * FROM orders WHERE country = 'UK'", 'spaces and quotes need no encoding')
  t.match(describePostgresSource(query), /^PostgreSQL db\.example:5432 sales, query sha256 [0-9a-f]{16}$/, 'a query is named by its hash')
  t.throws(() => parsePostgresInput('postgres://shop:secret@db.example/sales?table=orders'), { code: 'ERR_USAGE', message: /password.*PGPASSWORD/ })
  t.throws(() => parsePostgresInput('postgres://shop@db.example/sales'), { code: 'ERR_USAGE', message: /\?table=NAME or \?query=/ })
  t.throws(() => parsePostgresInput('postgres://shop@db.example/sales?table=a&query=SELECT 1'), { code: 'ERR_USAGE' })
  t.throws(() => parsePostgresInput('postgres://shop@db.example/sales?table='), { code: 'ERR_USAGE', message: /empty/ })
})

t.test('no server there: one line, before any row, no password', async (t) => {
  await t.rejects(loadCleanTransactions({ input: 'postgres://nobody@127.0.0.1:1/none?table=orders' }),
    { code: 'ERR_INPUT_UNREADABLE', message: 'PostgreSQL 127.0.0.1:1 none, table orders: cannot connect (connection refused)' })
  const cli = runTrainerCli(['--input', 'postgres://nobody:hunter2@127.0.0.1:1/none?table=orders', '--out', t.testdir()])
  t.equal(cli.status, 2)
  t.notMatch(cli.stderr + cli.stdout, /hunter2/, 'the password is not repeated')
  t.match(cli.stderr, /password/)
})

t.test('typed columns read as the CSV export of the same values', { skip }, async (t) => {
  // timestamptz, numeric prices, bigint quantities, ids as integers and as "17850.0" text, NULLs
  await createTable('typed_orders', 'order_id text, sku text, title text, units bigint, placed_at timestamptz, price numeric(10,3), client text, region text, client_no integer', [
    "'A1', '85123a ', 'Heart ', 6, '2011-01-02 10:00:00+00', 2.55, '17850.0', 'United Kingdom', 17850",
    "'A1', '71053', NULL, 2, '2011-01-02 11:00:00+01', 3.39, '17850', 'United Kingdom', 17850",
    "'C2', '71053', 'Lantern', 1, '2011-01-03 09:00:00+00', 3.39, '17850', 'United Kingdom', 17850",
    "'A3', '22423', 'Cake, stand', 1, '2011-01-04 12:30:00+00', 12.75, NULL, 'France', NULL",
    "'A4', '22423', 'Cake \"stand\"', 0, '2011-01-04 12:30:00+00', 12.75, '12346', 'France', 12346",
    "'A7', 'POST', E'Post\\nage', 1, '2011-02-01 08:05:00+00', 0.1, '12346', ' France ', 12346"
  ])
  const csv = [
    'order_id,sku,title,units,placed_at,price,client,region',
    'A1,85123a ,Heart ,6,2011-01-02 10:00:00,2.55,17850,United Kingdom',
    'A1,71053,,2,2011-01-02 10:00:00,3.39,17850,United Kingdom',
    'C2,71053,Lantern,1,2011-01-03 09:00:00,3.39,17850,United Kingdom',
    'A3,22423,"Cake, stand",1,2011-01-04 12:30:00,12.75,,France',
    'A4,22423,"Cake ""stand""",0,2011-01-04 12:30:00,12.75,12346,France',
    'A7,POST,"Post\nage",1,2011-02-01 08:05:00,0.1,12346, France '
  ].join('\n') + '\n'
  const columns = { invoice: 'order_id', stockCode: 'sku', description: 'title', quantity: 'units', invoiceDate: 'placed_at', unitPrice: 'price', customerId: 'client', country: 'region' }
  const fromCsv = await loadCleanTransactions({ input: path.join(t.testdir({ 'orders.csv': csv }), 'orders.csv'), columns })
  const fromTable = await loadCleanTransactions({ input: inputUrl({ table: 'typed_orders' }), columns })
  t.same(fromTable.table, fromCsv.table, 'the CSV export\'s table (timestamptz at 11:00+01 is 10:00 UTC)')
  t.same(fromTable.report, fromCsv.report, 'and its cleaning report')
  t.equal(fromTable.input.format, 'mapped')
  t.same(fromTable.table.customerIds, ['17850', '12346'], '"17850.0" and "17850" are one customer')
  // the integer id column instead of the text one, through a query
  const fromQuery = await loadCleanTransactions({ input: inputUrl({ query: 'SELECT order_id, sku, title, units, placed_at, price, client_no, region FROM typed_orders' }), columns: { ...columns, customerId: 'client_no' } })
  t.same(fromQuery.table, fromCsv.table, 'integer ids through a query: the same table')
})

t.test('what is not there, or not readable: one-line errors naming the source', { skip }, async (t) => {
  await createTable('no_customers', 'InvoiceNo text, StockCode text, Description text, Quantity integer, InvoiceDate timestamp, UnitPrice numeric, Country text', [
    "'1', 'X', 'x', 1, '2011-01-01 00:00:00', 1.5, 'UK'"
  ])
  const url = new URL(postgresUrl() as string)
  const name = `PostgreSQL 127.0.0.1:${url.port} ${url.pathname.slice(1)}`
  await t.rejects(loadCleanTransactions({ input: inputUrl({ table: 'no_such_table' }) }), { code: 'ERR_INPUT_NOT_FOUND', message: `${name}, table no_such_table: relation "no_such_table" does not exist` })
  const otherDb = new URL(url)
  otherDb.pathname = '/no_such_database'
  otherDb.searchParams.set('table', 'orders')
  await t.rejects(loadCleanTransactions({ input: otherDb.toString() }), { code: 'ERR_INPUT_NOT_FOUND', message: /no_such_database/ })
  await t.rejects(loadCleanTransactions({ input: inputUrl({ table: 'no_customers' }) }), { code: 'ERR_UNKNOWN_HEADER', message: /missing "CustomerID"/ })
  await t.rejects(loadCleanTransactions({ input: inputUrl({ query: 'SELECT nope FROM no_customers' }) }), { code: 'ERR_INPUT_UNREADABLE', message: /query sha256 [0-9a-f]+: column "nope" does not exist$/ })
  // the COPY starts, then the server fails on a later row: still one line, and the connection is ended
  await t.rejects(loadCleanTransactions({ input: inputUrl({ query: 'SELECT *, 1 / (Quantity - 1) AS boom FROM no_customers' }) }), { code: 'ERR_INPUT_UNREADABLE', message: /division by zero$/ })

  const cli = runTrainerCli(['--input', inputUrl({ table: 'no_such_table' }), '--out', t.testdir()])
  t.equal(cli.status, 2)
  t.equal(cli.stderr.trim().split('\n').length, 1, `one line: ${cli.stderr.trim()}`)
  t.notMatch(cli.stderr, /\n\s+at /, 'no stack')
})

t.test('the real Online Retail rows: a table and a query read as the CSV file is read', { skip }, async (t) => {
  const table = await loadOnlineRetail()
  const fromCsv = await loadCleanTransactions({ input: ONLINE_RETAIL_CSV })
  const inOrder = await loadCleanTransactions({ input: inputUrl({ query: inFileOrder(table) }) })
  t.equal(inOrder.input.rowsRead, ONLINE_RETAIL_ROWS)
  t.same(inOrder.report, fromCsv.report, 'cleaning report')
  t.same(inOrder.table, fromCsv.table, 'ORDER BY line: the file\'s rows in the file\'s order')
  // a whole table comes in its physical order, which is not the load order (see the helper):
  // the same rows, so the same report, and the same order on every read
  const first = await loadCleanTransactions({ input: inputUrl({ table }) })
  const second = await loadCleanTransactions({ input: inputUrl({ table }) })
  t.same(first.report, fromCsv.report, '?table=: the same cleaning report')
  t.same(second.input.sha256, first.input.sha256, 'and the same bytes on a second read')
})
