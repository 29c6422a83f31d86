import t from 'tap'
import { fitValueModels, predictValues, MIN_REPEAT_CUSTOMERS } from '../../../trainer/value/models.js'
import { nbdExpectedPurchases } from '../../../trainer/value/nbd.js'
import { simulateCustomers } from './simulate.js'

const withSpend = (data: { x: number[], tx: number[], T: number[] }): { x: number[], tx: number[], T: number[], zbar: number[] } =>
  ({ ...data, zbar: data.x.map((x, i) => (x > 0 ? 20 + ((i * 37) % 50) : 0)) })

t.test('dropout the data show is estimated: P(alive) per customer, BG/NBD predictions', async (t) => {
  const data = withSpend(simulateCustomers({ r: 0.8, alpha: 40, a: 0.6, b: 3 }, 4000, 365, 21))
  const models = fitValueModels(data)!
  t.equal(models.dropout, 'estimated')
  t.ok(models.likelihoodRatio > 3.84, `LR ${models.likelihoodRatio}`)
  const values = predictValues(models, data, 90)
  t.ok(values.pAlive !== null && values.pAlive.every((p) => p >= 0 && p <= 1))
  t.ok(values.expectedRevenue.every((v, i) => Math.abs(v - values.expectedPurchases[i] * values.expectedOrderValue[i]) < 1e-9))
})

t.test('data without dropout: degenerate — no P(alive), the NBD\'s predictions', async (t) => {
  const data = withSpend(simulateCustomers({ r: 0.8, alpha: 40, a: 1e-9, b: 1 }, 4000, 365, 22))
  const models = fitValueModels(data)!
  t.equal(models.dropout, 'degenerate', `LR ${models.likelihoodRatio}, a ${models.bgNbd.parameters.a}, b ${models.bgNbd.parameters.b}`)
  t.ok(models.bgNbd.parameters.a >= 1e-4 && models.bgNbd.parameters.b <= 1e4, 'the bounds held the drift')
  const values = predictValues(models, data, 90)
  t.equal(values.pAlive, null)
  t.equal(values.expectedPurchases[0], nbdExpectedPurchases(models.nbd.parameters, data.x[0], data.T[0], 90))
})

t.test('too few repeat customers to fit: null', async (t) => {
  const few = { x: [1, 0, 0], tx: [3, 0, 0], T: [10, 10, 10], zbar: [5, 0, 0] }
  t.ok(MIN_REPEAT_CUSTOMERS > 1)
  t.equal(fitValueModels(few), null)
})
