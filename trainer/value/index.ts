// Pipeline stage: what each known customer is worth next — BG/NBD for how often they will buy
// (or NBD when the data cannot estimate dropout), Gamma-Gamma for how much per purchase — fitted
// at the trainer's snapshot, and optionally evaluated on a chronological split. See README.md here.
import type { TransactionTable } from '../transactions.js'
import type { RfmTable } from '../rfm.js'
import { DAY_MS } from '../rfm.js'
import { evaluateValue, type ValueEvaluation } from './evaluate.js'
import { DROPOUT_LR_THRESHOLD, fitValueModels, predictValues, type Dropout, type ValueModels } from './models.js'
import type { ValueOptions } from './options.js'
import { dayOf, purchaseDays, summariseAt } from './purchase-days.js'

export { VALUE_OPTIONS, type ValueOptions } from './options.js'
export { DROPOUT_LR_THRESHOLD, type Dropout } from './models.js'
export type { ValueEvaluation } from './evaluate.js'

/** values.json: one entry per known customer, in the order of the list given (customers.json's). */
export interface CustomerValueColumns {
  horizonDays: number
  dropout: Dropout
  /** expected purchases (customer-days) in the next horizonDays, 4 decimals */
  expectedPurchases: number[]
  /** P(still active), 4 decimals; null when dropout is degenerate */
  pAlive: number[] | null
  /** Gamma-Gamma's expected value of a purchase, in cents */
  expectedOrderValue: number[]
  /** expected purchases × expected order value (unrounded factors), in cents */
  expectedRevenue: number[]
}

export interface ValueFitReport {
  horizonDays: number
  /** the instant ages are measured to: 00:00 UTC of the day after the data (or of --as-of's day) */
  calibrationEnd: string
  customers: number
  /** customers with a repeat purchase: the Gamma-Gamma's */
  repeatCustomers: number
  dropout: Dropout
  /** 2 · (ln L_BG/NBD − ln L_NBD); dropout is estimated at ≥ likelihoodRatioThreshold (and off the bounds) */
  likelihoodRatio: number
  likelihoodRatioThreshold: number
  /** which model the purchase predictions come from */
  purchaseModel: 'bg-nbd' | 'nbd'
  bgNbd: { r: number, alpha: number, a: number, b: number, logLikelihood: number, atBound: string[], converged: boolean }
  nbd: { r: number, alpha: number, logLikelihood: number }
  gammaGamma: { p: number, q: number, gamma: number, logLikelihood: number, atBound: string[], converged: boolean }
  /** Pearson correlation of repeat purchases and their mean value: the Gamma-Gamma assumes none */
  frequencySpendCorrelation: number | null
  totals: { expectedPurchases: number, expectedRevenue: number }
  /** with --evaluate; null when the part before the test period was too small to fit */
  evaluation?: ValueEvaluation | null
}

export interface CustomerValues {
  columns: CustomerValueColumns
  report: ValueFitReport
}

const cents = (v: number): number => Math.round(v * 100) / 100
const places4 = (v: number): number => Math.round(v * 1e4) / 1e4

/**
 * Fits the models on every purchase up to the snapshot and predicts `valueHorizonDays` ahead for
 * each of `customerIds` (every one must be in the table). Null when too few customers bought twice
 * to fit (trainer/value/models.ts, MIN_REPEAT_CUSTOMERS): the version then has no values.
 */
export function buildCustomerValues (table: TransactionTable, rfm: RfmTable, customerIds: readonly string[],
  options: ValueOptions & { evaluate: boolean }): CustomerValues | null {
  const horizonDays = options.valueHorizonDays
  const days = purchaseDays(table)
  // every purchase is before the end: the snapshot's day, or the day after the last invoice when
  // --as-of falls on that day
  const endDay = Math.max(dayOf(rfm.snapshot.getTime()), dayOf(rfm.lastInvoiceAt) + 1)
  const summary = summariseAt(days, endDay)
  const models = fitValueModels(summary)
  if (models === null) return null
  const predicted = predictValues(models, summary, horizonDays)

  const row = new Map(summary.customerIds.map((id, i) => [id, i]))
  const columns: CustomerValueColumns = {
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
    if (i === undefined) throw new Error(`customer ${id} has no purchase in the transaction table`)
    columns.expectedPurchases.push(places4(predicted.expectedPurchases[i]))
    if (columns.pAlive !== null && predicted.pAlive !== null) columns.pAlive.push(places4(predicted.pAlive[i]))
    columns.expectedOrderValue.push(cents(predicted.expectedOrderValue[i]))
    columns.expectedRevenue.push(cents(predicted.expectedRevenue[i]))
    totalPurchases += predicted.expectedPurchases[i]
    totalRevenue += predicted.expectedRevenue[i]
  }

  const report: ValueFitReport = {
    ...describeModels(models),
    horizonDays,
    calibrationEnd: new Date(endDay * DAY_MS).toISOString(),
    customers: summary.customerIds.length,
    totals: { expectedPurchases: places4(totalPurchases), expectedRevenue: cents(totalRevenue) }
  }
  if (options.evaluate) report.evaluation = evaluateValue(days, endDay, horizonDays)?.evaluation ?? null
  return { columns, report }
}

function describeModels (models: ValueModels): Omit<ValueFitReport, 'horizonDays' | 'calibrationEnd' | 'customers' | 'totals' | 'evaluation'> {
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
