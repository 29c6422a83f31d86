import t from 'tap'
import { Value } from 'typebox/value'
import { CustomersSchema } from '../../lib/artifacts/schema.js'
import { classifyRfm } from '../../lib/segments/classify.js'
import path from 'node:path'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { buildCatalogue } from '../../trainer/catalogue.js'
import { buildCustomerPurchases, buildKnownCustomers } from '../../trainer/customers.js'
import { buildPurchaseMatrix } from '../../trainer/neighbours/purchase-matrix.js'
import { loadAggregates } from '../../trainer/read/load-aggregates.js'
import { computeRfm } from '../../trainer/rfm.js'
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

t.test('purchases: typed rows in customers\' order, each the purchase matrix\'s row', async t => {
  const { aggregates } = await loadAggregates({ input: path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz') })
  const rfm = computeRfm(aggregates)
  const customers = buildKnownCustomers(rfm, buildSegmentModel(rfm, { nInit: 1, kMax: 4 }).model)
  const built = buildCatalogue(aggregates)
  const purchases = buildCustomerPurchases(aggregates, built, customers)
  // typed arrays sized up front: a JS array aborts V8 past ~112M elements (10M customers buy ~93M products)
  t.ok(purchases.offsets instanceof Uint32Array && purchases.products instanceof Uint32Array)
  t.equal(purchases.offsets.length, customers.customers.length + 1)
  const matrix = buildPurchaseMatrix(aggregates, built.catalogueIndex, built.catalogue.products.length)
  const row = new Map(aggregates.customerIds.map((id, c) => [id, c]))
  let differ = 0
  customers.customers.forEach(({ id }, i) => {
    const c = row.get(id) as number
    const expected = matrix.product.subarray(matrix.rowOffsets[c], matrix.rowOffsets[c + 1]).join()
    if (purchases.products.subarray(purchases.offsets[i], purchases.offsets[i + 1]).join() !== expected) differ++
  })
  t.equal(differ, 0)
  t.equal(purchases.products.length, purchases.offsets[customers.customers.length])
})
