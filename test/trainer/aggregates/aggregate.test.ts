import t from 'tap'
import { aggregateRows, aggregateTable, TransactionAggregator } from '../../../trainer/aggregates/aggregate.js'
import { fromMicros, lineAmountMicros, type TransactionAggregates } from '../../../trainer/aggregates/contract.js'
import { tableFromRows, type TransactionRow } from '../../../trainer/transactions.js'
import { seededRandom } from '../../../lib/seeded-random.js'

const DAY = 86_400_000
const T0 = Date.UTC(2011, 0, 4, 10, 0)

function row (customerId: string, invoice: string, stockCode: string, quantity: number, unitPrice: number, invoiceDate: number, country = 'United Kingdom', description = 'X'): TransactionRow {
  return { customerId, invoice, stockCode, quantity, unitPrice, invoiceDate, country, description }
}

/** The aggregates as plain data, for deep comparison (typed arrays and maps as arrays). */
function plain (a: TransactionAggregates): unknown {
  const arrays = (o: object): unknown => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]))
  return {
    ...a,
    customers: arrays(a.customers),
    days: arrays(a.days),
    pairs: arrays(a.pairs),
    countryTotals: arrays(a.countryTotals),
    descriptionCounts: a.descriptionCounts.map((counts) => [...counts])
  }
}

function randomRows (next: () => number, n: number, ids = { customers: 30, products: 40, invoices: 80, countries: 4 }): TransactionRow[] {
  const pick = (prefix: string, k: number): string => `${prefix}${Math.floor(next() * k)}`
  return Array.from({ length: n }, () => {
    const invoice = pick('5', ids.invoices)
    return {
      invoice,
      stockCode: next() < 0.1 ? ` ${pick('p', ids.products).toLowerCase()} ` : pick('P', ids.products),
      description: next() < 0.2 ? '' : `  ${pick('D', 3)} `,
      quantity: Math.floor(next() * 20) + 1,
      invoiceDate: T0 + Math.floor(next() * 400) * DAY + Math.floor(next() * 24) * 3_600_000,
      unitPrice: Math.round(next() * 10000) / 1000,
      customerId: pick('1', ids.customers),
      country: pick('K', ids.countries)
    }
  })
}

function shuffled<T> (items: readonly T[], next: () => number): T[] {
  const out = items.slice()
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    const tmp = out[i]
    out[i] = out[j]
    out[j] = tmp
  }
  return out
}

