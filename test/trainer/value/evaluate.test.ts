import t from 'tap'
import { DAY_MS } from '../../../trainer/rfm.js'
import { evaluateValue } from '../../../trainer/value/evaluate.js'
import type { PurchaseDays } from '../../../trainer/value/purchase-days.js'
import { seededRandom } from './simulate.js'

/** Customers buying on random days at their own rate, some stopping for good. */
function simulatedDays (customers: number, days: number, seed: number): PurchaseDays {
  const random = seededRandom(seed)
  const ids: string[] = []
  const offsets = [0]
  const day: number[] = []
  const value: number[] = []
  for (let c = 0; c < customers; c++) {
    ids.push(String(10000 + c))
    const rate = 0.002 + random() * 0.05
    const first = Math.floor(random() * days * 0.8)
    const stop = random() < 0.4 ? first + Math.floor(random() * days) : Infinity
    const spend = 10 + random() * 200
    for (let d = first; d < days && d < stop; d++) {
      if (d === first || random() < rate) { day.push(d); value.push(spend * (0.5 + random())) }
    }
    offsets.push(day.length)
  }
  return { customerIds: ids, offsets: Int32Array.from(offsets), day: Int32Array.from(day), value: Float64Array.from(value) }
}

t.test('scores model and naive baseline on the same customers, over the last H days', async (t) => {
  const days = simulatedDays(1500, 500, 4)
  const run = evaluateValue(days, 500, 90)
  t.ok(run !== null)
  const e = run!.evaluation
  t.equal(e.cutoff, new Date(410 * DAY_MS).toISOString())
  t.equal(e.horizonDays, 90)
  const known = Array.from({ length: 1500 }, (_, c) => days.offsets[c + 1] > days.offsets[c] && days.day[days.offsets[c]] < 410).filter(Boolean).length
  t.equal(e.customers, known, 'every customer seen before the cutoff')
  let actual = 0
  for (let k = 0; k < days.day.length; k++) if (days.day[k] >= 410) actual++
  // customers first seen in the test period are not predicted, so their purchases are not counted
  t.ok(e.purchases.model.actualTotal <= actual && e.purchases.model.actualTotal === e.purchases.naive.actualTotal)
  t.equal(e.calibration.model.reduce((s, b) => s + b.customers, 0), e.customers)
  t.equal(e.beatsNaive.purchasesRmse, e.purchases.model.rmse < e.purchases.naive.rmse)
  t.ok(e.purchases.model.rmse < e.purchases.naive.rmse, 'on dropout data the model wins on RMSE')
  t.throws(() => evaluateValue(days, 500, 0), { code: 'ERR_USAGE' })
})
