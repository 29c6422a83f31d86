// The input stage on the real data. Reference numbers were computed independently with pandas
// 1.5.3 (read_csv with keep_default_na=False and ids as text; the four rules applied in order,
// each row counted under the first rule it fails; products = distinct trimmed upper-cased
// StockCodes; revenue = Σ Quantity × UnitPrice over kept rows, rounded to cents).
import t from 'tap'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { Value } from 'typebox/value'
import { CleaningReportSchema } from '../../../lib/artifacts/index.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'
import { csv, ONLINE_RETAIL_HEADER, SAMPLE_LINES } from './fixtures.js'

const ONLINE_RETAIL = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')
const ONLINE_RETAIL_II = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'online_retail_ii.csv.gz')

t.test('UCI Online Retail (bundled): 541,909 rows read, 397,884 kept, 4,338 customers', async (t) => {
  const progress: number[] = []
  const { table, report, input } = await loadCleanTransactions({ input: ONLINE_RETAIL, onProgress: (rows) => progress.push(rows) })
  t.same(input, {
    fileName: 'online_retail.csv.gz',
    bytes: 7_553_960,
    sha256: createHash('sha256').update(readFileSync(ONLINE_RETAIL)).digest('hex'),
    gzip: true,
    format: 'online-retail',
    rowsRead: 541_909
  })
  t.same(report, {
    rowsRead: 541_909,
    malformedRows: 0,
    malformedExamples: [],
    dropped: { missingCustomer: 135_080, cancelled: 8_905, nonPositiveQuantity: 0, nonPositivePrice: 40 },
    rowsKept: 397_884,
    nonProductRows: 1_547, // StockCode in the default non-product list (POST, M, C2, …)
    customers: 4_338,
    products: 3_665,
    invoices: 18_532,
    revenue: 8_911_407.9,
    firstInvoiceAt: '2010-12-01T08:26:00.000Z',
    lastInvoiceAt: '2011-12-09T12:50:00.000Z'
  })
  t.ok(Value.Check(CleaningReportSchema, report), 'the report matches the manifest schema')
  t.equal(table.length, 397_884)
  t.equal(progress.at(-1), 541_909, 'progress ends at the rows read')
  t.ok(progress.length >= 10, `progress about every 50k rows (${progress.join(', ')})`)
  t.same(progress, [...progress].sort((a, b) => a - b), 'rows so far only grow')
})

t.test('UCI Online Retail: the hybrid reader gives exactly what csv-parse alone gives', async (t) => {
  const hybrid = await loadCleanTransactions({ input: ONLINE_RETAIL, parser: 'hybrid' })
  const reference = await loadCleanTransactions({ input: ONLINE_RETAIL, parser: 'csv-parse' })
  t.same(hybrid.report, reference.report, 'cleaning report')
  t.same(hybrid.input, reference.input, 'input identity')
  const { table } = hybrid
  t.equal(table.length, reference.table.length)
  for (const column of ['customer', 'product', 'invoice', 'country', 'quantity', 'unitPrice', 'invoiceDate'] as const) {
    t.ok(Buffer.from(table[column].buffer, table[column].byteOffset, table[column].byteLength)
      .equals(Buffer.from(reference.table[column].buffer, reference.table[column].byteOffset, reference.table[column].byteLength)), `column ${column}`)
  }
  t.same(table.customerIds, reference.table.customerIds, 'customer dictionary')
  t.same(table.productCodes, reference.table.productCodes, 'product dictionary')
  t.same(table.invoiceIds, reference.table.invoiceIds, 'invoice dictionary')
  t.same(table.countries, reference.table.countries, 'country dictionary')
  t.same(table.descriptionCounts.map((counts) => [...counts]), reference.table.descriptionCounts.map((counts) => [...counts]), 'descriptions')
})

t.test('UCI Online Retail II (shared data, not in the repository)', { skip: existsSync(ONLINE_RETAIL_II) ? false : `${ONLINE_RETAIL_II} is absent` }, async (t) => {
  const { report, input } = await loadCleanTransactions({ input: ONLINE_RETAIL_II })
  t.equal(input.format, 'online-retail-ii')
  t.match(report, {
    rowsRead: 1_067_371,
    malformedRows: 0,
    dropped: { missingCustomer: 243_007, cancelled: 18_744, nonPositiveQuantity: 0, nonPositivePrice: 71 },
    rowsKept: 805_549,
    nonProductRows: 2_870,
    customers: 5_878,
    products: 4_631,
    invoices: 36_969,
    revenue: 17_743_429.18,
    firstInvoiceAt: '2009-12-01T07:45:00.000Z',
    lastInvoiceAt: '2011-12-09T12:50:00.000Z'
  })
})

t.test('nothing left after cleaning', async (t) => {
  const dir = t.testdir({ 'cancelled.csv': csv(ONLINE_RETAIL_HEADER, SAMPLE_LINES.filter((line) => line.startsWith('C') || line.includes(',,'))) })
  await t.rejects(loadCleanTransactions({ input: path.join(dir, 'cancelled.csv') }), {
    code: 'ERR_EMPTY_AFTER_CLEANING',
    message: 'no rows left after cleaning: 2 rows read, 0 malformed, dropped: 1 without customer id, 1 cancelled, 0 with quantity ≤ 0, 0 with unit price ≤ 0'
  })
})

t.test('a custom non-product rule is used for the count', async (t) => {
  const dir = t.testdir({ 'sample.csv': csv(ONLINE_RETAIL_HEADER, SAMPLE_LINES) })
  const { report } = await loadCleanTransactions({ input: path.join(dir, 'sample.csv'), nonProductRule: { codes: ['85123A', '71053'], prefixes: [] } })
  t.equal(report.nonProductRows, 2)
  t.equal(report.rowsKept, 6)
})
