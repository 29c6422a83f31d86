import t from 'tap'
import { loadAggregates } from '../../../trainer/read/load-aggregates.js'
import { BUNDLED_INPUT } from '../../../trainer/read/options.js'
import { computeRfm } from '../../../trainer/rfm.js'
import { buildCustomerValues } from '../../../trainer/value/index.js'
import { valueSection } from '../../../trainer/report/value-section.js'

// the bundled data: the report must say that dropout is degenerate there, and where the model
// does not beat the naive baseline (expected revenue's RMSE)
const { aggregates } = await loadAggregates({ input: BUNDLED_INPUT })
const rfm = computeRfm(aggregates, {})
const ids = [...aggregates.customerIds]

t.test('the fit, the dropout verdict in words, the comparison with the naive baseline and a calibration chart', async (t) => {
  const value = buildCustomerValues(aggregates, rfm, ids, { valueHorizonDays: 90, evaluate: true })
  if (value === null || value.report.evaluation == null) throw new Error('a fit with an evaluation expected')
  const { id, title, body } = await valueSection(value.report)
  t.equal(id, 'value')
  t.equal(title, 'Customer lifetime value')
  const markup = body.value
  t.match(markup, /Dropout<\/dt>\s*<dd>degenerate: the data cannot tell when customers stop buying/)
  t.match(markup, 'P(alive) is not served rather than shown as 1')
  t.match(markup, /class="ok">Expected purchases, RMSE: better than the naive baseline/)
  t.match(markup, /class="fail">Expected revenue, RMSE: not better than the naive baseline/, 'a miss is said, not hidden')
  t.match(markup, `${value.report.evaluation.customers.toLocaleString('en-GB')} customers`)
  t.equal((markup.match(/<svg/g) ?? []).length, 1, 'the calibration chart')
})

t.test('without --evaluate: the fit alone, and how to get the evaluation', async (t) => {
  const value = buildCustomerValues(aggregates, rfm, ids, { valueHorizonDays: 30, evaluate: false })
  if (value === null) throw new Error('a fit expected')
  const markup = (await valueSection(value.report)).body.value
  t.match(markup, 'the next 30 days')
  t.match(markup, 'Train with <code>--evaluate</code>')
  t.notMatch(markup, /<svg/)
})
