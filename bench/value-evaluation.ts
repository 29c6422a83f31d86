// `node --import tsx bench/value-evaluation.ts [--input FILE …] [--horizon-days 90] [--from bench/out/value-evaluation-….json]`
// The customer-lifetime-value models on the shop's data (issue 11), one data set after another:
//   1. the fit on everything, as the trainer publishes it: BG/NBD bounded and unbounded (what the
//      bounds stop), the NBD, the likelihood ratio and the dropout verdict, Gamma-Gamma;
//   2. the evaluation (trainer/value/evaluate.ts): fitted on everything before the last H days,
//      each customer's purchases and revenue in those H days predicted, against the actual ones
//      and the naive baseline (past repeat rate × H; revenue × own mean order value);
//   3. calibration of P(at least one purchase in the H days), model and naive, in 10 bins.
// Markdown on stdout, progress on stderr, everything in bench/out/value-evaluation-*.json.
import { parseArgs } from 'node:util'
import { markdownTable } from '../lib/markdown.js'
import { loadAggregates } from '../trainer/read/load-aggregates.js'
import { computeRfm } from '../trainer/rfm.js'
import { fitBgNbd } from '../trainer/value/bgnbd.js'
import { evaluateValue, type ValueEvaluation } from '../trainer/value/evaluate.js'
import type { ValueReport } from '../lib/artifacts/index.js'
import { buildCustomerValues } from '../trainer/value/index.js'
import type { ErrorMetrics } from '../trainer/value/metrics.js'
import { dayOf, purchaseDays, summariseAt } from '../trainer/value/purchase-days.js'
import { loadResults, saveResults } from './lib/results-file.js'

const DEFAULT_INPUTS = ['data/online_retail.csv.gz', '../shared/data/online_retail_ii.csv.gz']

const { values: args } = parseArgs({ options: { input: { type: 'string', multiple: true }, 'horizon-days': { type: 'string', default: '90' }, from: { type: 'string' } } })
const inputs = args.input ?? DEFAULT_INPUTS
const horizonDays = Number(args['horizon-days'])
const startedAt = new Date().toISOString()

const num = (v: number | null, digits = 3): string => (v === null ? 'n/a' : v.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }))
const sig = (v: number): string => (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4))

interface DataSetResult {
  input: string
  customers: number
  fit: ValueReport
  /** the unbounded BG/NBD's a and b on all the data and on the evaluation's calibration part */
  unbounded: { all: { a: number, b: number }, calibration: { a: number, b: number } }
  evaluation: ValueEvaluation | null
  ms: number
}

async function measure (): Promise<DataSetResult[]> {
  const results: DataSetResult[] = []
  for (const input of inputs) {
    console.error(`${input}: reading`)
    const { aggregates } = await loadAggregates({ input, maxMalformedShare: 0.01 })
    const rfm = computeRfm(aggregates)
    const started = performance.now()
    const built = buildCustomerValues(aggregates, rfm, aggregates.customerIds, { valueHorizonDays: horizonDays, evaluate: true })
    if (built === null) throw new Error(`${input}: too few repeat customers to fit`)
    const ms = performance.now() - started
    const days = purchaseDays(aggregates)
    const endDay = Math.max(dayOf(rfm.snapshot.getTime()), dayOf(rfm.lastInvoiceAt) + 1)
    const unbounded = fitBgNbd(summariseAt(days, endDay))
    const calibrationUnbounded = fitBgNbd(summariseAt(days, endDay - horizonDays))
    console.error(`${input}: unbounded fit on the calibration part a = ${sig(calibrationUnbounded.parameters.a)}, b = ${sig(calibrationUnbounded.parameters.b)}`)
    results.push({
      input,
      customers: aggregates.customerIds.length,
      fit: built.report,
      unbounded: { all: { a: unbounded.parameters.a, b: unbounded.parameters.b }, calibration: { a: calibrationUnbounded.parameters.a, b: calibrationUnbounded.parameters.b } },
      evaluation: built.report.evaluation ?? evaluateValue(days, endDay, horizonDays)?.evaluation ?? null,
      ms
    })
  }
  return results
}

