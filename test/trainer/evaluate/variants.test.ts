import t from 'tap'
import { evaluateItemKnn, prepareEvaluation, type MethodEvaluation } from '../../../trainer/evaluate/evaluate.js'
import { betterThan, optionsKey, searchVariants, VARIANT_GRID, type VariantGrid } from '../../../trainer/evaluate/variants.js'
import { neighbourOptionConflict } from '../../../trainer/neighbours/index.js'
import { randomLog } from './fixtures.js'

const grid: VariantGrid = { similarity: ['cosine', 'ease'], weighting: ['binary', 'log-quantity'], minSupport: [1, 3], topK: [3, 10], popularityDamping: [0, 0.5] }

t.test('betterThan: hit rate @10 first, NDCG @10 breaks ties, an exact tie is no improvement', async (t) => {
  const result = (hitRate: number, ndcg: number): MethodEvaluation => ({
    method: 'item-knn',
    options: null,
    customers: 1,
    coverage: 0,
    ms: 0,
    at10: { hitRate, ndcg, precision: 0, recall: 0, map: 0 },
    at5: { hitRate, ndcg, precision: 0, recall: 0, map: 0 }
  })
  t.ok(betterThan(result(0.5, 0.1), result(0.4, 0.9)))
  t.ok(betterThan(result(0.5, 0.2), result(0.5, 0.1)))
  t.notOk(betterThan(result(0.5, 0.1), result(0.5, 0.1)))
  t.notOk(betterThan(result(0.4, 0.9), result(0.5, 0.1)))
})

t.test('coordinate ascent: the best is a local optimum of what it scored, each configuration scored once', async (t) => {
  const context = prepareEvaluation(randomLog(21), { evaluationDays: 60 })
  const start = { similarity: 'cosine' as const, weighting: 'binary' as const, minSupport: 1, topK: 3, popularityDamping: 0 }
  const known = evaluateItemKnn(context, start)
  const seen: string[] = []
  const search = searchVariants(context, start, { grid, known: [known], onResult: (r) => { seen.push(optionsKey(r.options as NonNullable<typeof r.options>)) } })
  t.match(search.start, start)
  t.equal(new Set(seen).size, seen.length, 'no configuration scored twice')
  t.notOk(seen.includes(optionsKey(start)), 'a known result is not scored again')
  t.equal(search.results.length, seen.length + 1)
  t.equal(search.results[0], known)
  const best = search.results.find((r) => optionsKey(r.options as NonNullable<typeof r.options>) === optionsKey(search.best))
  if (best === undefined) throw new Error('the best configuration must be among the results')
  for (const r of search.results) t.notOk(betterThan(r, best), `${optionsKey(r.options as NonNullable<typeof r.options>)} is not better than the best`)
  // every single-option change from the best was scored (the final round found nothing better)
  for (const option of ['similarity', 'weighting', 'minSupport', 'topK', 'popularityDamping'] as const) {
    for (const value of grid[option]) if (neighbourOptionConflict({ ...search.best, [option]: value }) === undefined) t.ok(search.results.some((r) => optionsKey(r.options as NonNullable<typeof r.options>) === optionsKey({ ...search.best, [option]: value })), `${option} = ${value} next to the best was scored`)
  }
  t.ok(search.rounds >= 1 && search.rounds <= 3)
  // EASE with log-quantity weights is no configuration the trainer accepts: never scored
  t.ok(search.results.some((r) => r.options?.similarity === 'ease'), 'EASE was scored')
  t.notOk(search.results.some((r) => r.options?.similarity === 'ease' && r.options.weighting !== 'binary'), 'no EASE with non-binary weights')
})

t.test('the default grid is the issue\'s', async (t) => {
  t.same(VARIANT_GRID, { similarity: ['cosine', 'bm25', 'ease'], weighting: ['binary', 'quantity', 'log-quantity'], minSupport: [1, 3, 5, 10, 20], topK: [10, 20, 50], popularityDamping: [0, 0.1, 0.25, 0.5] })
})
