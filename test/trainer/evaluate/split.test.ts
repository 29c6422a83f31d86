import t from 'tap'
import { DAY_MS } from '../../../trainer/rfm.js'
import { selectRows, splitChronologically } from '../../../trainer/evaluate/split.js'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { DAY0, HAND_CUTOFF, handTable, randomLog } from './fixtures.js'

t.test('default cutoff: the last 90 days (× 24 h) of the data are the test period', async (t) => {
  const table = randomLog(1)
  let last = -Infinity
  for (let r = 0; r < table.length; r++) last = Math.max(last, table.invoiceDate[r])
  t.equal(splitChronologically(table).cutoff, last - 90 * DAY_MS)
  t.equal(splitChronologically(table, { evaluationDays: 30 }).cutoff, last - 30 * DAY_MS)
  t.equal(splitChronologically(table, { cutoff: new Date(DAY0 + 100 * DAY_MS), evaluationDays: 30 }).cutoff, DAY0 + 100 * DAY_MS, 'an explicit cutoff wins')
})

t.test('no test-period row in the train table; every row on exactly one side', async (t) => {
  for (const seed of [1, 2, 3]) {
    const table = randomLog(seed)
    const split = splitChronologically(table)
    let before = 0
    for (let r = 0; r < table.length; r++) if (table.invoiceDate[r] < split.cutoff) before++
    t.equal(split.trainRows, before, `seed ${seed}: train rows = rows before the cutoff`)
    t.equal(split.train.rows, before, 'the train aggregates are over those rows')
    t.equal(split.trainRows + split.testRows, table.length, 'train + test = all rows')
    t.ok(split.train.lastInvoiceAt < split.cutoff, 'no train row at or after the cutoff')
  }
})

t.test('the train aggregates are those of the rows before the cutoff, made by the pipeline\'s aggregator', async (t) => {
  const table = handTable()
  const { train } = splitChronologically(table, { cutoff: HAND_CUTOFF })
  t.same(train.customerIds, ['u1', 'u2', 'u3', 'u4', 'u5'], 'u6 bought only after the cutoff')
  t.same(train.productCodes, ['KA', 'KB', 'KC', 'KD', 'KE', 'POST'], 'KX appears only after the cutoff')
  const before = Array.from({ length: 11 }, (_, r) => r) // the first 11 rows are all before day 10
  t.same(train, aggregateTable(selectRows(table, before)))
  t.equal(train.rows, 11)
  t.same([...(train.descriptionCounts[train.productCodes.indexOf('KC')]?.keys() ?? [])], ['gamma'], 'descriptions follow their product')
  t.equal(train.descriptionCounts.length, train.productCodes.length)
})

t.test('test purchases: per customer, distinct recommendable products from the cutoff on', async (t) => {
  const split = splitChronologically(handTable(), { cutoff: HAND_CUTOFF })
  t.same(Object.fromEntries(split.testPurchases), { u1: ['KA', 'KD', 'KX'], u2: ['KA'], u4: ['KB'], u5: ['KE'], u6: ['KA'] }, 'postage is no purchase to predict')
  t.equal(split.testRows, 8)
  t.equal(split.descriptions.get('KX'), 'xi', 'products new in the test period keep their description')
  const custom = splitChronologically(handTable(), { cutoff: HAND_CUTOFF, nonProductRule: { codes: ['KB'], prefixes: [] } })
  t.same(custom.testPurchases.get('u4'), ['POST'], 'the non-product rule decides')
})

t.test('a cutoff that leaves a side empty is a usage error', async (t) => {
  const table = handTable()
  t.throws(() => splitChronologically(table, { cutoff: new Date(DAY0) }), { code: 'ERR_USAGE' }, 'nothing before')
  t.throws(() => splitChronologically(table, { cutoff: new Date(DAY0 + 100 * DAY_MS) }), { code: 'ERR_USAGE' }, 'nothing after')
  t.throws(() => splitChronologically(table, { cutoff: new Date('not a date') }), { code: 'ERR_USAGE' })
  t.throws(() => splitChronologically(table, { evaluationDays: 0 }), { code: 'ERR_USAGE' })
})
