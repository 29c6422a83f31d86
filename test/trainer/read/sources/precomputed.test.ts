// Aggregates computed elsewhere as the trainer's input: what makes no sense is refused in one
// line before any work (the server-side paths themselves: ../../aggregates/sql/aggregates.test.ts
// and ./identical-models.test.ts).
import t from 'tap'
import path from 'node:path'
import { loadAggregates } from '../../../../trainer/read/load-aggregates.js'
import { trainAndPublish } from '../../../../trainer/train.js'
import { ONLINE_RETAIL_CSV } from '../../../helpers/postgres.js'
import { runTrainerCli } from '../../../helpers/trainer-cli.js'

t.test('--aggregate-in-database needs a PostgreSQL input', async (t) => {
  await t.rejects(loadAggregates({ input: ONLINE_RETAIL_CSV, aggregateInDatabase: true }), { code: 'ERR_USAGE', message: /--aggregate-in-database needs a PostgreSQL --input/ })
  const cli = runTrainerCli(['--input', ONLINE_RETAIL_CSV, '--aggregate-in-database', '--out', t.testdir()])
  t.equal(cli.status, 2)
  t.match(cli.stderr, /needs a PostgreSQL --input/)
})

t.test('an --input directory is read as exported aggregates', async (t) => {
  const dir = t.testdir({ empty: {}, partial: { 'cleaning.csv': 'rows_read,malformed,missing_customer,cancelled,non_positive_quantity,non_positive_price,rows_kept,invoices,first_at,last_at\n1,0,0,0,0,0,1,1,0,0\n' } })
  await t.rejects(loadAggregates({ input: path.join(dir, 'empty') }), { code: 'ERR_INPUT_NOT_FOUND', message: /no cleaning\.csv, cleaning\.csv\.gz, cleaning\.parquet or cleaning\/ directory/ })
  await t.rejects(loadAggregates({ input: path.join(dir, 'partial') }), { code: 'ERR_INPUT_NOT_FOUND', message: /no customers\.csv/ })
  await t.rejects(loadAggregates({ input: path.join(dir, 'partial'), columns: { invoice: 'Order' } }), { code: 'ERR_USAGE', message: /--columns maps a transaction log/ })
  await t.rejects(trainAndPublish({ input: path.join(dir, 'partial'), evaluate: true, out: path.join(dir, 'out') }), { code: 'ERR_USAGE', message: /--evaluate needs the rows/ })
})
