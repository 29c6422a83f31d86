import t from 'tap'
import { percentile } from '../../../bench/lib/percentile.js'

t.test('nearest rank: a measured value, never an interpolation; the input is left untouched', async (t) => {
  const input = [40, 10, 30, 20]
  t.equal(percentile(input, 50), 20)
  t.equal(percentile(input, 99), 40)
  t.equal(percentile(input, 100), 40)
  t.equal(percentile(input, 25), 10)
  t.same(input, [40, 10, 30, 20])
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
  t.equal(percentile(hundred, 99), 99)
  t.equal(percentile(hundred, 50), 50)
})

t.test('an empty list or a percentile outside (0, 100] is an error', async (t) => {
  t.throws(() => percentile([], 50), RangeError)
  t.throws(() => percentile([1], 0), RangeError)
  t.throws(() => percentile([1], 101), RangeError)
})