const results = args.from === undefined ? await measure() : (await loadResults<{ results: DataSetResult[] }>(args.from)).results

const lines: string[] = []
lines.push(`### Fits on all the data (horizon ${horizonDays} days)`, '')
lines.push(markdownTable(
  ['data', 'customers', 'BG/NBD r, α, a, b (bounded)', 'ln L', 'unbounded a, b: all / calibration part', 'NBD r, α', 'LR vs NBD', 'dropout', 'Gamma-Gamma p, q, γ', 'corr(x, zbar)'],
  results.map(({ input, customers, fit, unbounded }) => [
    input.split('/').pop() ?? input,
    customers.toLocaleString('en-GB'),
    [fit.bgNbd.r, fit.bgNbd.alpha, fit.bgNbd.a, fit.bgNbd.b].map(sig).join(', ') + (fit.bgNbd.atBound.length ? ` (at bound: ${fit.bgNbd.atBound.join(', ')})` : ''),
    num(fit.bgNbd.logLikelihood, 1),
    `${sig(unbounded.all.a)}, ${sig(unbounded.all.b)} / ${sig(unbounded.calibration.a)}, ${sig(unbounded.calibration.b)}`,
    `${sig(fit.nbd.r)}, ${sig(fit.nbd.alpha)}`,
    num(fit.likelihoodRatio, 2),
    fit.dropout,
    [fit.gammaGamma.p, fit.gammaGamma.q, fit.gammaGamma.gamma].map(sig).join(', '),
    num(fit.frequencySpendCorrelation, 3)
  ])
))

for (const { input, evaluation: e } of results) {
  if (e === null) { lines.push('', `### ${input}: too little data before the test period to evaluate`); continue }
  lines.push('', `### ${input}: the last ${e.horizonDays} days from ${e.cutoff.slice(0, 10)}, ${e.customers.toLocaleString('en-GB')} customers (${e.customersWhoBought.toLocaleString('en-GB')} bought), dropout ${e.dropout} (LR ${num(e.likelihoodRatio, 2)})`, '')
  const row = (what: string, method: string, m: ErrorMetrics, digits: number): string[] =>
    [what, method, num(m.mae, digits), num(m.rmse, digits), num(m.pearson), num(m.spearman), num(m.predictedTotal, 0), num(m.actualTotal, 0)]
  lines.push(markdownTable(
    ['', 'method', 'MAE', 'RMSE', 'Pearson', 'Spearman', 'predicted total', 'actual total'],
    [
      row('purchases', e.dropout === 'estimated' ? 'BG/NBD' : 'NBD (dropout degenerate)', e.purchases.model, 3),
      row('purchases', 'naive', e.purchases.naive, 3),
      row('revenue', 'model × Gamma-Gamma', e.revenue.model, 1),
      row('revenue', 'naive', e.revenue.naive, 1)
    ],
    ['left', 'left']
  ))
  const b = e.beatsNaive
  lines.push('', `Better than naive: purchases RMSE ${b.purchasesRmse ? 'yes' : 'NO'}, correlation ${b.purchasesCorrelation ? 'yes' : 'NO'}; revenue RMSE ${b.revenueRmse ? 'yes' : 'NO'}, correlation ${b.revenueCorrelation ? 'yes' : 'NO'}.`, '')
  lines.push(markdownTable(
    ['P(≥ 1 purchase)', 'model: customers', 'mean predicted', 'bought', 'naive: customers', 'mean predicted', 'bought'],
    e.calibration.model.map((m, i) => {
      const n = e.calibration.naive[i]
      return [`${m.from.toFixed(1)}–${m.to.toFixed(1)}`, String(m.customers), num(m.meanPredicted), num(m.observed), String(n.customers), num(n.meanPredicted), num(n.observed)]
    })
  ))
}
console.log(lines.join('\n'))
if (args.from === undefined) await saveResults('value-evaluation', startedAt, { startedAt, horizonDays, results })
