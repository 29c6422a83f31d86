import t from 'tap'
import { calibrationBins, errorMetrics, pearson, ranks } from '../../../trainer/value/metrics.js'

t.test('error metrics', async (t) => {
  const m = errorMetrics([1, 2, 3, 4], [2, 2, 5, 4])
  t.equal(m.mae, 0.75)
  t.equal(m.rmse, Math.sqrt(5 / 4))
  t.equal(m.predictedTotal, 10)
  t.equal(m.actualTotal, 13)
  t.ok(Math.abs((m.pearson ?? 0) - 0.7745966692414834) < 1e-12, 'numpy.corrcoef')
  t.equal(pearson([1, 1, 1], [1, 2, 3]), null, 'a constant side has no correlation')
  t.throws(() => errorMetrics([1], [1, 2]), RangeError)
})

t.test('Spearman: ties share their mean rank', async (t) => {
  t.same(Array.from(ranks([10, 20, 20, 5])), [2, 3.5, 3.5, 1])
  t.equal(errorMetrics([1, 2, 3, 4], [10, 20, 30, 400]).spearman, 1, 'monotone is 1 whatever the scale')
})

t.test('calibration bins: mean predicted against the share who bought', async (t) => {
  const bins = calibrationBins([0.05, 0.15, 0.12, 1, 0.95], [false, true, false, true, true], 10)
  t.equal(bins.length, 10)
  t.same(bins[0], { from: 0, to: 0.1, customers: 1, meanPredicted: 0.05, observed: 0 })
  t.same(bins[1], { from: 0.1, to: 0.2, customers: 2, meanPredicted: 0.135, observed: 0.5 })
  t.same(bins[9], { from: 0.9, to: 1, customers: 2, meanPredicted: 0.975, observed: 1 }, 'P = 1 falls in the last bin')
  t.equal(bins[5].meanPredicted, null)
})
