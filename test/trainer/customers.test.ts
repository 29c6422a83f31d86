import t from 'tap'
import { Value } from 'typebox/value'
import { CustomersSchema } from '../../lib/artifacts/schema.js'
import { classifyRfm } from '../../lib/segments/classify.js'
import { buildKnownCustomers } from '../../trainer/customers.js'
import { buildSegmentModel } from '../../trainer/segments/index.js'
import { fourKindsOfCustomers, rfmTable } from './segments/fixtures.js'

t.test('every customer with RFM values and segment, sorted by id', async t => {
  const rfm = fourKindsOfCustomers(20)
  const { model, assignments } = buildSegmentModel(rfm, { nInit: 2, kMax: 4 })
  const { customers } = buildKnownCustomers(rfm, model)
  t.ok(Value.Check(CustomersSchema, { customers }))
  t.equal(customers.length, rfm.customerIds.length)
  t.ok(customers.every((c, i) => i === 0 || customers[i - 1].id < c.id))
  const index = new Map(rfm.customerIds.map((id, i) => [id, i]))
  for (const customer of customers) {
    const i = index.get(customer.id) as number
    t.same([customer.recency, customer.frequency, customer.monetary], [rfm.recency[i], rfm.frequency[i], rfm.monetary[i]])
    t.equal(customer.segment, classifyRfm(model, customer))
    t.equal(customer.segment, assignments[i])
  }
})

t.test('sorts by code unit, not by locale or number', async t => {
  const rfm = rfmTable([['b', 1, 1, 1], ['10', 1, 1, 1], ['9', 1, 1, 1], ['B', 2, 2, 2], ['a', 3, 3, 3]])
  const { model } = buildSegmentModel(rfm, { k: 2, kMax: 2, nInit: 1 })
  t.same(buildKnownCustomers(rfm, model).customers.map(c => c.id), ['10', '9', 'B', 'a', 'b'])
})
