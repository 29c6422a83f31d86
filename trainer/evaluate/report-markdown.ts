// The README section `npm run evaluate` writes: what was run, where, and the tables.
import { markdownTable } from '../../lib/markdown.js'
import type { RecordedNeighbourOptions } from '../../lib/artifacts/index.js'
import type { EvaluationReport, MethodEvaluation } from './evaluate.js'
import type { RankingMetrics } from './metrics.js'
import type { ReferenceMethod, ReferenceResult } from './reference.js'
import type { TransformComparison } from './segment-transform.js'
import { optionsKey, type VariantSearch } from './variants.js'

export interface EvaluationRun {
  /** the command line that produced it */
  command: string
  /** ISO date-time of the run */
  date: string
  machine: string
  /** input file name */
  input: string
  /** the trainer's defaults, evaluated with both baselines */
  report: EvaluationReport
  /** searched on the validation window (the days before the test window, trained on what precedes them) */
  variants: VariantSearch | null
  /** the validation window's split, and the validation-best configuration scored once on the test window */
  validation: { setup: EvaluationReport['setup'], bestOnTest: MethodEvaluation } | null
  transforms: TransformComparison[] | null
  reference: ReferenceResult | null
}

const HEADERS = ['method / variant', 'customers', 'HR@10', 'P@10', 'R@10', 'NDCG@10', 'MAP@10', 'HR@5', 'coverage', 'time']

const fixed = (value: number, digits = 4): string => value.toFixed(digits)
const count = (value: number): string => value.toLocaleString('en-GB')
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`

export function describeOptions (options: RecordedNeighbourOptions): string {
  const decay = options.halfLifeDays === undefined || options.halfLifeDays === 'none' ? '' : `, half-life ${options.halfLifeDays} d`
  const common = `minSupport ${options.minSupport}, topK ${options.topK}${decay}`
  switch (options.similarity ?? 'cosine') {
    case 'ease': return `EASE λ ${options.easeLambda ?? '?'} over ${options.easeProducts ?? '?'} products, ${common}`
    case 'bm25': return `cosine over BM25 (${options.weighting} tf), ${common}, α ${options.popularityDamping}`
    default: return `cosine, ${options.weighting}, ${common}, α ${options.popularityDamping}`
  }
}

function metricCells (at10: RankingMetrics, at5: RankingMetrics, coverage: number): string[] {
  return [fixed(at10.hitRate), fixed(at10.precision), fixed(at10.recall), fixed(at10.ndcg), fixed(at10.map), fixed(at5.hitRate), fixed(coverage, 3)]
}

function methodRow (label: string, result: MethodEvaluation): string[] {
  return [label, count(result.customers), ...metricCells(result.at10, result.at5, result.coverage), seconds(result.ms)]
}

function referenceRow (label: string, customers: number, result: ReferenceMethod): string[] {
  return [label, count(customers), ...metricCells(result.at10, result.at5, result.coverage), '—']
}

/** Largest absolute difference between two metric sets (the cross-check). */
function largestDifference (a: { at10: RankingMetrics, at5: RankingMetrics, coverage: number }, b: { at10: RankingMetrics, at5: RankingMetrics, coverage: number }): number {
  let largest = Math.abs(a.coverage - b.coverage)
  for (const at of ['at10', 'at5'] as const) {
    for (const key of Object.keys(a[at]) as Array<keyof RankingMetrics>) largest = Math.max(largest, Math.abs(a[at][key] - b[at][key]))
  }
  return largest
}

function mainTable (run: EvaluationRun): string {
  const { report, reference } = run
  const rows = [methodRow(`**item-kNN, trainer defaults** (${describeOptions(report.model.options as RecordedNeighbourOptions)})`, report.model)]
  if (report.baselines) {
    rows.push(methodRow('most popular (not yet bought)', report.baselines.mostPopular))
    rows.push(methodRow('original method, reproduced in this run (per-code descriptions)', report.baselines.original))
    const former = report.baselines.formerDefaults
    if (former !== undefined) rows.push(methodRow(`former defaults (${describeOptions(former.options as RecordedNeighbourOptions)})`, former))
  }
  if (reference) rows.push(referenceRow('original method, pandas reference (per-row descriptions)', reference.customers, reference.original_per_row))
  return markdownTable(HEADERS, rows)
}

function variantTable (search: VariantSearch, defaults: RecordedNeighbourOptions): string {
  const best = optionsKey(search.best)
  const rows = search.results.map((result) => {
    const options = result.options as RecordedNeighbourOptions
    const key = optionsKey(options)
    const marks = [key === best ? '★ best' : '', key === optionsKey(defaults) ? 'default' : ''].filter(Boolean).join(', ')
    return methodRow(`${describeOptions(options)}${marks ? ` (${marks})` : ''}`, result)
  })
  return markdownTable(HEADERS, rows)
}

function transformTable (transforms: TransformComparison[]): string {
  return markdownTable(['transform', 'k', 'silhouette', 'segment sizes (largest first)', 'largest segment'], transforms.map((t) => [
    t.transform, String(t.k), t.silhouette === null ? 'n/a' : fixed(t.silhouette), t.sizes.map((size, i) => `${count(size)} ${t.labels[i]}`).join(', '), `${(t.largestShare * 100).toFixed(1)} %`
  ]), ['left', 'right', 'right', 'left', 'right'])
}

function targetLines (report: EvaluationReport): string[] {
  const { target, baselines, model } = report
  if (!target || !baselines) return []
  const ratio = target.ratioVsMostPopular
  const lines = [
    `**Target** (issue 10): HR@10 at least ${target.required}× most-popular and above the original method. ` +
    `Measured: ${fixed(model.at10.hitRate)} vs ${fixed(baselines.mostPopular.at10.hitRate)} = ` +
    `${ratio === null ? 'n/a' : `${ratio.toFixed(3)}×`} most-popular (${target.meetsRatio ? 'met' : '**not met**'}); ` +
    `vs ${fixed(baselines.original.at10.hitRate)} for the original method (${target.beatsOriginal ? 'above' : '**not above**'}).`
  ]
  if (baselines.formerDefaults !== undefined && target.requiredNdcgGain !== undefined) {
    const gain = target.ndcgGainVsFormerDefaults ?? null
    lines.push(`NDCG@10 at least ${(target.requiredNdcgGain * 100).toFixed(0)} % above the former defaults' (${describeOptions(baselines.formerDefaults.options as RecordedNeighbourOptions)}): ` +
      `${fixed(model.at10.ndcg)} vs ${fixed(baselines.formerDefaults.at10.ndcg)} = ${gain === null ? 'n/a' : `${gain >= 0 ? '+' : ''}${(gain * 100).toFixed(1)} %`} (${target.meetsNdcg === true ? 'met' : '**not met**'}).`)
  }
  return lines
}

