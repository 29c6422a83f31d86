import t from 'tap'
import { customerTableOf } from '../../../lib/artifacts/index.js'
import { buildCustomerLookup, findCustomer, slotCount } from '../../../services/domain/customer-lookup.js'

t.test('customers are found by id, also as a spreadsheet float', async (t) => {
  const customers = [
    { id: '12347', recency: 1, frequency: 7, monetary: 4310, segment: 0 },
    { id: 'C-9', recency: 3, frequency: 1, monetary: 5, segment: 1 },
    { id: '12346', recency: 2, frequency: 1, monetary: 9, segment: 1 }
  ]
  // the table sorts by id: 12346, 12347, C-9
  const table = customerTableOf({ customers }).table
  const lookup = buildCustomerLookup(table.ids)
  t.equal(findCustomer(lookup, '12347'), 1)
  t.equal(table.monetary[findCustomer(lookup, '12347')], 4310)
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

t.test('the hash table finds every id of a large table and nothing between them', async (t) => {
  const customers = Array.from({ length: 5000 }, (_, i) => ({ id: `C${String(i * 2).padStart(6, '0')}`, recency: 1, frequency: 1, monetary: 1, segment: 0 }))
  const lookup = buildCustomerLookup(customerTableOf({ customers }).table.ids)
  t.ok(lookup.slots.length >= 7500 && lookup.slots.length < 16384, `${lookup.slots.length} slots for 5000 ids`)
  let found = 0
  for (let i = 0; i < 5000; i++) {
    if (findCustomer(lookup, `C${String(i * 2).padStart(6, '0')}`) === i) found++
    if (findCustomer(lookup, `C${String(i * 2 + 1).padStart(6, '0')}`) !== -1) t.fail(`found an odd id ${i * 2 + 1}`)
  }
  t.equal(found, 5000)
})

t.test('every id is found when all of them collide in a table of one probe run', async (t) => {
  // a table this small forces long probe runs that wrap around its end
  const customers = Array.from({ length: 11 }, (_, i) => ({ id: `id-${i}`, recency: 1, frequency: 1, monetary: 1, segment: 0 }))
  const table = customerTableOf({ customers }).table
  const lookup = buildCustomerLookup(table.ids)
  t.equal(lookup.slots.length, 32)
  t.equal(lookup.slots.filter((slot) => slot !== 0).length, 11, 'one slot per customer')
  for (let row = 0; row < table.count; row++) {
    const id = Buffer.from(table.ids.bytes.subarray(table.ids.offsets[row], table.ids.offsets[row + 1])).toString('utf8')
    t.equal(findCustomer(lookup, id), row, id)
  }
  t.equal(findCustomer(lookup, 'id-11'), -1)
  t.equal(findCustomer(lookup, 'id-1 '), 1, 'trimmed')
})

t.test('ids in any script, compared as UTF-8 bytes', async (t) => {
  const customers = ['Zoë', 'Zoe', '客户-7', '😀'].map((id) => ({ id, recency: 1, frequency: 1, monetary: 1, segment: 0 }))
  const table = customerTableOf({ customers }).table
  const lookup = buildCustomerLookup(table.ids)
  for (const id of ['Zoë', 'Zoe', '客户-7', '😀']) t.not(findCustomer(lookup, id), -1, id)
  t.equal(findCustomer(lookup, 'Zoé'), -1)
})

t.test('an empty table answers -1, and the table is sized for a load factor ≤ 2/3', async (t) => {
  const lookup = buildCustomerLookup(customerTableOf({ customers: [] }).table.ids)
  t.equal(findCustomer(lookup, '12347'), -1)
  t.equal(slotCount(0), 1)
  t.equal(slotCount(1), 2)
  t.equal(slotCount(10_000_000), 1 << 24)
  for (const count of [2, 3, 100, 4338, 5461, 5462]) t.ok(count / slotCount(count) <= 2 / 3, `${count} ids in ${slotCount(count)} slots`)
})
