import t from 'tap'
import { customerBatch } from '../../../bench/lib/customer-batch.js'

const known = [
  { id: '12346', recency: 326, frequency: 1, monetary: 77183.6 },
  { id: '12347', recency: 2, frequency: 7, monetary: 4310 },
  { id: '12348', recency: 75, frequency: 4, monetary: 1797.24 }
]

t.test('real customers in order, repeated with distinct ids when more are asked for', async (t) => {
  const batch = customerBatch(known, 7)
  t.same(batch.map((c) => c.id), ['12346', '12347', '12348', '12346#2', '12347#2', '12348#2', '12346#3'])
  t.same(batch[4], { id: '12347#2', recency: 2, frequency: 7, monetary: 4310 }, 'same RFM values as the real customer')
  t.equal(new Set(batch.map((c) => c.id)).size, 7)
  t.same(customerBatch(known, 2).map((c) => c.id), ['12346', '12347'])
})

t.test('only id and RFM values go into the batch (customers.json also has the segment)', async (t) => {
  const [first] = customerBatch([{ ...known[0], segment: 1 } as typeof known[0]], 1)
  t.same(Object.keys(first).sort(), ['frequency', 'id', 'monetary', 'recency'])
})

t.test('no customers to build from is an error', async (t) => {
  t.throws(() => customerBatch([], 10), RangeError)
})
