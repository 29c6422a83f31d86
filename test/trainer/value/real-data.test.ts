// The value models on the shop's data (issue 11): Online Retail's dropout is degenerate — the
// unbounded fit walks to "nobody drops out" — and is flagged; Online Retail II's is estimated;
// on both the purchase predictions beat the naive baseline on RMSE and correlation.
import t from 'tap'
import path from 'node:path'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { loadAggregates } from '../../../trainer/read/load-aggregates.js'
import { computeRfm } from '../../../trainer/rfm.js'
import { fitBgNbd } from '../../../trainer/value/bgnbd.js'
import { buildCustomerValues } from '../../../trainer/value/index.js'
import { dayOf, purchaseDays, summariseAt } from '../../../trainer/value/purchase-days.js'
import { skipWithout } from '../../helpers/system-tools.js'

const ONLINE_RETAIL = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')
const ONLINE_RETAIL_II = path.join(PROJECT_ROOT, '..', 'shared', 'data', 'online_retail_ii.csv.gz')

async function valuesOf (input: string) {
  const { aggregates } = await loadAggregates({ input, maxMalformedShare: 0.01 })
  const rfm = computeRfm(aggregates)
  const built = buildCustomerValues(aggregates, rfm, aggregates.customerIds, { valueHorizonDays: 90, evaluate: true })
  return { aggregates, rfm, built: built! }
}

t.test('Online Retail: dropout degenerate, flagged, no P(alive) served; purchases beat naive', async (t) => {
  const { aggregates, rfm, built } = await valuesOf(ONLINE_RETAIL)
  t.equal(built.report.dropout, 'degenerate')
  t.ok(built.report.likelihoodRatio < 3.84, `LR ${built.report.likelihoodRatio}`)
  t.equal(built.columns.pAlive, null)
  t.equal(built.report.purchaseModel, 'nbd')
  t.equal(built.columns.expectedPurchases.length, 4338)
  // what the bounds stop: unbounded, the calibration part's fit drifts to a ≈ 0, b → ∞
  const calibration = summariseAt(purchaseDays(aggregates), dayOf(rfm.snapshot.getTime()) - 90)
  const drift = fitBgNbd(calibration).parameters
  t.ok(drift.a < 1e-4 && drift.b > 1e4, `unbounded a ${drift.a}, b ${drift.b}`)
  const e = built.report.evaluation!
  t.equal(e.dropout, 'degenerate')
  t.ok(e.beatsNaive.purchasesRmse && e.beatsNaive.purchasesCorrelation, 'purchases: better than naive on RMSE and correlation')
})

t.test('Online Retail II: dropout estimated; purchases beat naive', { skip: skipWithout(ONLINE_RETAIL_II, "the project's shared data beside the clone: ../shared/data") }, async (t) => {
  const { built } = await valuesOf(ONLINE_RETAIL_II)
  t.equal(built.report.dropout, 'estimated')
  t.equal(built.report.purchaseModel, 'bg-nbd')
  const pAlive = built.columns.pAlive!
  t.equal(pAlive.length, 5878)
  t.ok(pAlive.filter((p) => p < 0.8).length > pAlive.length / 10, 'a real spread: more than a tenth of the customers below 0.8 (measured: the 10th percentile is 0.73)')
  const e = built.report.evaluation!
  t.ok(e.beatsNaive.purchasesRmse && e.beatsNaive.purchasesCorrelation, 'purchases: better than naive on RMSE and correlation')
})
