// Customer lifetime value (trainer/value/; its shape is the contract's ValueReportSchema): the
// fitted BG/NBD (or NBD when dropout cannot be estimated) and Gamma-Gamma, and with --evaluate
// how their predictions for the last horizon did against the naive baseline, with a calibration
// chart of P(at least one purchase). Said plainly where the model does not beat the baseline.
import type { CalibrationBinSchema, ValueEvaluation, ValueReport } from '../../lib/artifacts/index.js'
import type { Static } from 'typebox'
import type { Chart } from './chart.js'
import { formatDate, formatInteger, formatNumber, formatSignificant } from './format.js'
import { html, type HtmlValue } from './html.js'
import { definitions, figure, section, table, type Section } from './layout.js'
import { COLOURS, WIDE_CHART_WIDTH } from './theme.js'

type Bin = Static<typeof CalibrationBinSchema>

function money (value: number): string {
  return `£${formatInteger(Math.round(value))}`
}

function fitPairs (value: ValueReport): Array<[string, HtmlValue]> {
  const { bgNbd, nbd, gammaGamma } = value
  const dropout = value.dropout === 'estimated'
    ? `estimated: BG/NBD beats the no-dropout NBD by a likelihood ratio of ${formatNumber(value.likelihoodRatio, 1)} (threshold ${formatNumber(value.likelihoodRatioThreshold, 2)})`
    : `degenerate: the data cannot tell when customers stop buying (likelihood ratio ${formatNumber(value.likelihoodRatio, 2)} against the NBD, threshold ${formatNumber(value.likelihoodRatioThreshold, 2)}${bgNbd.atBound.length > 0 ? `; ${bgNbd.atBound.join(', ')} at a bound` : ''}). Purchases are predicted by the NBD and P(alive) is not served rather than shown as 1.`
  return [
    ['Customers', `${formatInteger(value.customers)}, of whom ${formatInteger(value.repeatCustomers)} bought again (the spend model's)`],
    ['Horizon', `the next ${formatInteger(value.horizonDays)} days after ${formatDate(value.calibrationEnd)}`],
    ['Dropout', dropout],
    ['BG/NBD', `r ${formatSignificant(bgNbd.r, 4)}, α ${formatSignificant(bgNbd.alpha, 4)}, a ${formatSignificant(bgNbd.a, 4)}, b ${formatSignificant(bgNbd.b, 4)} (ln L ${formatNumber(bgNbd.logLikelihood, 1)})`],
    ['NBD', `r ${formatSignificant(nbd.r, 4)}, α ${formatSignificant(nbd.alpha, 4)} (ln L ${formatNumber(nbd.logLikelihood, 1)})`],
    ['Gamma-Gamma', `p ${formatSignificant(gammaGamma.p, 4)}, q ${formatSignificant(gammaGamma.q, 4)}, γ ${formatSignificant(gammaGamma.gamma, 4)}${value.frequencySpendCorrelation === null ? '' : `; frequency–spend correlation ${formatNumber(value.frequencySpendCorrelation, 3)} (the model assumes none)`}`],
    ['Expected in the horizon', `${formatInteger(Math.round(value.totals.expectedPurchases))} purchases, ${money(value.totals.expectedRevenue)} revenue`]
  ]
}

function correlation (value: number | null): string {
  return value === null ? '–' : formatNumber(value, 3)
}

function comparisonTable (evaluation: ValueEvaluation): HtmlValue {
  const rows = (['purchases', 'revenue'] as const).flatMap((target) => (['model', 'naive'] as const).map((who) => {
    const m = evaluation[target][who]
    const amount = target === 'revenue' ? money : (v: number) => formatNumber(v, 3)
    const total = target === 'revenue' ? money : (v: number) => formatInteger(Math.round(v))
    return [`${target}, ${who === 'model' ? 'this model' : 'naive baseline'}`, amount(m.mae), amount(m.rmse), correlation(m.pearson), correlation(m.spearman), `${total(m.predictedTotal)} / ${total(m.actualTotal)}`]
  }))
  return table('Predictions for the test period, per customer', [
    { title: 'What, by whom' }, { title: 'MAE', numeric: true }, { title: 'RMSE', numeric: true },
    { title: 'Pearson', numeric: true }, { title: 'Spearman', numeric: true }, { title: 'predicted / actual total', numeric: true }
  ], rows)
}

