import t from 'tap'
import { classifyRfm } from '../../../lib/segments/classify.js'
import { classifyBatch, segmentOf } from '../../../services/domain/segment-answers.js'
import { FIXTURE_CUSTOMERS, fixtureModelFiles } from '../../helpers/fixtures.js'

const model = fixtureModelFiles().segments

t.test('segmentOf gives the whole segment the shared classifier picks', async (t) => {
  for (const customer of FIXTURE_CUSTOMERS) {
    const segment = segmentOf(model, customer)
    t.equal(segment, model.segments[classifyRfm(model, customer)], customer.id)
  }
  t.equal(segmentOf(model, { recency: 1, frequency: 80, monetary: 250_000 }).label, 'High-Value')
  t.equal(segmentOf(model, { recency: 300, frequency: 1, monetary: 150 }).label, 'At-Risk')
})

t.test('classifyBatch answers id, segment and label in input order', async (t) => {
  const customers = [...FIXTURE_CUSTOMERS].reverse()
  const results = classifyBatch(model, customers)
  t.same(results, customers.map((c) => {
    const segment = classifyRfm(model, c)
    return { id: c.id, segment, label: model.segments[segment].label }
  }))
  t.same(classifyBatch(model, []), [])
})
