import t from 'tap'
import { concatTables } from '../../helpers/trainer-data.js'
import { tableFromRows, type TransactionRow, type TransactionTable } from '../../../trainer/transactions.js'
import { seededRandom as random } from '../../../lib/seeded-random.js'

function randomRows (next: () => number, n: number): TransactionRow[] {
  const pick = (prefix: string, k: number): string => `${prefix}${Math.floor(next() * k)}`
  return Array.from({ length: n }, () => ({
    invoice: pick('i', 40),
    stockCode: pick('p', 25),
    description: pick('d', 4),
    quantity: Math.floor(next() * 10) + 1,
    invoiceDate: Math.floor(next() * 1e12),
    unitPrice: Math.round(next() * 1000) / 100,
    customerId: pick('c', 15),
    country: pick('k', 3)
  }))
}

/** The table as plain data, for deep comparison. */
function plain (table: TransactionTable): unknown {
  return {
    ...table,
    customer: [...table.customer],
    product: [...table.product],
    invoice: [...table.invoice],
    country: [...table.country],
    quantity: [...table.quantity],
    unitPrice: [...table.unitPrice],
    invoiceDate: [...table.invoiceDate],
    descriptionCounts: table.descriptionCounts.map((counts) => [...counts])
  }
}

t.test('joining the tables of consecutive pieces gives the table of the whole, dictionaries in first-appearance order', async (t) => {
  const next = random(3)
  for (let trial = 0; trial < 10; trial++) {
    const rows = randomRows(next, 300)
    const cuts = [0, ...Array.from({ length: 4 }, () => Math.floor(next() * rows.length)).sort((a, b) => a - b), rows.length]
    const pieces = cuts.slice(1).map((end, i) => tableFromRows(rows.slice(cuts[i], end)))
    t.same(plain(concatTables(pieces)), plain(tableFromRows(rows)), `trial ${trial}, cuts ${cuts.join(' ')}`)
  }
})

t.test('no tables, or empty ones', async (t) => {
  const empty = concatTables([])
  t.equal(empty.length, 0)
  t.same(empty.customerIds, [])
  const rows = randomRows(random(1), 5)
  t.same(plain(concatTables([tableFromRows([]), tableFromRows(rows), tableFromRows([])])), plain(tableFromRows(rows)))
})
