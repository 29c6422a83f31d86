// An export directory read back (files.ts → build.ts) gives exactly the aggregates the JS
// aggregator built from the real rows: the typed columns and the hand-split records change
// nothing. Runs without PostgreSQL (the engine's own export: ./aggregates.test.ts).
import t from 'tap'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { TransactionAggregates } from '../../../../trainer/aggregates/contract.js'
import { RELATION_COLUMNS } from '../../../../trainer/aggregates/sql/build.js'
import { readAggregatesDirectory } from '../../../../trainer/aggregates/sql/files.js'
import { loadAggregates } from '../../../../trainer/read/load-aggregates.js'
import { ONLINE_RETAIL_CSV } from '../../../helpers/postgres.js'

const field = (value: string | number): string => typeof value === 'string' && /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : String(value)
const csv = (header: readonly string[], rows: Array<Array<string | number>>): string => [header.join(','), ...rows.map((row) => row.map(field).join(','))].join('\n') + '\n'

/** The relations of `a` as a warehouse would export them, customers in reverse order (the order must not matter). */
function relations (a: TransactionAggregates): Record<string, string> {
  const customers: Array<Array<string | number>> = []
  const days: Array<Array<string | number>> = []
  const pairs: Array<Array<string | number>> = []
  for (let c = a.customerIds.length - 1; c >= 0; c--) {
    const id = a.customerIds[c]
    customers.push([id, a.customers.invoices[c], a.customers.monetaryMicros[c], a.customers.firstAt[c], a.customers.lastAt[c]])
    for (let d = a.days.offsets[c]; d < a.days.offsets[c + 1]; d++) days.push([id, a.days.day[d], a.days.valueMicros[d]])
    const p = a.pairs
    for (let e = p.rowOffsets[c]; e < p.rowOffsets[c + 1]; e++) pairs.push([id, a.productCodes[p.product[e]], p.quantity[e], p.lines[e], p.firstAt[e], p.lastAt[e]])
  }
  const descriptions = a.descriptionCounts.flatMap((counts, p) => [...counts].map(([text, lines]) => [a.productCodes[p], text, lines]))
  const countries = a.countries.map((name, k) => [name, a.countryTotals.lines[k], a.countryTotals.invoices[k], a.countryTotals.customers[k], a.countryTotals.revenueMicros[k]])
  return {
    // a header in another order than RELATION_COLUMNS', with a BOM: columns are found by name
    'cleaning.csv': '\ufeff' + csv([...RELATION_COLUMNS.cleaning].reverse(), [[a.lastInvoiceAt, a.firstInvoiceAt, a.invoices, a.rows, 0, 0, 0, 0, 0, a.rows]]),
    'customers.csv': csv(RELATION_COLUMNS.customers, customers),
    'customer_days.csv': csv(RELATION_COLUMNS.customer_days, days),
    'pairs.csv': csv(RELATION_COLUMNS.pairs, pairs),
    'descriptions.csv': csv(RELATION_COLUMNS.descriptions, descriptions),
    'countries.csv': csv(RELATION_COLUMNS.countries, countries)
  }
}

t.test('the real aggregates exported and read back are the same aggregates', async (t) => {
  const { aggregates } = await loadAggregates({ input: ONLINE_RETAIL_CSV })
  const dir = t.testdir()
  for (const [name, text] of Object.entries(relations(aggregates))) {
    // pairs gzipped: both kinds of file go through the same reader
    if (name === 'pairs.csv') await writeFile(path.join(dir, 'pairs.csv.gz'), gzipSync(text))
    else await writeFile(path.join(dir, name), text)
  }
  const built = await readAggregatesDirectory(dir)
  t.strictSame(built.aggregates, aggregates)
  t.equal(built.rowsRead, aggregates.rows)
})

t.test('a record no parser can read names its file', async (t) => {
  const dir = t.testdir({
    'cleaning.csv': RELATION_COLUMNS.cleaning.join(',') + '\n1,0,0,0,0,0,1,1,0,0\n',
    'customers.csv': RELATION_COLUMNS.customers.join(',') + '\n"12346,1,1,0,0\n'
  })
  await t.rejects(readAggregatesDirectory(dir), { code: 'ERR_INPUT_UNREADABLE', message: /cannot read .*customers\.csv/ })
})