/** The contract's relations computed the obvious way, with Maps and Sets over the rows. */
function reference (rows: readonly TransactionRow[]): unknown {
  const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
  const customerIds = [...new Set(rows.map((r) => r.customerId))].sort(byCode)
  const productCodes = [...new Set(rows.map((r) => r.stockCode.trim().toUpperCase()))].sort(byCode)
  const countries = [...new Set(rows.map((r) => r.country))].sort(byCode)
  const customers = { invoices: [] as number[], monetaryMicros: [] as number[], firstAt: [] as number[], lastAt: [] as number[] }
  const days = { offsets: [0], day: [] as number[], valueMicros: [] as number[] }
  const pairs = { rowOffsets: [0], product: [] as number[], quantity: [] as number[], lines: [] as number[], firstAt: [] as number[], lastAt: [] as number[] }
  for (const id of customerIds) {
    const mine = rows.filter((r) => r.customerId === id)
    customers.invoices.push(new Set(mine.map((r) => r.invoice)).size)
    customers.monetaryMicros.push(mine.reduce((s, r) => s + lineAmountMicros(r.quantity, r.unitPrice), 0))
    customers.firstAt.push(Math.min(...mine.map((r) => r.invoiceDate)))
    customers.lastAt.push(Math.max(...mine.map((r) => r.invoiceDate)))
    const dayValues = new Map<number, number>()
    for (const r of mine) {
      const d = Math.floor(r.invoiceDate / DAY)
      dayValues.set(d, (dayValues.get(d) ?? 0) + lineAmountMicros(r.quantity, r.unitPrice))
    }
    for (const [d, v] of [...dayValues].sort((a, b) => a[0] - b[0])) {
      days.day.push(d)
      days.valueMicros.push(v)
    }
    days.offsets.push(days.day.length)
    productCodes.forEach((code, p) => {
      const lines = mine.filter((r) => r.stockCode.trim().toUpperCase() === code)
      if (lines.length === 0) return
      pairs.product.push(p)
      pairs.quantity.push(lines.reduce((s, r) => s + r.quantity, 0))
      pairs.lines.push(lines.length)
      pairs.firstAt.push(Math.min(...lines.map((r) => r.invoiceDate)))
      pairs.lastAt.push(Math.max(...lines.map((r) => r.invoiceDate)))
    })
    pairs.rowOffsets.push(pairs.product.length)
  }
  const descriptionCounts = productCodes.map((code) => {
    const counts = new Map<string, number>()
    for (const r of rows) {
      const d = r.description.trim()
      if (d && r.stockCode.trim().toUpperCase() === code) counts.set(d, (counts.get(d) ?? 0) + 1)
    }
    return [...counts].sort((a, b) => byCode(a[0], b[0]))
  })
  const countryTotals = { lines: [] as number[], invoices: [] as number[], customers: [] as number[], revenueMicros: [] as number[] }
  for (const name of countries) {
    const mine = rows.filter((r) => r.country === name)
    countryTotals.lines.push(mine.length)
    countryTotals.invoices.push(new Set(mine.map((r) => r.invoice)).size)
    countryTotals.customers.push(new Set(mine.map((r) => r.customerId)).size)
    countryTotals.revenueMicros.push(mine.reduce((s, r) => s + lineAmountMicros(r.quantity, r.unitPrice), 0))
  }
  return {
    customerIds,
    productCodes,
    countries,
    customers,
    days,
    pairs,
    descriptionCounts,
    countryTotals,
    rows: rows.length,
    invoices: new Set(rows.map((r) => r.invoice)).size,
    firstInvoiceAt: Math.min(...rows.map((r) => r.invoiceDate)),
    lastInvoiceAt: Math.max(...rows.map((r) => r.invoiceDate))
  }
}

t.test('a small log, aggregated by hand', async (t) => {
  const a = aggregateRows([
    row('B', '2', 'p1', 2, 1.25, T0 + 2 * DAY, 'France', 'Mug'),
    row('A', '1', '85123A', 3, 0.1, T0, 'United Kingdom', ' Heart '),
    row('A', '1', '85123a ', 1, 0.2, T0 + 3600_000, 'United Kingdom', 'Heart holder'),
    row('A', '3', 'POST', 1, 18, T0 + DAY, 'United Kingdom', ''),
    row('B', '2', 'P1', 1, 1.25, T0 + 2 * DAY, 'France', 'Mug'),
    row('C', '3', 'P1', 4, 2, T0 + DAY, 'France', 'Mug') // an invoice shared by two customers and two countries
  ])
  t.same(a.customerIds, ['A', 'B', 'C'])
  t.same(a.productCodes, ['85123A', 'P1', 'POST'])
  t.same(a.countries, ['France', 'United Kingdom'])
  t.same(Array.from(a.customers.invoices), [2, 1, 1])
  t.same(Array.from(a.customers.monetaryMicros), [18_500_000, 3_750_000, 8_000_000])
  t.same(Array.from(a.customers.firstAt), [T0, T0 + 2 * DAY, T0 + DAY])
  t.same(Array.from(a.customers.lastAt), [T0 + DAY, T0 + 2 * DAY, T0 + DAY])
  const d0 = Math.floor(T0 / DAY)
  t.same(Array.from(a.days.offsets), [0, 2, 3, 4])
  t.same(Array.from(a.days.day), [d0, d0 + 1, d0 + 2, d0 + 1])
  t.same(Array.from(a.days.valueMicros), [500_000, 18_000_000, 3_750_000, 8_000_000])
  t.same(Array.from(a.pairs.rowOffsets), [0, 2, 3, 4])
  t.same(Array.from(a.pairs.product), [0, 2, 1, 1])
  t.same(Array.from(a.pairs.quantity), [4, 1, 3, 4])
  t.same(Array.from(a.pairs.lines), [2, 1, 2, 1])
  t.same(Array.from(a.pairs.firstAt), [T0, T0 + DAY, T0 + 2 * DAY, T0 + DAY])
  t.same(Array.from(a.pairs.lastAt), [T0 + 3600_000, T0 + DAY, T0 + 2 * DAY, T0 + DAY])
  t.same(a.descriptionCounts.map((m) => [...m]), [[['Heart', 1], ['Heart holder', 1]], [['Mug', 3]], []])
  t.same(Array.from(a.countryTotals.lines), [3, 3])
  t.same(Array.from(a.countryTotals.invoices), [2, 2])
  t.same(Array.from(a.countryTotals.customers), [2, 1])
  t.same(Array.from(a.countryTotals.revenueMicros), [11_750_000, 18_500_000])
  t.equal(a.rows, 6)
  t.equal(a.invoices, 3)
  t.equal(a.firstInvoiceAt, T0)
  t.equal(a.lastInvoiceAt, T0 + 2 * DAY)
})

