// Above a sample size the value models are fitted on a seeded sample of customers (10M customers:
// the --value-fit-sample option); at or below it on every customer, as before.
import t from 'tap'
import { historyToFit } from '../../../trainer/value/index.js'
import type { CalibrationSummary } from '../../../trainer/value/purchase-days.js'

const n = 50
const column = (f: (i: number) => number): Float64Array => Float64Array.from({ length: n }, (_, i) => f(i))
const summary: CalibrationSummary = {
  customerIds: Array.from({ length: n }, (_, i) => String(i)),
  x: column((i) => i % 5),
  tx: column((i) => i * 2),
  T: column((i) => 100 + i),
  zbar: column((i) => (i % 5 === 0 ? 0 : 10 + i)),
  meanValue: column((i) => i),
  row: Int32Array.from({ length: n }, (_, i) => i)
}

t.test('at or below the sample size the summary itself', async (t) => {
  t.equal(historyToFit(summary, n), summary)
})

t.test('above it a sample: whole customers, distinct, the same every time', async (t) => {
  const fit = historyToFit(summary, 20)
  t.equal(fit.x.length, 20)
  const customers = Array.from(fit.T, (T) => T - 100)
  t.equal(new Set(customers).size, 20)
  customers.forEach((i, s) => {
    t.equal(fit.x[s], summary.x[i])
    t.equal(fit.tx[s], summary.tx[i])
    t.equal(fit.zbar[s], summary.zbar[i])
  })
  t.strictSame(historyToFit(summary, 20), fit)
})
