// The evaluation on the bundled Online Retail data with the trainer's defaults: the numbers the
// README reports, held to what they showed when the defaults were chosen.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { skipWithout } from '../../helpers/system-tools.js'
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

t.test('the default model beats most-popular by issue 10\'s 1.6×, the former defaults\' NDCG by 5 %, and the original method', async (t) => {
  const { model, baselines, target } = report
  if (baselines === null || target === null) throw new Error('baselines expected')
  const ratio = model.at10.hitRate / baselines.mostPopular.at10.hitRate
  t.ok(ratio >= 1.6, `HR@10 ${model.at10.hitRate.toFixed(4)} is ${ratio.toFixed(3)}× most-popular's ${baselines.mostPopular.at10.hitRate.toFixed(4)}`)
  const former = baselines.formerDefaults
  if (former === undefined) throw new Error('the former defaults are a baseline')
  t.ok(model.at10.ndcg >= 1.05 * former.at10.ndcg, `NDCG@10 ${model.at10.ndcg.toFixed(4)} vs the former defaults' ${former.at10.ndcg.toFixed(4)}`)
  t.match(target, { meetsNdcg: true })
  t.ok(model.at10.hitRate > baselines.original.at10.hitRate, `HR@10 above the original method's ${baselines.original.at10.hitRate.toFixed(4)}`)
  t.ok(model.at10.ndcg > 2 * baselines.mostPopular.at10.ndcg, `NDCG@10 ${model.at10.ndcg.toFixed(4)} over twice most-popular's ${baselines.mostPopular.at10.ndcg.toFixed(4)}`)
  t.match(target, { meetsRatio: true, beatsOriginal: true })
  t.ok(model.coverage > 10 * baselines.mostPopular.coverage, `coverage ${model.coverage.toFixed(3)} vs ${baselines.mostPopular.coverage.toFixed(3)}`)
})

// the second data set of the issue, beside the project (../shared/data): the same targets
const SECOND = fileURLToPath(new URL('../../../../shared/data/online_retail_ii.csv.gz', import.meta.url))
t.test('Online Retail II: the same defaults meet the same targets', { skip: skipWithout(SECOND, 'the project\'s shared data beside the clone: ../shared/data') }, async (t) => {
  const { table } = await loadCleanTransactions({ input: SECOND })
  const { model, baselines, target, setup } = evaluateRecommendations(table, { neighbours: DEFAULT_NEIGHBOUR_OPTIONS })
  if (baselines === null || target === null || baselines.formerDefaults === undefined) throw new Error('baselines expected')
  t.equal(setup.customersEvaluated, 2_204)
  t.match(target, { meetsRatio: true, meetsNdcg: true, beatsOriginal: true },
    `HR@10 ${model.at10.hitRate.toFixed(4)} = ${target.ratioVsMostPopular?.toFixed(3)}× most-popular; NDCG@10 ${model.at10.ndcg.toFixed(4)} vs ${baselines.formerDefaults.at10.ndcg.toFixed(4)}`)
})
