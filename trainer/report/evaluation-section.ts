// Recommendation quality, when the trainer ran with --evaluate: the model against the baselines
// on a chronological split (trainer/evaluate/; its shape is the contract's EvaluationReportSchema).
// Wall times (`ms`) are never shown: they differ between runs and the report must not.
import type { EvaluationReport, MethodEvaluation } from '../evaluate/index.js'
import type { Chart } from './chart.js'
import { formatDateTime, formatInteger, formatNumber, formatSignificant } from './format.js'
import { html, type HtmlValue } from './html.js'
import { definitions, figure, section, table, type Section } from './layout.js'
import { COLOURS, WIDE_CHART_WIDTH } from './theme.js'

const METRICS = [
  { key: 'hitRate', name: 'hit rate' },
  { key: 'precision', name: 'precision' },
  { key: 'recall', name: 'recall' },
  { key: 'ndcg', name: 'NDCG' },
  { key: 'map', name: 'MAP' }
] as const

const METHOD_NAMES: Record<string, string> = {
  'item-knn': 'this model (item-kNN)',
  'item-knn-no-fill': 'item-kNN without popular fill',
  'most-popular': 'most popular',
  original: 'original method (dense cosine)'
}

const METHOD_COLOURS = [COLOURS.accent, COLOURS.muted, '#b08d57', '#8e6bbf']

interface NamedMethod extends MethodEvaluation { name: string }

function methods (evaluation: EvaluationReport): NamedMethod[] {
  const { model, baselines } = evaluation
  const named = (m: MethodEvaluation, name = methodName(m.method)): NamedMethod => ({ ...m, name })
  if (!baselines) return [named(model)]
  return [
    named(model), named(baselines.mostPopular), named(baselines.original),
    // the same method with the settings before issue 10: the ranking baseline
    ...(baselines.formerDefaults ? [named(baselines.formerDefaults, 'former defaults (cosine)')] : [])
  ]
}

function methodName (method: string): string {
  return METHOD_NAMES[method] ?? method
}

function qualityChart (all: readonly NamedMethod[]): Chart {
  const names = all.map(m => m.name)
  const values = all.flatMap((m, i) => [
    ...METRICS.map(metric => ({ metric: `${metric.name} @10`, method: names[i], value: m.at10[metric.key] })),
    { metric: 'coverage', method: names[i], value: m.coverage }
  ])
  return {
    id: 'evaluation-metrics',
    title: 'Quality of the top 10 recommendations',
    description: 'Each metric for each method on the same customers (higher is better); coverage is the share of products recommended to anyone.',
    spec: {
      width: WIDE_CHART_WIDTH - 280,
      height: { step: 12 },
      data: { values },
      encoding: {
        y: { field: 'metric', type: 'nominal', sort: null, title: null },
        yOffset: { field: 'method', type: 'nominal', sort: names },
        x: { field: 'value', type: 'quantitative', title: null, scale: { domain: [0, Math.min(1, Math.max(0.05, ...values.map(v => v.value)) * 1.25)] }, axis: { format: '.0%', tickCount: 5 } }
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: { color: { field: 'method', type: 'nominal', sort: names, title: null, scale: { domain: names, range: METHOD_COLOURS.slice(0, names.length) }, legend: { orient: 'top', direction: 'vertical', labelLimit: 320 } } }
        },
        { mark: { type: 'text', align: 'left', dx: 3 }, encoding: { text: { field: 'value', type: 'quantitative', format: '.1%' } } }
      ]
    }
  }
}

function percent (value: number): string {
  return formatNumber(value * 100, 1) + '%'
}

function metricsTable (caption: string, all: readonly NamedMethod[], at: 'at10' | 'at5', withCoverage: boolean): HtmlValue {
  return table(caption, [
    { title: 'Method' }, ...METRICS.map(m => ({ title: m.name, numeric: true })), ...(withCoverage ? [{ title: 'coverage', numeric: true }] : [])
  ], all.map(m => [
    m.name, ...METRICS.map(metric => percent(m[at][metric.key])), ...(withCoverage ? [percent(m.coverage)] : [])
  ]))
}

