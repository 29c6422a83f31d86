import t from 'tap'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { evaluateRecommendations, prepareEvaluation } from '../../../trainer/evaluate/evaluate.js'
import { formatEvaluationMarkdown, type EvaluationRun } from '../../../trainer/evaluate/report-markdown.js'
import type { ReferenceResult } from '../../../trainer/evaluate/reference.js'
import { compareSegmentTransforms } from '../../../trainer/evaluate/segment-transform.js'
import { searchVariants } from '../../../trainer/evaluate/variants.js'
import { randomLog } from './fixtures.js'

const table = randomLog(41)
const defaults = { similarity: 'cosine' as const, weighting: 'binary' as const, minSupport: 1, topK: 10, popularityDamping: 0 }
const report = evaluateRecommendations(table, { neighbours: defaults })
if (report.baselines === null) throw new Error('baselines expected')
const variants = searchVariants(prepareEvaluation(table), defaults, { grid: { similarity: ['cosine'], weighting: ['binary'], minSupport: [1, 2], topK: [10], popularityDamping: [0] } })
const run: EvaluationRun = {
  validation: null,
  command: 'npm run evaluate',
  date: '2026-01-02T03:04:05.000Z',
  machine: '2 cores (test)',
  input: 'log.csv',
  report,
  variants,
  transforms: compareSegmentTransforms(aggregateTable(table), { k: 2, seed: 1, nInit: 2 }),
  reference: null
}

t.test('says what ran where, then one table row per method with the numbers', async (t) => {
  const markdown = formatEvaluationMarkdown(run)
  t.match(markdown, /^## Recommendation quality\n/)
  t.match(markdown, 'Produced by `npm run evaluate` on 2026-01-02 (log.csv); machine: 2 cores (test)')
  t.match(markdown, '| method / variant | customers | HR@10 | P@10 | R@10 | NDCG@10 | MAP@10 | HR@5 | coverage | time |')
  t.match(markdown, `| **item-kNN, trainer defaults** (cosine, binary, minSupport 1, topK 10, half-life 45 d, α 0) | ${report.model.customers} | ${report.model.at10.hitRate.toFixed(4)} | ${report.model.at10.precision.toFixed(4)} |`)
  t.match(markdown, `| most popular (not yet bought) | ${report.baselines?.mostPopular.customers} | ${report.baselines?.mostPopular.at10.hitRate.toFixed(4)} |`)
  t.match(markdown, '| original method, reproduced in this run (per-code descriptions) |')
  t.match(markdown, /\*\*Target\*\* \(issue 10\): HR@10 at least 1\.6× most-popular/)
  t.match(markdown, '| former defaults (cosine, binary, minSupport 5, topK 20, α 0) |')
  t.match(markdown, /NDCG@10 at least 5 % above the former defaults' \(cosine, binary, minSupport 5, topK 20, α 0\): 0\.\d{4} vs 0\.\d{4} = [+-]\d+\.\d %/)
  t.match(markdown, '### Variants')
  t.match(markdown, '(★ best')
  t.match(markdown, '### Segments: `log1p` or no transform')
  t.notMatch(markdown, 'pandas reference', 'no reference rows without a reference run')
})

t.test('a reference run adds its row and the cross-check verdict', async (t) => {
  const same = (m: typeof report.model): ReferenceResult['mostPopular'] => ({ at10: m.at10, at5: m.at5, coverage: m.coverage })
  const original = report.baselines?.original ?? report.model
  const reference: ReferenceResult = {
    cutoff: report.setup.cutoff,
    customers: report.setup.customersEvaluated,
    mostPopular: same(report.baselines?.mostPopular ?? report.model),
    original_per_code: { ...same(original), descriptions: 30 },
    original_per_row: { ...same(original), at10: { ...original.at10, hitRate: 0.125 }, descriptions: 33 }
  }
  const markdown = formatEvaluationMarkdown({ ...run, reference })
  t.match(markdown, '| original method, pandas reference (per-row descriptions) |')
  t.match(markdown, 'most-popular identical; the original method with per-code descriptions identical')
  t.match(markdown, 'scores HR@10 0.1250')
  const off = { ...reference, mostPopular: { ...reference.mostPopular, coverage: reference.mostPopular.coverage + 0.01 } }
  t.match(formatEvaluationMarkdown({ ...run, reference: off }), 'most-popular **differs** by up to 1.00e-2')
})