t.test('random logs: the relations are those a group-by over the rows gives', async (t) => {
  const next = seededRandom(7)
  for (let trial = 0; trial < 5; trial++) {
    const rows = randomRows(next, 400)
    t.same(plain(aggregateRows(rows)), reference(rows), `trial ${trial}`)
  }
})

t.test('order-independent: shuffled rows give identical aggregates', async (t) => {
  const next = seededRandom(11)
  const rows = randomRows(next, 3000, { customers: 200, products: 300, invoices: 600, countries: 6 })
  const expected = plain(aggregateRows(rows))
  for (let trial = 0; trial < 3; trial++) t.same(plain(aggregateRows(shuffled(rows, next))), expected, `shuffle ${trial}`)
})

t.test('tables of consecutive segments, folded in one after another, give the aggregates of all the rows', async (t) => {
  const next = seededRandom(5)
  const rows = randomRows(next, 2000, { customers: 100, products: 150, invoices: 300, countries: 5 })
  const expected = plain(aggregateRows(rows))
  t.same(plain(aggregateTable(tableFromRows(rows))), expected, 'one table')
  const aggregator = new TransactionAggregator()
  for (let start = 0; start < rows.length; start += 317) aggregator.addTable(tableFromRows(rows.slice(start, start + 317)))
  t.same(plain(aggregator.finish()), expected, 'segments of 317 rows')
  t.throws(() => aggregator.finish(), /twice/)
})

t.test('money is summed exactly, in micros: no float tail, whatever the order', async (t) => {
  const rows: TransactionRow[] = []
  for (let i = 0; i < 1000; i++) rows.push(row('A', `${i}`, 'P', 1, 0.1, T0 + i * 60_000))
  rows.push(row('A', 'x', 'P', 3, 2.675, T0))
  const a = aggregateRows(rows)
  t.equal(a.customers.monetaryMicros[0], 108_025_000)
  t.equal(fromMicros(a.customers.monetaryMicros[0]), 108.025)
  let float = 0
  for (const r of rows) float += r.quantity * r.unitPrice
  t.not(float, 108.025, 'the float sum has a tail the exact sum has not')
  t.equal(fromMicros(aggregateRows(rows.slice().reverse()).customers.monetaryMicros[0]), 108.025)
  t.equal(a.countryTotals.revenueMicros[0], 108_025_000)
  t.equal(a.customers.invoices[0], 1001)
})

t.test('no rows: empty relations', async (t) => {
  const a = aggregateRows([])
  t.same(a.customerIds, [])
  t.same(Array.from(a.pairs.rowOffsets), [0])
  t.same(Array.from(a.days.offsets), [0])
  t.equal(a.rows, 0)
  t.ok(Number.isNaN(a.firstInvoiceAt))
})
