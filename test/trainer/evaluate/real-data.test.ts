// The evaluation on the bundled Online Retail data with the trainer's defaults: the numbers the
// README reports, held to what they showed when the defaults were chosen.
import t from 'tap'
import { evaluateRecommendations } from '../../../trainer/evaluate/evaluate.js'
import { DEFAULT_NEIGHBOUR_OPTIONS } from '../../../trainer/neighbours/index.js'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'
import { BUNDLED_INPUT } from '../../../trainer/read/options.js'

const { table } = await loadCleanTransactions({ input: BUNDLED_INPUT })
const report = evaluateRecommendations(table, { neighbours: DEFAULT_NEIGHBOUR_OPTIONS })

t.test('the split of the last 90 days', async (t) => {
  t.equal(report.setup.cutoff, '2011-09-10T12:50:00.000Z', '2011-12-09 12:50 − 90 days')
  t.equal(report.setup.trainRows + report.setup.testRows, 397_884)
  // the pandas reference (trainer/evaluate/original_reference.py) selects the same customers
  t.equal(report.setup.customersEvaluated, 1_860)
})

t.test('the default model beats most-popular by the issue\'s 1.5× and the original method', async (t) => {
  const { model, baselines, target } = report
  if (baselines === null || target === null) throw new Error('baselines expected')
  const ratio = model.at10.hitRate / baselines.mostPopular.at10.hitRate
  t.ok(ratio >= 1.5, `HR@10 ${model.at10.hitRate.toFixed(4)} is ${ratio.toFixed(3)}× most-popular's ${baselines.mostPopular.at10.hitRate.toFixed(4)}`)
  t.ok(model.at10.hitRate > baselines.original.at10.hitRate, `HR@10 above the original method's ${baselines.original.at10.hitRate.toFixed(4)}`)
  t.ok(model.at10.ndcg > 2 * baselines.mostPopular.at10.ndcg, `NDCG@10 ${model.at10.ndcg.toFixed(4)} over twice most-popular's ${baselines.mostPopular.at10.ndcg.toFixed(4)}`)
  t.match(target, { meetsRatio: true, beatsOriginal: true })
  t.ok(model.coverage > 10 * baselines.mostPopular.coverage, `coverage ${model.coverage.toFixed(3)} vs ${baselines.mostPopular.coverage.toFixed(3)}`)
})
