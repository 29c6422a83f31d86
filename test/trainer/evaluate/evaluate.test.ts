import t, { type Test } from 'tap'
import { buildRecommendIndex, recommendForBasket } from '../../../lib/recommend/index.js'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { evaluateItemKnn, evaluateRecommendations, prepareEvaluation, resolveEvaluationOptions, type MethodEvaluation } from '../../../trainer/evaluate/evaluate.js'
import { MetricsAccumulator } from '../../../trainer/evaluate/metrics.js'
import { buildNeighbours } from '../../../trainer/neighbours/index.js'
import { HAND_CUTOFF, handTable, randomLog } from './fixtures.js'

const log2 = Math.log2
type Expected = Record<string, number>

function check (t: Test, result: MethodEvaluation, expected: { at10: Expected, at5: Expected, coverage: number }): void {
  for (const at of ['at10', 'at5'] as const) {
    for (const [key, value] of Object.entries(expected[at])) {
      const actual = result[at][key as keyof MethodEvaluation['at10']]
      t.ok(Math.abs(actual - value) < 1e-12, `${result.method} ${at} ${key}: ${actual} ≈ ${value}`)
    }
  }
  t.ok(Math.abs(result.coverage - expected.coverage) < 1e-12, `${result.method} coverage ${result.coverage}`)
}

t.test('the hand-sized log: every method\'s lists and metrics by hand', async (t) => {
  const report = evaluateRecommendations(handTable(), { cutoff: HAND_CUTOFF, neighbours: { minSupport: 1 } })
  t.match(report.setup, {
    cutoff: HAND_CUTOFF.toISOString(),
    evaluationDays: null,
    trainRows: 11,
    testRows: 8,
    recommendableProducts: 5,
    customersWithTestPurchases: 5,
    customersWithoutHistory: 1,
    customersOnlyRepeats: 2,
    customersEvaluated: 2,
    meanHistory: 2,
    meanRelevant: 1.5
  })
  // Popularity (distinct customers, then quantity, then code): KA KB KC KD KE.
  // item-kNN, binary cosines: KA·KB 2/3, KA·KC 1/√6, KA·KD 1/√3, KB·KC 2/√6.
  //   u1 {KA, KB} → KC (1/√6 + 2/√6), KD (1/√3), then the popular fill KE; relevant {KD, KX}: hit at rank 2.
  //   u4 {KA, KD} → KB (2/3), KC (1/√6), fill KE; relevant {KB}: hit at rank 1.
  // Most popular: u1 → KC KD KE, u4 → KB KC KE: the same lists here.
  const u1 = { ndcg: (1 / log2(3)) / (1 + 1 / log2(3)), map: (1 / 2) / 2 }
  const listsLikeModel = {
    at10: { hitRate: 1, precision: 0.1, recall: (0.5 + 1) / 2, ndcg: (u1.ndcg + 1) / 2, map: (u1.map + 1) / 2 },
    at5: { hitRate: 1, precision: 0.2, recall: (0.5 + 1) / 2, ndcg: (u1.ndcg + 1) / 2, map: (u1.map + 1) / 2 },
    coverage: 4 / 5
  }
  check(t, report.model, listsLikeModel)
  t.equal(report.model.customers, 2)
  t.match(report.model.options, { weighting: 'binary', minSupport: 1, topK: 20, popularityDamping: 0 })
  if (report.baselines === null) throw new Error('baselines expected')
  check(t, report.baselines.mostPopular, listsLikeModel)
  // Original, over descriptions POSTAGE alpha beta delta epsilon gamma (code-unit order):
  //   u1 {alpha, beta} → gamma (1/√6 + 2/√6), then POSTAGE (beta 1/√3) and delta (alpha 1/√3) tie:
  //   the first column wins, then epsilon; relevant {delta, xi}: hit at rank 3.
  //   u4 {alpha, delta} → beta (2/3), gamma, POSTAGE, epsilon; relevant {beta}: hit at rank 1.
  const o1 = { ndcg: (1 / log2(4)) / (1 + 1 / log2(3)), map: (1 / 3) / 2 }
  check(t, report.baselines.original, {
    at10: { hitRate: 1, precision: 0.1, recall: 0.75, ndcg: (o1.ndcg + 1) / 2, map: (o1.map + 1) / 2 },
    at5: { hitRate: 1, precision: 0.2, recall: 0.75, ndcg: (o1.ndcg + 1) / 2, map: (o1.map + 1) / 2 },
    coverage: 4 / 5 // gamma delta epsilon beta → KC KD KE KB; POSTAGE is no product
  })
  t.match(report.target, { ratioVsMostPopular: 1, required: 1.6, meetsRatio: false, beatsOriginal: false, requiredNdcgGain: 0.05 })
})

t.test('the model is scored through the service\'s basket recommender', async (t) => {
  for (const seed of [11, 12]) {
    const context = prepareEvaluation(randomLog(seed), { evaluationDays: 60 })
    const options = { similarity: 'cosine' as const, weighting: 'log-quantity' as const, minSupport: 2, topK: 5, popularityDamping: 0.25 }
    const result = evaluateItemKnn(context, options)
    const index = buildRecommendIndex(buildNeighbours(context.split.train, buildCatalogue(context.split.train), options), context.built.catalogue)
    const metrics = new MetricsAccumulator([10, 5])
    for (const c of context.cases) metrics.add(recommendForBasket(index, c.history).items.map((item) => item.product), c.relevant)
    t.same(result.at10, metrics.means(0), `seed ${seed}: @10 as recommendForBasket's default answers score`)
    t.same(result.at5, metrics.means(1), `seed ${seed}: @5`)
    t.ok(result.customers > 10, `${result.customers} customers`)
  }
})

t.test('deterministic, and plain JSON for the manifest', async (t) => {
  const table = randomLog(13)
  const withoutTimes = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v: unknown) => key === 'ms' ? 0 : v))
  const first = evaluateRecommendations(table)
  const second = evaluateRecommendations(table)
  t.same(withoutTimes(first), withoutTimes(second), 'two runs, same report')
  t.same(JSON.parse(JSON.stringify(first)), first, 'survives a JSON round trip unchanged')
  t.ok(first.baselines !== null && first.target !== null)
  t.equal(evaluateRecommendations(table, { baselines: false }).baselines, null, 'baselines can be skipped')
})

t.test('no customer to evaluate is a usage error', async (t) => {
  t.throws(() => evaluateRecommendations(handTable(), { cutoff: new Date(Date.UTC(2011, 0, 15)) }), { code: 'ERR_USAGE' })
})

t.test('options left undefined keep their defaults', async (t) => {
  t.match(resolveEvaluationOptions({ evaluationDays: undefined, baselines: undefined, cutoff: undefined }), { evaluationDays: 90, baselines: true })
  t.equal(resolveEvaluationOptions({ evaluationDays: 30 }).evaluationDays, 30)
  const report = evaluateRecommendations(handTable(), { cutoff: HAND_CUTOFF, evaluationDays: undefined, nonProductRule: undefined, neighbours: { minSupport: 1, topK: undefined } })
  t.match(report.model.options, { minSupport: 1, topK: 20 })
})
