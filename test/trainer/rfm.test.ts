import t from 'tap'
import { DAY_MS, computeRfm, defaultSnapshot } from '../../trainer/rfm.js'
import { type TransactionRow } from '../../trainer/transactions.js'
import { aggregateRows } from '../../trainer/aggregates/aggregate.js'

const HOUR = 3_600_000
const LAST = Date.UTC(2011, 11, 9, 12, 50)

function row (customerId: string, invoice: string, invoiceDate: number, quantity = 1, unitPrice = 1, stockCode = '85123A'): TransactionRow {
  return { customerId, invoice, invoiceDate, quantity, unitPrice, stockCode, description: 'X', country: 'United Kingdom' }
}

t.test('snapshot is the last invoice + 24 h and recency is whole days, rounded down (pandas .days)', async t => {
  const table = aggregateRows([
    row('A', '1', LAST), // 24 h before the snapshot → 1
    row('B', '2', LAST - 23 * HOUR), // 47 h → 1
    row('C', '3', LAST - 25 * HOUR), // 49 h → 2
    row('D', '4', LAST - 30 * DAY_MS - 1), // 31 days + 1 ms → 31
    row('D', '5', LAST - 40 * DAY_MS)
  ])
  const rfm = computeRfm(table)
  t.equal(rfm.snapshot.toISOString(), '2011-12-10T12:50:00.000Z')
  t.equal(rfm.lastInvoiceAt, LAST)
  t.equal(defaultSnapshot(LAST), LAST + DAY_MS)
  t.same(rfm.customerIds, ['D', 'C', 'B', 'A'], 'in order of first purchase')
  t.same(Array.from(rfm.recency), [31, 2, 1, 1])
})

t.test('customers in order of first purchase, ties by id, whatever the order of the rows; monetary summed exactly', async t => {
  const rows = [
    row('B', '1', LAST - 5 * DAY_MS, 1, 0.1), row('A', '2', LAST - 5 * DAY_MS, 1, 0.2), row('C', '3', LAST - 9 * DAY_MS),
    row('A', '4', LAST, 1, 0.1), row('B', '5', LAST - 9 * DAY_MS + 1, 1, 0.2), row('A', '6', LAST, 3, 0.1)
  ]
  const rfm = computeRfm(aggregateRows(rows))
  t.same(rfm.customerIds, ['C', 'B', 'A'])
  t.same(Array.from(rfm.monetary), [1, 0.3, 0.6], '0.1 + 0.2 is 0.3 here, not 0.30000000000000004')
  t.same(computeRfm(aggregateRows([...rows].reverse())), rfm, 'rows reversed: the same table')
})

t.test('frequency counts distinct invoices, monetary sums every line (non-product lines too)', async t => {
  const table = aggregateRows([
    row('A', '1', LAST, 2, 1.5),
    row('B', '2', LAST, 1, 10),
    row('A', '1', LAST, 3, 2), // same invoice again, after another customer's row
    row('A', '3', LAST - DAY_MS, 1, 18, 'POST'),
    row('B', '2', LAST, 4, 0.25),
    row('B', '4', LAST, 1, 1),
    row('C', '4', LAST, 5, 1) // an invoice shared by two customers counts for each
  ])
  const rfm = computeRfm(table)
  t.same(rfm.customerIds, ['A', 'B', 'C'])
  t.same(Array.from(rfm.frequency), [2, 2, 1])
  t.same(Array.from(rfm.monetary), [2 * 1.5 + 3 * 2 + 18, 10 + 1 + 1, 5])
})

t.test('asOf replaces the snapshot; before the last invoice it is a usage error', async t => {
  const table = aggregateRows([row('A', '1', LAST - 10 * DAY_MS), row('B', '2', LAST)])
  const asOf = new Date(Date.UTC(2012, 0, 1))
  const rfm = computeRfm(table, { asOf })
  t.equal(rfm.snapshot.getTime(), asOf.getTime())
  t.same(Array.from(rfm.recency), [Math.floor((asOf.getTime() - LAST) / DAY_MS) + 10, Math.floor((asOf.getTime() - LAST) / DAY_MS)])
  t.equal(computeRfm(table, { asOf: new Date(LAST) }).recency[1], 0, 'asOf exactly at the last invoice is allowed')
  t.throws(() => computeRfm(table, { asOf: new Date(LAST - 1) }), { name: 'ShopperError', code: 'ERR_USAGE' })
})

t.test('an empty table is rejected', async t => {
  t.throws(() => computeRfm(aggregateRows([])), { name: 'ShopperError', code: 'ERR_EMPTY_AFTER_CLEANING' })
})

t.test('matches a direct per-customer computation on random transactions', async t => {
  let state = 7
  const random = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state / 2147483648
  }
  const rows: TransactionRow[] = []
  for (let i = 0; i < 3000; i++) {
    rows.push(row(`C${Math.floor(random() * 80)}`, `I${Math.floor(random() * 400)}`, LAST - Math.floor(random() * 400 * DAY_MS), 1 + Math.floor(random() * 20), Math.round(random() * 1000) / 100))
  }
  const rfm = computeRfm(aggregateRows(rows))
  const snapshot = Math.max(...rows.map(r => r.invoiceDate)) + DAY_MS
  rfm.customerIds.forEach((id, i) => {
    const own = rows.filter(r => r.customerId === id)
    const last = Math.max(...own.map(r => r.invoiceDate))
    t.equal(rfm.recency[i], Math.floor((snapshot - last) / DAY_MS), `${id} recency`)
    t.equal(rfm.frequency[i], new Set(own.map(r => r.invoice)).size, `${id} frequency`)
    t.ok(Math.abs(rfm.monetary[i] - own.reduce((sum, r) => sum + r.quantity * r.unitPrice, 0)) < 1e-9, `${id} monetary`)
  })
})