function targetSummary (evaluation: EvaluationReport): HtmlValue {
  const { target, baselines } = evaluation
  if (!target || !baselines) return html`<p>Only the model was evaluated (no baselines).</p>`
  const ratio = target.ratioVsMostPopular === null ? 'cannot be compared (the most-popular baseline had no hit)' : `${formatNumber(target.ratioVsMostPopular, 2)}× that of the most-popular baseline`
  return html`<ul class="verdict">
<li class="${target.meetsRatio ? 'ok' : 'fail'}">Hit rate @10 ${percent(evaluation.model.at10.hitRate)} is ${ratio} (target at least ${formatNumber(target.required, 1)}×): ${target.meetsRatio ? 'met' : 'not met'}.</li>
<li class="${target.beatsOriginal ? 'ok' : 'fail'}">Against the original method's ${percent(baselines.original.at10.hitRate)}: ${target.beatsOriginal ? 'better' : 'not better'}.</li>
${ndcgVerdict(evaluation)}</ul>`
}

function ndcgVerdict ({ target, baselines, model }: EvaluationReport): HtmlValue {
  const former = baselines?.formerDefaults
  if (!target || former === undefined || target.requiredNdcgGain === undefined) return html``
  const gain = target.ndcgGainVsFormerDefaults ?? null
  return html`<li class="${target.meetsNdcg === true ? 'ok' : 'fail'}">NDCG @10 ${percent(model.at10.ndcg)} against the former defaults' ${percent(former.at10.ndcg)}: ${gain === null ? 'cannot be compared' : `${gain >= 0 ? '+' : ''}${formatNumber(gain * 100, 1)}%`} (target at least +${formatNumber(target.requiredNdcgGain * 100, 0)}%): ${target.meetsNdcg === true ? 'met' : 'not met'}.</li>`
}

function describeModel (options: NonNullable<MethodEvaluation['options']>): string {
  const decay = options.halfLifeDays === undefined || options.halfLifeDays === 'none' ? 'no recency decay' : `recency half-life ${formatInteger(options.halfLifeDays)} days`
  const common = `top ${formatInteger(options.topK)} neighbours, minimum support ${formatInteger(options.minSupport)}, ${decay}`
  switch (options.similarity ?? 'cosine') {
    case 'ease': return `EASE, λ ${formatInteger(options.easeLambda ?? 0)} over the ${formatInteger(options.easeProducts ?? 0)} most-bought products, ${common}`
    case 'bm25': return `cosine over BM25 weights (${options.weighting} term frequency), ${common}`
    default: return `cosine, weighting ${options.weighting}, ${common}, popularity damping ${formatNumber(options.popularityDamping, 2)}`
  }
}

function setupPairs (evaluation: EvaluationReport): Array<[string, HtmlValue]> {
  const s = evaluation.setup
  const options = evaluation.model.options
  return [
    ['Test period', s.evaluationDays === null ? `from ${formatDateTime(s.cutoff)}` : `the last ${formatInteger(s.evaluationDays)} days, from ${formatDateTime(s.cutoff)}`],
    ['Rows', `${formatInteger(s.trainRows)} before the cutoff (training), ${formatInteger(s.testRows)} from it (test)`],
    ['Customers evaluated', `${formatInteger(s.customersEvaluated)} of the ${formatInteger(s.customersWithTestPurchases)} who bought in the test period (${formatInteger(s.customersWithoutHistory)} had no earlier purchase, ${formatInteger(s.customersOnlyRepeats)} only repeated earlier ones)`],
    ['Per customer', `${formatSignificant(s.meanHistory, 3)} products bought before on average, ${formatSignificant(s.meanRelevant, 3)} new ones bought after`],
    ['Model options', options ? describeModel(options) : '–']
  ]
}

export async function evaluationSection (evaluation: EvaluationReport): Promise<Section> {
  const title = 'Recommendation quality'
  const all = methods(evaluation)
  return section('evaluation', title,
    html`<p>A chronological split: the model is trained on the purchases before the cutoff, then each customer who bought before and bought something new after it gets 10 recommendations from their earlier purchases (minus what they already bought), scored against what they bought next.</p>`,
    targetSummary(evaluation),
    definitions(setupPairs(evaluation)),
    await figure(qualityChart(all)),
    metricsTable('Top 10', all, 'at10', true),
    metricsTable('Top 5', all, 'at5', false)
  )
}
