import t from 'tap'
import { DAY_MS } from '../../../trainer/rfm.js'
import { type TransactionRow } from '../../../trainer/transactions.js'
import { aggregateRows } from '../../../trainer/aggregates/aggregate.js'
import { dayOf, purchaseDays, purchasesBetween, summariseAt } from '../../../trainer/value/purchase-days.js'

const D0 = Date.UTC(2011, 0, 3) // a Monday, 00:00 UTC
const day0 = D0 / DAY_MS

function row (customerId: string, invoice: string, day: number, hour: number, quantity: number, unitPrice: number): TransactionRow {
  return { customerId, invoice, invoiceDate: D0 + day * DAY_MS + hour * 3_600_000, quantity, unitPrice, stockCode: '85123A', description: 'X', country: 'UK' }
}

const table = aggregateRows([
  row('B', '5', 10, 9, 1, 7),
  row('A', '1', 0, 9, 2, 5), // day 0: two invoices, one purchase of 10 + 3 + 4
  row('A', '2', 0, 17, 1, 3),
  row('A', '1', 0, 9, 1, 4),
  row('A', '3', 4, 23, 1, 20), // 23:00 is still day 4
  row('A', '4', 9, 0, 2, 15), // day 9
  row('C', '6', 12, 8, 1, 1)
])

t.test('a purchase is a customer-day: invoices and lines of one day are summed, days ascending per customer', async (t) => {
  const days = purchaseDays(table)
  t.same(days.customerIds, ['A', 'B', 'C'])
  t.same(Array.from(days.offsets), [0, 3, 4, 5])
  t.same(Array.from(days.day), [0, 4, 9, 10, 12].map((d) => day0 + d))
  t.same(Array.from(days.value), [17, 20, 30, 7, 1])
  t.equal(dayOf(D0 + DAY_MS - 1), day0)
})

t.test('x, t_x, T and zbar at a calibration end; customers not yet seen are left out', async (t) => {
  const days = purchaseDays(table)
  const at = summariseAt(days, day0 + 11)
  t.same(at.customerIds, ['A', 'B'], 'C first buys on day 12')
  t.same(Array.from(at.x), [2, 0])
  t.same(Array.from(at.tx), [9, 0])
  t.same(Array.from(at.T), [11, 1])
  t.same(Array.from(at.zbar), [25, 0], 'the mean of the repeat purchases, the first left out')
  t.same(Array.from(at.meanValue), [(17 + 20 + 30) / 3, 7])
  t.same(Array.from(at.row), [0, 1])

  const earlier = summariseAt(days, day0 + 5)
  t.same(earlier.customerIds, ['A'])
  t.same([earlier.x[0], earlier.tx[0], earlier.T[0], earlier.zbar[0]], [1, 4, 5, 20], 'purchases from the end on are not seen')
  const later = purchasesBetween(days, earlier, day0 + 5, day0 + 20)
  t.same([Array.from(later.purchases), Array.from(later.revenue)], [[1], [30]])
})
