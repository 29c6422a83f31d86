import t from 'tap'
import { buildCustomerLookup, findCustomer } from '../../../services/domain/customer-lookup.js'

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
