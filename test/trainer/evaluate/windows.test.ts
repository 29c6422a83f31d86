import t from 'tap'
import { prepareEvaluation } from '../../../trainer/evaluate/evaluate.js'
import { prepareWindows, resolveWindows, rowsBefore } from '../../../trainer/evaluate/windows.js'
import { DAY_MS } from '../../../trainer/rfm.js'
import { tableFromRows } from '../../../trainer/transactions.js'
import { DAY0, purchase, randomLog } from './fixtures.js'

/**
 * Days 0 … 200 (last invoice day 200): test window from day 110, validation window days 20 … 109.
 * u1: KA day 5 · KB day 30 (validation) · KC day 150 (test)
 * u2: KA day 10 · KC day 50 (validation) · KB day 120 (test)
 * u3: KB day 15 · KA day 100 (validation)
 * u4: KC day 60 (first purchase in the validation window) · KA day 200 (test)
 */
function windowTable (): ReturnType<typeof tableFromRows> {
  return tableFromRows([
    purchase('u1', 'KA', 5), purchase('u2', 'KA', 10), purchase('u3', 'KB', 15),
    purchase('u1', 'KB', 30), purchase('u2', 'KC', 50), purchase('u4', 'KC', 60), purchase('u3', 'KA', 100),
    purchase('u2', 'KB', 120), purchase('u1', 'KC', 150), purchase('u4', 'KA', 200)
  ])
}

t.test('the test window is the last 90 days; validation the 90 before it', async (t) => {
  const windows = resolveWindows(windowTable())
  t.equal(windows.testCutoff, DAY0 + 110 * DAY_MS)
  t.equal(windows.validationCutoff, DAY0 + 20 * DAY_MS)
  const other = resolveWindows(windowTable(), { testDays: 30, validationDays: 60 })
  t.same(other, { testCutoff: DAY0 + 170 * DAY_MS, validationCutoff: DAY0 + 110 * DAY_MS })
})

t.test('validation: trained on what precedes it, scored on its own 90 days, blind to the test window', async (t) => {
  const table = windowTable()
  const { windows, validation, test } = prepareWindows(table)
  t.equal(validation.split.cutoff, windows.validationCutoff)
  t.same(validation.split.train.customerIds, ['u1', 'u2', 'u3'], 'the rows before day 20')
  t.equal(validation.split.trainRows, 3)
  t.same([...validation.split.testPurchases], [['u1', ['KB']], ['u2', ['KC']], ['u4', ['KC']], ['u3', ['KA']]],
    'validation-window purchases only (nothing from day 110 on)')
  t.same(validation.cases.map((c) => [c.customerId, c.relevantCodes]), [['u1', ['KB']], ['u2', ['KC']], ['u3', ['KA']]],
    'u4 had no history before the validation window')
  t.equal(validation.setup.trainRows + validation.setup.testRows, 7, 'the test window\'s 3 rows are in neither part')

  t.equal(test.split.cutoff, windows.testCutoff)
  t.equal(test.split.trainRows, 7, 'the test model learns from everything before day 110, the validation window included')
  t.same(test.cases.map((c) => [c.customerId, c.relevantCodes]), [['u2', ['KB']], ['u1', ['KC']], ['u4', ['KA']]])
})

t.test('the test context is the usual evaluation\'s (last 90 days)', async (t) => {
  for (const seed of [1, 2]) {
    const table = randomLog(seed)
    const { test, validation, windows } = prepareWindows(table)
    const usual = prepareEvaluation(table)
    t.equal(test.split.cutoff, usual.split.cutoff)
    t.same(test.cases, usual.cases, `seed ${seed}: the same customers and relevant products`)
    t.same({ ...test.setup, evaluationDays: 90 }, usual.setup, 'the same setup (the explicit cutoff leaves evaluationDays null)')
    t.ok(validation.split.train.lastInvoiceAt < windows.validationCutoff, 'no validation training row at or after the validation cutoff')
    const before = rowsBefore(table, windows.testCutoff)
    t.equal(validation.setup.trainRows + validation.setup.testRows, before.length, 'validation sees exactly the rows before the test window')
  }
})

t.test('too short a log, or a bad length, is a usage error', async (t) => {
  const short = tableFromRows([purchase('u1', 'KA', 0), purchase('u1', 'KB', 100)])
  t.throws(() => resolveWindows(short), { code: 'ERR_USAGE', message: /no row before the validation window/ })
  t.doesNotThrow(() => resolveWindows(short, { testDays: 30, validationDays: 30 }))
  for (const bad of [{ testDays: 0 }, { validationDays: 1.5 }, { testDays: -3 }]) {
    t.throws(() => resolveWindows(windowTable(), bad), { code: 'ERR_USAGE' }, JSON.stringify(bad))
  }
})
