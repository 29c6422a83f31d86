import t from 'tap'
import { buildCustomerLookup, findCustomer } from '../../../services/domain/customer-lookup.js'
import { buildProductLookup, findProduct } from '../../../services/domain/product-lookup.js'

t.test('products are found by code, trimmed and case-insensitively', async (t) => {
  const lookup = buildProductLookup([{ code: '85123A' }, { code: '22423' }, { code: 'POST' }])
  t.equal(findProduct(lookup, '85123A'), 0)
  t.equal(findProduct(lookup, ' 85123a '), 0)
  t.equal(findProduct(lookup, 'post'), 2)
  t.equal(findProduct(lookup, '99999'), undefined)
  t.equal(findProduct(lookup, ''), undefined)
})

t.test('customers are found by id, also as a spreadsheet float', async (t) => {
  const customer = { id: '12347', recency: 1, frequency: 7, monetary: 4310, segment: 0 }
  const lookup = buildCustomerLookup([customer, { id: 'C-9', recency: 3, frequency: 1, monetary: 5, segment: 1 }])
  t.equal(findCustomer(lookup, '12347'), customer)
  t.equal(findCustomer(lookup, ' 12347 '), customer)
  t.equal(findCustomer(lookup, '12347.0'), customer)
  t.equal(findCustomer(lookup, '12347.5'), undefined)
  t.equal(findCustomer(lookup, 'c-9'), undefined, 'ids are case-sensitive')
  t.equal(findCustomer(lookup, '99999'), undefined)
})