function noiseLine (report: EvaluationReport, variants: VariantSearch, validation: EvaluationRun['validation']): string {
  // the variants' own customers: the validation window's when they were searched there
  const n = validation?.setup.customersEvaluated ?? report.setup.customersEvaluated
  const p = variants.results[0]?.at10.hitRate ?? report.model.at10.hitRate
  const se = Math.sqrt(p * (1 - p) / n)
  return `With ${count(n)} customers, a hit rate near ${fixed(p, 2)} has a standard error of about ±${fixed(se, 3)} ` +
    '(√(p(1 − p)/n)); the variants are scored on the same customers, so their differences are less noisy than that, ' +
    'but differences of a few thousandths are not evidence of anything.'
}

function referenceLines (run: EvaluationRun): string[] {
  const { reference, report } = run
  if (!reference || !report.baselines) return []
  const popular = largestDifference(reference.mostPopular, report.baselines.mostPopular)
  const perCode = largestDifference(reference.original_per_code, report.baselines.original)
  const agrees = (difference: number): string => difference < 1e-9 ? 'identical' : `**differs** by up to ${difference.toExponential(2)}`
  return [
    '',
    'Cross-check (`npm run evaluate -- --reference` runs `trainer/evaluate/original_reference.py`: pandas + scikit-learn, the same protocol written independently): ' +
    `most-popular ${agrees(popular)}; the original method with per-code descriptions ${agrees(perCode)}. ` +
    'The trainer\'s table keeps no per-row description, so the in-run reproduction labels each row with its stock code\'s most frequent ' +
    `description (${count(reference.original_per_code.descriptions)} pivot columns); the original notebook pivoted the real per-row ` +
    `descriptions (${count(reference.original_per_row.descriptions)} columns), which scores HR@10 ${fixed(reference.original_per_row.at10.hitRate)} ` +
    `instead of ${fixed(reference.original_per_code.at10.hitRate)}: the in-run baseline is the more flattering of the two, so "above the original" is judged against it.`
  ]
}

function transformVerdict (transforms: TransformComparison[]): string {
  const log1p = transforms.find((t) => t.transform === 'log1p')
  const none = transforms.find((t) => t.transform === 'none')
  const caveat = 'Each silhouette is measured in its own feature space, so the two are not on one scale.'
  if (!log1p || !none || log1p.silhouette === null || none.silhouette === null) return caveat
  if (none.silhouette > log1p.silhouette && none.largestShare > log1p.largestShare) {
    return `${caveat} Without the transform, frequency and monetary are so skewed that K-Means spends clusters on a few ` +
      `outlying customers (smallest segment: ${count(none.sizes[none.sizes.length - 1])}) and puts ${(none.largestShare * 100).toFixed(0)} % in one: ` +
      'a higher silhouette for segments that say little. With `log1p` the segments are of comparable size and separate customers by ' +
      'behaviour, so the trainer keeps `log1p` (`--transform none` reproduces the original project).'
  }
  return `${caveat} The trainer's default is \`log1p\`; on this input compare the sizes above before changing it.`
}

