// Does the lifetime-value model predict better than extrapolating each customer's past? One
// chronological split: the models are fitted on every purchase before the last H days (the
// horizon, so the test is the prediction the service serves), then each customer known by then
// gets a predicted number of purchases and revenue for those H days, scored against what they did.
//
// The naive baseline: each customer's past repeat-purchase rate, x / T (repeat purchases per day
// of observed life — the rate the BG/NBD shrinks and discounts for dropout; a customer seen for 0
// days gets 0), times H; its revenue is that times the customer's mean order value over all their
// calibration purchases; its P(at least one purchase) is the Poisson 1 − exp(−rate · H).
import { ShopperError } from '../../lib/errors.js'
import { DAY_MS } from '../rfm.js'
import { calibrationBins, errorMetrics, type CalibrationBin, type ErrorMetrics } from './metrics.js'
import { fitValueModels, predictValues, type Dropout, type ValueModels } from './models.js'
import { purchasesBetween, summariseAt, type PurchaseDays } from './purchase-days.js'
import { historyToFit } from './fit-sample.js'

export interface ComparedMetrics {
  model: ErrorMetrics
  naive: ErrorMetrics
}

export interface ValueEvaluation {
  /** the first day of the test period (00:00 UTC); calibration is everything before */
  cutoff: string
  horizonDays: number
  /** customers with a purchase before the cutoff: the ones predicted */
  customers: number
  /** of them, those who bought in the test period */
  customersWhoBought: number
  dropout: Dropout
  likelihoodRatio: number
  purchases: ComparedMetrics
  revenue: ComparedMetrics
  /** P(at least one purchase in the test period) against the share who bought, in 10 bins */
  calibration: { model: CalibrationBin[], naive: CalibrationBin[] }
  /** the target: better than naive on RMSE and on Pearson correlation */
  beatsNaive: {
    purchasesRmse: boolean
    purchasesCorrelation: boolean
    revenueRmse: boolean
    revenueCorrelation: boolean
  }
}

export interface ValueEvaluationRun {
  evaluation: ValueEvaluation
  /** the calibration fit, for a reader who wants its parameters */
  models: ValueModels
}

/**
 * `endDay` is the day after the data (the trainer's calibration end); the test period is
 * [endDay − horizonDays, endDay). Null when the calibration part is too small to fit. `fitSample`:
 * the --value-fit-sample option (default: fit every customer).
 */
export function evaluateValue (days: PurchaseDays, endDay: number, horizonDays: number, fitSample = Infinity): ValueEvaluationRun | null {
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) throw new ShopperError('ERR_USAGE', `value evaluation: horizonDays must be a positive integer, got ${horizonDays}`)
  const cutoffDay = endDay - horizonDays
  const summary = summariseAt(days, cutoffDay)
  // fitted as the served models are (a sample above --value-fit-sample customers), scored on everyone
  const models = fitValueModels(historyToFit(summary, fitSample))
  if (models === null) return null
  const predicted = predictValues(models, summary, horizonDays)
  const actual = purchasesBetween(days, summary, cutoffDay, endDay)

  const n = summary.x.length
  const naivePurchases = new Float64Array(n)
  const naiveRevenue = new Float64Array(n)
  const naiveBuys = new Float64Array(n)
  const bought: boolean[] = new Array(n)
  let customersWhoBought = 0
  for (let i = 0; i < n; i++) {
    const rate = summary.T[i] > 0 ? summary.x[i] / summary.T[i] : 0
    naivePurchases[i] = rate * horizonDays
    naiveRevenue[i] = naivePurchases[i] * summary.meanValue[i]
    naiveBuys[i] = 1 - Math.exp(-rate * horizonDays)
    bought[i] = actual.purchases[i] > 0
    if (bought[i]) customersWhoBought++
  }
  const purchases = { model: errorMetrics(predicted.expectedPurchases, actual.purchases), naive: errorMetrics(naivePurchases, actual.purchases) }
  const revenue = { model: errorMetrics(predicted.expectedRevenue, actual.revenue), naive: errorMetrics(naiveRevenue, actual.revenue) }
  const better = (m: ComparedMetrics, key: 'rmse' | 'pearson'): boolean => key === 'rmse'
    ? m.model.rmse < m.naive.rmse
    : (m.model.pearson ?? -Infinity) > (m.naive.pearson ?? -Infinity)
  return {
    evaluation: {
      cutoff: new Date(cutoffDay * DAY_MS).toISOString(),
      horizonDays,
      customers: n,
      customersWhoBought,
      dropout: models.dropout,
      likelihoodRatio: models.likelihoodRatio,
      purchases,
      revenue,
      calibration: { model: calibrationBins(predicted.probabilityOfPurchase, bought), naive: calibrationBins(naiveBuys, bought) },
      beatsNaive: {
        purchasesRmse: better(purchases, 'rmse'),
        purchasesCorrelation: better(purchases, 'pearson'),
        revenueRmse: better(revenue, 'rmse'),
        revenueCorrelation: better(revenue, 'pearson')
      }
    },
    models
  }
}
