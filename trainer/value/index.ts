// Pipeline stage: what each known customer is worth next — BG/NBD for how often they will buy
// (or NBD when the data cannot estimate dropout), Gamma-Gamma for how much per purchase — fitted
// at the trainer's snapshot, and optionally evaluated on a chronological split. See README.md here.
import type { CustomerValues, ValueReport } from '../../lib/artifacts/index.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import type { RfmTable } from '../rfm.js'
import { DAY_MS } from '../rfm.js'
import { evaluateValue } from './evaluate.js'
import { DROPOUT_LR_THRESHOLD, fitValueModels, predictValues, type ValueModels } from './models.js'
import { VALUE_OPTIONS, type ValueOptions } from './options.js'
import { defaultsOf } from '../option-table/index.js'
import { dayOf, purchaseDays, summariseAt } from './purchase-days.js'
import { historyToFit } from './fit-sample.js'

export { VALUE_OPTIONS, type ValueOptions } from './options.js'
export { DROPOUT_LR_THRESHOLD, type Dropout } from './models.js'
export { historyToFit } from './fit-sample.js'
export type { ValueEvaluation } from './evaluate.js'

/** What the stage hands to the artifact: values.json's columns (customers.json's order) and the manifest's `value`. */
export interface ValueStageResult {
  columns: CustomerValues
  report: ValueReport
}

const VALUE_DEFAULTS = defaultsOf(VALUE_OPTIONS.rows)

const cents = (v: number): number => Math.round(v * 100) / 100
const places4 = (v: number): number => Math.round(v * 1e4) / 1e4

/**
 * Fits the models on every purchase up to the snapshot and predicts `valueHorizonDays` ahead for
 * each of `customerIds` (every one must be in the aggregates). Null when too few customers bought twice
 * to fit (trainer/value/models.ts, MIN_REPEAT_CUSTOMERS): the version then has no values.
 */
export function buildCustomerValues (aggregates: TransactionAggregates, rfm: RfmTable, customerIds: readonly string[],
  options: Omit<ValueOptions, 'valueFitSample'> & Partial<Pick<ValueOptions, 'valueFitSample'>> & { evaluate: boolean }): ValueStageResult | null {
  const horizonDays = options.valueHorizonDays
  const days = purchaseDays(aggregates)
  // every purchase is before the end: the snapshot's day, or the day after the last invoice when
  // --as-of falls on that day
  const endDay = Math.max(dayOf(rfm.snapshot.getTime()), dayOf(rfm.lastInvoiceAt) + 1)
  const summary = summariseAt(days, endDay)
  const fitSample = options.valueFitSample ?? VALUE_DEFAULTS.valueFitSample
  const models = fitValueModels(historyToFit(summary, fitSample))
  if (models === null) return null
  const predicted = predictValues(models, summary, horizonDays)

  const row = new Map(summary.customerIds.map((id, i) => [id, i]))
  // values.json: 4 decimals for purchases and P(alive), cents for money (revenue from the unrounded factors)
  const columns: CustomerValues = {
    horizonDays,
    dropout: models.dropout,
    expectedPurchases: [],
    pAlive: predicted.pAlive === null ? null : [],
    expectedOrderValue: [],
    expectedRevenue: []
  }
  let totalPurchases = 0
  let totalRevenue = 0
  for (const id of customerIds) {
    const i = row.get(id)
    if (i === undefined) throw new Error(`customer ${id} has no purchase in the aggregates`)
    columns.expectedPurchases.push(places4(predicted.expectedPurchases[i]))
    if (columns.pAlive !== null && predicted.pAlive !== null) columns.pAlive.push(places4(predicted.pAlive[i]))
    columns.expectedOrderValue.push(cents(predicted.expectedOrderValue[i]))
    columns.expectedRevenue.push(cents(predicted.expectedRevenue[i]))
    totalPurchases += predicted.expectedPurchases[i]
    totalRevenue += predicted.expectedRevenue[i]
  }

  const report: ValueReport = {
    ...describeModels(models),
    horizonDays,
    calibrationEnd: new Date(endDay * DAY_MS).toISOString(),
    customers: summary.customerIds.length,
    totals: { expectedPurchases: places4(totalPurchases), expectedRevenue: cents(totalRevenue) }
  }
  if (options.evaluate) report.evaluation = evaluateValue(days, endDay, horizonDays, fitSample)?.evaluation ?? null
  return { columns, report }
}

function describeModels (models: ValueModels): Omit<ValueReport, 'horizonDays' | 'calibrationEnd' | 'customers' | 'totals' | 'evaluation'> {
  const { bgNbd, nbd, gammaGamma } = models
  return {
    repeatCustomers: gammaGamma.customers,
    dropout: models.dropout,
    likelihoodRatio: models.likelihoodRatio,
    likelihoodRatioThreshold: DROPOUT_LR_THRESHOLD,
    purchaseModel: models.dropout === 'estimated' ? 'bg-nbd' : 'nbd',
    bgNbd: { ...bgNbd.parameters, logLikelihood: bgNbd.logLikelihood, atBound: bgNbd.atBound, converged: bgNbd.converged },
    nbd: { ...nbd.parameters, logLikelihood: nbd.logLikelihood },
    gammaGamma: { ...gammaGamma.parameters, logLikelihood: gammaGamma.logLikelihood, atBound: gammaGamma.atBound, converged: gammaGamma.converged },
    frequencySpendCorrelation: models.frequencySpendCorrelation
  }
}
