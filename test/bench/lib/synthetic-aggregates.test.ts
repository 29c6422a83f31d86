// bench:generate-aggregates' relations: the trainer reads them back (--input DIR), with the counts
// asked for, at most the cap of pairs a customer, each clone buying one copy of the catalogue and
// keeping a real customer's money and dates.
import t from 'tap'
import path from 'node:path'
import { keptPairs, writeSyntheticAggregates } from '../../../bench/lib/synthetic-aggregates.js'
import { readAggregatesDirectory } from '../../../trainer/aggregates/sql/files.js'
import { loadAggregates } from '../../../trainer/read/load-aggregates.js'
import { seededRandom } from '../../../lib/seeded-random.js'
import { ONLINE_RETAIL_CSV } from '../../helpers/postgres.js'

const { aggregates: real } = await loadAggregates({ input: ONLINE_RETAIL_CSV })

t.test('2,000 clones over 2 copies of the catalogue, ≤ 5 products each, read back by the trainer', async (t) => {
  const dir = path.join(t.testdir(), 'agg')
  const options = { customers: 2000, products: real.productCodes.length + 1, maxProductsPerCustomer: 5, seed: 7 }
  const summary = await writeSyntheticAggregates(real, dir, options)
  t.equal(summary.catalogueCopies, 2)
  const { aggregates: grown } = await readAggregatesDirectory(dir)
  t.equal(grown.customerIds.length, 2000)
  t.equal(grown.pairs.product.length, summary.pairs)
  t.equal(grown.productCodes.length, summary.products)
  t.equal(grown.rows, summary.rowsKept)
  const monetary = new Set(real.customers.monetaryMicros)
  let copies = 0
  for (let c = 0; c < 2000; c++) {
    const n = grown.pairs.rowOffsets[c + 1] - grown.pairs.rowOffsets[c]
    if (n < 1 || n > 5) t.fail(`customer ${grown.customerIds[c]} has ${n} pairs`)
    if (!monetary.has(grown.customers.monetaryMicros[c])) t.fail(`customer ${grown.customerIds[c]}'s money is no real customer's`)
    const codes = Array.from(grown.pairs.product.subarray(grown.pairs.rowOffsets[c], grown.pairs.rowOffsets[c + 1]), (p) => grown.productCodes[p])
    if (codes.some((code) => code.endsWith('~1'))) copies++
  }
  t.ok(copies > 900 && copies <= 1000, `${copies} clones bought copy 1 (the odd ones)`)
  t.strictSame(await writeSyntheticAggregates(real, dir, options), summary, 'the same seed, the same relations')
})

t.test('keptPairs: all under the cap, else that many distinct entries of the customer, ascending', async (t) => {
  const random = seededRandom(1)
  const c = Array.from(real.customerIds.keys()).find((i) => real.pairs.rowOffsets[i + 1] - real.pairs.rowOffsets[i] > 20) as number
  const start = real.pairs.rowOffsets[c]
  const end = real.pairs.rowOffsets[c + 1]
  t.same([...keptPairs(real, c, end - start, random)], Array.from({ length: end - start }, (_, i) => start + i))
  const kept = [...keptPairs(real, c, 10, random)]
  t.equal(new Set(kept).size, 10)
  t.ok(kept.every((e, i) => e >= start && e < end && (i === 0 || kept[i - 1] < e)))
})