export function formatEvaluationMarkdown (run: EvaluationRun): string {
  const { report, variants, transforms } = run
  const { setup } = report
  const defaults = report.model.options as RecordedNeighbourOptions
  const lines = [
    '## Recommendation quality',
    '',
    `Produced by \`${run.command}\` on ${run.date.slice(0, 10)} (${run.input}); machine: ${run.machine}. ` +
    'Times are indicative (a shared machine); each includes building that model on the training part.',
    '',
    `**Protocol.** Chronological split: the model is trained on the ${count(setup.trainRows)} cleaned rows before ` +
    `${setup.cutoff.replace('T', ' ').slice(0, 16)} UTC` +
    `${setup.evaluationDays === null ? '' : ` (the last ${setup.evaluationDays} days of the data are the test period, ${count(setup.testRows)} rows)`}. ` +
    `Of the ${count(setup.customersWithTestPurchases)} customers who bought a product in the test period, ${count(setup.customersWithoutHistory)} had not bought before ` +
    `(nothing to recommend from) and ${count(setup.customersOnlyRepeats)} only re-bought earlier products; the other ` +
    `**${count(setup.customersEvaluated)}** are evaluated. Each gets 10 recommendations from everything they bought before the cutoff ` +
    `(${setup.meanHistory.toFixed(1)} products on average), through the code of \`GET /customers/{id}/recommendations\` (\`recommendForCustomer\`: ` +
    'their purchases summed as one basket, popular fill), excluding what they already bought. Relevant = the recommendable products they bought ' +
    `in the test period and had not bought before (${setup.meanRelevant.toFixed(1)} on average). Binary relevance; ` +
    'HR = share of customers with at least one hit; P@k = hits / k; R@k = hits / relevant; NDCG@k with a log2 discount and the ideal ' +
    'DCG over min(relevant, k) hits; MAP@k = mean of AP@k normalised by min(relevant, k); coverage = share of the ' +
    `${count(setup.recommendableProducts)} recommendable products of the training catalogue recommended to at least one customer. ` +
    'Definitions in `trainer/evaluate/metrics.ts`.',
    '',
    mainTable(run),
    '',
    ...targetLines(report),
    '',
    'Baselines: **most popular** = the training catalogue\'s ranking by distinct customers, minus what the customer bought. ' +
    '**Original method** = the replaced project\'s recommender: cosine similarity between descriptions over a dense customer × ' +
    'description matrix of summed quantities (non-products included, no minimum support), adapted to baskets by summing the ' +
    'similarity rows of the customer\'s descriptions, excluding those bought; a recommended description is a hit when the customer ' +
    'bought a product with that description (details: `trainer/evaluate/original-method.ts`).',
    ...referenceLines(run)
  ]
  if (variants) {
    lines.push(
      '',
      '### Variants',
      '',
      ...(run.validation === null
        ? ['Same split, same customers; searched one option at a time from the trainer\'s defaults (coordinate ascent until a full round ' +
          `changes nothing: ${variants.rounds} round${variants.rounds === 1 ? '' : 's'}, ${variants.results.length} configurations). ` +
          'Best = highest HR@10, then NDCG@10.']
        : ['**On the validation window, not the test window**: trained on the ' +
          `${count(run.validation.setup.trainRows)} rows before ${run.validation.setup.cutoff.slice(0, 10)}, scored on the ` +
          `${count(run.validation.setup.customersEvaluated)} customers of the ${run.validation.setup.evaluationDays ?? 90} days up to the test window, so no ` +
          'setting is chosen by a test score. Searched one option at a time from the trainer\'s defaults (coordinate ascent until a full round ' +
          `changes nothing: ${variants.rounds} round${variants.rounds === 1 ? '' : 's'}, ${variants.results.length} configurations; ` +
          'combinations the trainer refuses, e.g. EASE with quantity weights, are skipped). Best = highest HR@10, then NDCG@10.']),
      '',
      variantTable(variants, defaults),
      '',
      noiseLine(report, variants, run.validation),
      '',
      optionsKey(variants.best) === optionsKey(defaults)
        ? `The trainer's defaults (${describeOptions(defaults)}) are the best configuration found.`
        : `**The best configuration found (${describeOptions(variants.best)}) differs from the trainer's defaults (${describeOptions(defaults)}).**`
    )
    if (run.validation !== null && optionsKey(variants.best) !== optionsKey(defaults)) {
      const { bestOnTest } = run.validation
      lines.push('', `For information (not a choice): on the test window it scores HR@10 ${fixed(bestOnTest.at10.hitRate)} and NDCG@10 ` +
        `${fixed(bestOnTest.at10.ndcg)}, against the defaults' ${fixed(report.model.at10.hitRate)} and ${fixed(report.model.at10.ndcg)}.`)
    }
  }
  if (transforms) {
    lines.push(
      '',
      '### Segments: `log1p` or no transform',
      '',
      'A separate choice (no held-out truth for clusters): K-Means at the trainer\'s k and seed on both feature spaces.',
      '',
      transformTable(transforms),
      '',
      transformVerdict(transforms)
    )
  }
  return lines.join('\n')
}
