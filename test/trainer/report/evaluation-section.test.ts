import t from 'tap'
import { evaluateRecommendations } from '../../../trainer/evaluate/index.js'
import { evaluationSection } from '../../../trainer/report/evaluation-section.js'
import { syntheticReportInput } from './synthetic-input.js'

const evaluation = evaluateRecommendations(syntheticReportInput().table, { neighbours: { minSupport: 1 } })

t.test('the known shape: verdict, setup, one chart, tables of each method; no wall times', async (t) => {
  const { id, title, body } = await evaluationSection(evaluation)
  t.equal(id, 'evaluation')
  t.equal(title, 'Recommendation quality')
  const markup = body.value
  t.equal((markup.match(/<svg/g) ?? []).length, 1, 'one chart')
  t.match(markup, /this model \(item-kNN\)/)
  t.match(markup, /most popular/)
  t.match(markup, /original method/)
  const hitRate = (evaluation.model.at10.hitRate * 100).toFixed(1) + '%'
  t.match(markup, hitRate, 'the model\'s hit rate @10 is shown')
  t.match(markup, `${evaluation.setup.customersEvaluated} of the ${evaluation.setup.customersWithTestPurchases}`)
  t.notMatch(markup, String(evaluation.model.ms), 'wall time is not shown')
  t.match(markup, evaluation.target?.meetsRatio ? /class="ok">Hit rate/ : /class="fail">Hit rate/)
  t.match(markup, /former defaults \(cosine\)/, 'the former defaults are a row of their own, not a second "this model"')
  t.match(markup, /class="(ok|fail)">NDCG @10 [\d.]+% against the former defaults/)
  t.match(markup, /Model options<\/dt>\s*<dd>EASE, λ 2,000 over the 1,000 most-bought products, top 20 neighbours, minimum support 1, recency half-life 45 days/)
})

t.test('without baselines: the model alone, no verdict', async (t) => {
  const markup = (await evaluationSection({ ...evaluation, baselines: null, target: null })).body.value
  t.match(markup, 'Only the model was evaluated (no baselines).')
  t.match(markup, /this model \(item-kNN\)/)
  t.notMatch(markup, /most popular/)
})
