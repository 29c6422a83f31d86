import t from 'tap'
import { evaluateRecommendations } from '../../../trainer/evaluate/index.js'
import { evaluationSection, flattenScalars, isEvaluationReport } from '../../../trainer/report/evaluation-section.js'
import { syntheticReportInput } from './synthetic-input.js'

const evaluation = evaluateRecommendations(syntheticReportInput().table, { neighbours: { minSupport: 1 } })

t.test('isEvaluationReport: the shape trainer/evaluate produces, with or without baselines', async (t) => {
  t.ok(isEvaluationReport(evaluation))
  t.ok(isEvaluationReport(JSON.parse(JSON.stringify(evaluation))), 'as read back from manifest.json')
  t.ok(isEvaluationReport({ ...evaluation, baselines: null, target: null }))
  t.notOk(isEvaluationReport(null))
  t.notOk(isEvaluationReport({ hitRate: 0.5 }))
  t.notOk(isEvaluationReport({ ...evaluation, model: { ...evaluation.model, at10: { hitRate: 0.5 } } }), 'a method without every metric')
})

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
})

t.test('any other shape is listed value by value, escaped, wall times left out', async (t) => {
  const odd = { method: '<b>new</b>', scores: { hit: 0.123456, n: 1200 }, ms: 987.6, buildMs: 55, list: [1, 2] }
  t.same(flattenScalars(odd), [['list.0', '1'], ['list.1', '2'], ['method', '<b>new</b>'], ['scores.hit', '0.1235'], ['scores.n', '1,200']])
  const markup = (await evaluationSection(odd)).body.value
  t.match(markup, '&lt;b&gt;new&lt;/b&gt;')
  t.notMatch(markup, '<b>new')
  t.notMatch(markup, '987')
  t.match((await evaluationSection(42)).body.value, '<dd>42</dd>', 'even a bare value')
})
