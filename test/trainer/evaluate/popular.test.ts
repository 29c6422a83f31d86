import t from 'tap'
import { recommendPopular } from '../../../trainer/evaluate/popular.js'

t.test('the most popular products, minus what the customer already bought', async (t) => {
  const popularity = [5, 3, 8, 1, 9, 2]
  t.same(recommendPopular(popularity, [3, 1], 3), [5, 8, 9])
  t.same(recommendPopular(popularity, [], 2), [5, 3])
  t.same(recommendPopular(popularity, [5, 3, 8, 1, 9], 10), [2], 'fewer than k when the ranking runs out')
  t.same(recommendPopular(popularity, Int32Array.from([7, 9]), 10), [5, 3, 8, 1, 2], 'typed-array histories; products outside the ranking are ignored')
})
