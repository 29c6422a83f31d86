import t from 'tap'
import { median, medianByKey } from '../../../bench/lib/stats.js'

t.test('median of odd and even counts, unsorted input left untouched', async (t) => {
  const input = [5, 1, 3]
  t.equal(median(input), 3)
  t.same(input, [5, 1, 3])
  t.equal(median([4, 1, 3, 2]), 2.5)
  t.equal(median([7]), 7)
})

t.test('median of nothing is an error', async (t) => {
  t.throws(() => median([]), RangeError)
})

t.test('medianByKey takes each key over the records that have it', async (t) => {
  const result = medianByKey([{ read: 10, clean: 4 }, { read: 30, clean: 2 }, { read: 20 }])
  t.same(result, { read: 20, clean: 3 })
})
