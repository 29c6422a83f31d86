import t from 'tap'
import { Value } from 'typebox/value'
import { CleaningReportSchema } from '../../lib/artifacts/index.js'
import type { ShopperError } from '../../lib/errors.js'
import { addDropCounts, buildCleaningReport, Cleaner, dropRule, zeroDropCounts } from '../../trainer/clean.js'
import { cleanRows } from '../helpers/trainer-data.js'
import { TransactionTableBuilder, type TransactionRow } from '../../trainer/transactions.js'
import { aggregateTable, TransactionAggregator } from '../../trainer/aggregates/aggregate.js'

const DAY = 86_400_000
function row (fields: Partial<TransactionRow>): TransactionRow {
  return {
    invoice: '536365',
    stockCode: '85123A',
    description: 'HEART',
    quantity: 6,
    invoiceDate: Date.UTC(2010, 11, 1, 8, 26),
    unitPrice: 2.55,
    customerId: '17850',
    country: 'United Kingdom',
    ...fields
  }
}
const noMalformed = { rows: 0, examples: [] }

t.test('dropRule: each rule alone', async (t) => {
  t.equal(dropRule(row({})), null)
  t.equal(dropRule(row({ customerId: '' })), 'missingCustomer')
  t.equal(dropRule(row({ invoice: 'C536379' })), 'cancelled')
  t.equal(dropRule(row({ invoice: 'c536379' })), 'cancelled', 'case-insensitive')
  t.equal(dropRule(row({ quantity: 0 })), 'nonPositiveQuantity')
  t.equal(dropRule(row({ quantity: -3 })), 'nonPositiveQuantity')
  t.equal(dropRule(row({ unitPrice: 0 })), 'nonPositivePrice')
  t.equal(dropRule(row({ unitPrice: -11062.06 })), 'nonPositivePrice')
  t.equal(dropRule(row({ invoice: 'A563185' })), null, 'only C marks a cancellation')
})

t.test('dropRule: a row failing several rules counts under the first, in rule order', async (t) => {
  t.equal(dropRule(row({ customerId: '', invoice: 'C1', quantity: -1, unitPrice: 0 })), 'missingCustomer')
  t.equal(dropRule(row({ invoice: 'C1', quantity: -1, unitPrice: 0 })), 'cancelled')
  t.equal(dropRule(row({ quantity: -1, unitPrice: 0 })), 'nonPositiveQuantity')
})

t.test('Cleaner: kept rows go into the table, dropped rows into the counts', async (t) => {
  const cleaner = new Cleaner(new TransactionTableBuilder())
  const rows = [
    row({ customerId: '1' }), row({ customerId: '' }), row({ customerId: '2', invoice: 'C9' }),
    row({ customerId: '2', stockCode: 'post ', unitPrice: 18 }), row({ customerId: '3', quantity: 0 }), row({ customerId: '3', unitPrice: 0 })
  ]
  t.same(rows.map((r) => cleaner.add(r)), [true, false, false, true, false, false])
  t.same(cleaner.dropped, { missingCustomer: 1, cancelled: 1, nonPositiveQuantity: 1, nonPositivePrice: 1 })
  t.equal(cleaner.kept, 2)
  const table = cleaner.sink.finish()
  t.same(table.customerIds, ['1', '2'])
  t.same(table.productCodes, ['85123A', 'POST'])
  t.same([...table.unitPrice], [2.55, 18])

  const aggregating = new Cleaner(new TransactionAggregator())
  for (const r of rows) aggregating.add(r)
  t.equal(aggregating.kept, 2)
  t.same(aggregating.sink.finish(), aggregateTable(table), 'into an aggregator: the aggregates of the kept rows')
})

t.test('cleanRows and addDropCounts', async (t) => {
  const { table, dropped } = cleanRows([row({}), row({ customerId: '' }), row({ invoice: 'C1' })])
  t.equal(table.length, 1)
  const total = addDropCounts(zeroDropCounts(), dropped)
  addDropCounts(total, dropped)
  t.same(total, { missingCustomer: 2, cancelled: 2, nonPositiveQuantity: 0, nonPositivePrice: 0 })
})

t.test('the cleaning report', async (t) => {
  const { table, dropped } = cleanRows([
    row({ customerId: '1', invoice: '10', quantity: 2, unitPrice: 1.1, invoiceDate: 5 * DAY }),
    row({ customerId: '1', invoice: '10', stockCode: 'POST', quantity: 1, unitPrice: 18, invoiceDate: 5 * DAY }),
    row({ customerId: '2', invoice: '11', stockCode: 'gift_0001_20', quantity: 3, unitPrice: 0.1, invoiceDate: 9 * DAY }),
    row({ customerId: '2', invoice: '12', quantity: 1, unitPrice: 0.2, invoiceDate: 2 * DAY }),
    row({ customerId: '' }),
    row({ invoice: 'C13' })
  ])
  const malformed = { rows: 1, examples: [{ line: 4, reason: 'unparsable Quantity "x"' }] }
  const report = buildCleaningReport({ aggregates: aggregateTable(table), dropped, rowsRead: 7, malformed })
  t.same(report, {
    rowsRead: 7,
    malformedRows: 1,
    malformedExamples: [{ line: 4, reason: 'unparsable Quantity "x"' }],
    dropped: { missingCustomer: 1, cancelled: 1, nonPositiveQuantity: 0, nonPositivePrice: 0 },
    rowsKept: 4,
    nonProductRows: 2,
    customers: 2,
    products: 3,
    invoices: 3,
    revenue: 20.7, // 2.2 + 18 + 0.3 + 0.2, rounded to cents
    firstInvoiceAt: new Date(2 * DAY).toISOString(),
    lastInvoiceAt: new Date(9 * DAY).toISOString()
  })
  t.ok(Value.Check(CleaningReportSchema, report), 'matches the manifest schema')
  const custom = buildCleaningReport({ aggregates: aggregateTable(table), dropped, rowsRead: 7, malformed, nonProductRule: { codes: ['85123A'], prefixes: [] } })
  t.equal(custom.nonProductRows, 2, 'a custom rule decides what is not a product')
})

t.test('nothing left after cleaning', async (t) => {
  const { table, dropped } = cleanRows([row({ customerId: '' }), row({ invoice: 'C1' })])
  const error = t.throws(() => buildCleaningReport({ aggregates: aggregateTable(table), dropped, rowsRead: 3, malformed: { rows: 1, examples: [] } })) as ShopperError
  t.equal(error.code, 'ERR_EMPTY_AFTER_CLEANING')
  t.equal(error.message, 'no rows left after cleaning: 3 rows read, 1 malformed, dropped: 1 without customer id, 1 cancelled, 0 with quantity ≤ 0, 0 with unit price ≤ 0')
  t.throws(() => buildCleaningReport({ aggregates: aggregateTable(table), dropped, rowsRead: 0, malformed: noMalformed }), { code: 'ERR_EMPTY_AFTER_CLEANING' })
})
