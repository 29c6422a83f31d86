import t from 'tap'
import { customerTableOf } from '../../../lib/artifacts/index.js'
import { findCustomer } from '../../../services/domain/customer-lookup.js'

t.test('customers are found by id, also as a spreadsheet float', async (t) => {
  const customers = [
    { id: '12347', recency: 1, frequency: 7, monetary: 4310, segment: 0 },
    { id: 'C-9', recency: 3, frequency: 1, monetary: 5, segment: 1 },
    { id: '12346', recency: 2, frequency: 1, monetary: 9, segment: 1 }
  ]
  // the table sorts by id: 12346, 12347, C-9
  const lookup = customerTableOf({ customers }).table
  t.equal(findCustomer(lookup, '12347'), 1)
  t.equal(lookup.monetary[findCustomer(lookup, '12347')], 4310)
  t.equal(findCustomer(lookup, ' 12347 '), 1)
  t.equal(findCustomer(lookup, '12347.0'), 1)
  t.equal(findCustomer(lookup, '12346'), 0)
  t.equal(findCustomer(lookup, 'C-9'), 2)
  t.equal(findCustomer(lookup, '12347.5'), -1)
  t.equal(findCustomer(lookup, 'c-9'), -1, 'ids are case-sensitive')
  t.equal(findCustomer(lookup, '99999'), -1)
  t.equal(findCustomer(lookup, '1234'), -1, 'a prefix of an id is not the id')
  t.equal(findCustomer(lookup, ''), -1)
})

t.test('the binary search finds every id of a large table and nothing between them', async (t) => {
  const customers = Array.from({ length: 5000 }, (_, i) => ({ id: `C${String(i * 2).padStart(6, '0')}`, recency: 1, frequency: 1, monetary: 1, segment: 0 }))
  const lookup = customerTableOf({ customers }).table
  let found = 0
  for (let i = 0; i < 5000; i++) {
    if (findCustomer(lookup, `C${String(i * 2).padStart(6, '0')}`) === i) found++
    if (findCustomer(lookup, `C${String(i * 2 + 1).padStart(6, '0')}`) !== -1) t.fail(`found an odd id ${i * 2 + 1}`)
  }
  t.equal(found, 5000)
})