function verdict (evaluation: ValueEvaluation): HtmlValue {
  const b = evaluation.beatsNaive
  const line = (ok: boolean, text: string): HtmlValue => html`<li class="${ok ? 'ok' : 'fail'}">${text}: ${ok ? 'better than the naive baseline' : 'not better than the naive baseline'}.</li>`
  return html`<ul class="verdict">
${line(b.purchasesRmse, 'Expected purchases, RMSE')}
${line(b.purchasesCorrelation, 'Expected purchases, correlation')}
${line(b.revenueRmse, 'Expected revenue, RMSE')}
${line(b.revenueCorrelation, 'Expected revenue, correlation')}
</ul>`
}

function calibrationChart (evaluation: ValueEvaluation): Chart {
  const points = (who: string, bins: readonly Bin[]) => bins
    .filter((bin) => bin.meanPredicted !== null && bin.observed !== null && bin.customers > 0)
    .map((bin) => ({ who, predicted: bin.meanPredicted, observed: bin.observed, customers: bin.customers }))
  const values = [...points('this model', evaluation.calibration.model), ...points('naive baseline', evaluation.calibration.naive)]
  return {
    id: 'value-calibration',
    title: 'Calibration: P(at least one purchase in the test period)',
    description: 'Customers binned by the predicted probability; each point is a bin\'s mean prediction against the share who did buy. On the diagonal = calibrated; point size = customers in the bin.',
    spec: {
      width: WIDE_CHART_WIDTH - 320,
      height: 240,
      layer: [
        {
          data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
          mark: { type: 'line', color: COLOURS.muted, strokeDash: [4, 4] },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } }
        },
        {
          data: { values },
          mark: { type: 'point', filled: true },
          encoding: {
            x: { field: 'predicted', type: 'quantitative', title: 'predicted', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
            y: { field: 'observed', type: 'quantitative', title: 'observed', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
            size: { field: 'customers', type: 'quantitative', legend: null },
            color: { field: 'who', type: 'nominal', title: null, scale: { domain: ['this model', 'naive baseline'], range: [COLOURS.accent, '#b08d57'] }, legend: { orient: 'top' } }
          }
        }
      ]
    }
  }
}

export async function valueSection (value: ValueReport): Promise<Section> {
  const evaluation = value.evaluation ?? null
  const body: HtmlValue[] = [
    html`<p>What each known customer is still worth: repeat purchasing by BG/NBD (Fader, Hardie &amp; Lee 2005), spend per purchase by Gamma-Gamma (Fader &amp; Hardie 2013), both fitted by maximum likelihood on customer-days with an invoice. The estimates ride along with the segments in the API.</p>`,
    definitions(fitPairs(value))
  ]
  if (evaluation !== null) {
    body.push(
      html`<p>Evaluation: the models fitted on the purchases before ${formatDate(evaluation.cutoff)}, predicting each of ${formatInteger(evaluation.customers)} customers' purchases and revenue in the following ${formatInteger(evaluation.horizonDays)} days (${formatInteger(evaluation.customersWhoBought)} bought), against the naive baseline: each customer's past purchase rate × the horizon, times their mean order value.</p>`,
      verdict(evaluation),
      comparisonTable(evaluation),
      await figure(calibrationChart(evaluation))
    )
  } else {
    body.push(html`<p>Train with <code>--evaluate</code> to see how these predictions did against what customers bought next.</p>`)
  }
  return section('value', 'Customer lifetime value', ...body)
}
