import t from 'tap'
import { countDistinctPoints } from '../../../trainer/segments/points.js'
import { pointsFromRows, pointsToRows } from '../../helpers/trainer-data.js'

t.test('rows round-trip through the row-major matrix', async t => {
  const rows = [[1, 2, 3], [4, 5, 6]]
  const points = pointsFromRows(rows)
  t.same({ n: points.n, dims: points.dims }, { n: 2, dims: 3 })
  t.same(Array.from(points.values), [1, 2, 3, 4, 5, 6])
  t.same(pointsToRows(points), rows)
  t.throws(() => pointsFromRows([[1, 2], [3]]), RangeError)
})

t.test('countDistinctPoints counts exact coordinates', async t => {
  t.equal(countDistinctPoints(pointsFromRows([[1, 2], [1, 2], [2, 1], [1, 2.0000001]])), 3)
})
