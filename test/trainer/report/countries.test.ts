import t from 'tap'
import { summariseCountries, topCountries, type CountrySummary } from '../../../trainer/report/countries.js'
import { type TransactionRow } from '../../../trainer/transactions.js'
import { aggregateRows, aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { syntheticRows } from './synthetic-input.js'
import { cleanRows } from '../../helpers/trainer-data.js'

function line (invoice: string, customerId: string, country: string, quantity: number, unitPrice: number): TransactionRow {
  return { invoice, stockCode: 'A', description: 'a', quantity, invoiceDate: 0, unitPrice, customerId, country }
}

t.test('summariseCountries: lines, distinct invoices and customers, revenue; by revenue then name', async (t) => {
  const table = aggregateRows([
    line('1', 'c1', 'France', 2, 5),
    line('1', 'c1', 'France', 1, 10),
    line('2', 'c2', 'Germany', 10, 3),
    line('3', 'c1', 'Germany', 1, 1),
    line('4', 'c3', 'Austria', 4, 5),
    line('5', 'c4', 'Belgium', 4, 5)
  ])
  t.same(summariseCountries(table), [
    { country: 'Germany', rows: 2, invoices: 2, customers: 2, revenue: 31, countries: 1 },
    { country: 'Austria', rows: 1, invoices: 1, customers: 1, revenue: 20, countries: 1 },
    { country: 'Belgium', rows: 1, invoices: 1, customers: 1, revenue: 20, countries: 1 },
    { country: 'France', rows: 2, invoices: 1, customers: 1, revenue: 20, countries: 1 }
  ])
})

t.test('an invoice with lines from two countries counts under each', async (t) => {
  const summaries = summariseCountries(aggregateRows([line('1', 'c1', 'France', 1, 2), line('1', 'c1', 'Spain', 1, 1), line('2', 'c1', 'France', 1, 1)]))
  t.same(summaries.map((s) => [s.country, s.invoices, s.customers]), [['France', 2, 1], ['Spain', 1, 1]])
})

t.test('summariseCountries agrees with a naive count on the synthetic shop', async (t) => {
  const { table } = cleanRows(syntheticRows())
  const summaries = summariseCountries(aggregateTable(table))
  for (const s of summaries) {
    const rows = Array.from({ length: table.length }, (_, i) => i).filter(i => table.countries[table.country[i]] === s.country)
    t.equal(s.rows, rows.length, `${s.country} rows`)
    t.equal(s.invoices, new Set(rows.map(i => table.invoice[i])).size, `${s.country} invoices`)
    t.equal(s.customers, new Set(rows.map(i => table.customer[i])).size, `${s.country} customers`)
    t.ok(Math.abs(s.revenue - rows.reduce((sum, i) => sum + table.quantity[i] * table.unitPrice[i], 0)) < 1e-6, `${s.country} revenue`)
  }
  t.equal(summaries.reduce((s, c) => s + c.rows, 0), table.length)
})

t.test('topCountries folds the rest into one Other row, and only when that saves rows', async (t) => {
  const all: CountrySummary[] = Array.from({ length: 14 }, (_, i) => ({ country: `K${i}`, rows: 10 - i * 0.5, invoices: 2, customers: 1, revenue: 100 - i, countries: 1 }))
  const top = topCountries(all, 10)
  t.equal(top.length, 11)
  t.same(top.slice(0, 10), all.slice(0, 10))
  t.same(top[10], { country: 'Other (4 countries)', rows: all.slice(10).reduce((s, c) => s + c.rows, 0), invoices: 8, customers: 4, revenue: 90 + 89 + 88 + 87, countries: 4 })
  t.same(topCountries(all.slice(0, 11), 10), all.slice(0, 11), 'one country left over is shown, not folded')
  t.same(topCountries([], 10), [])
})
