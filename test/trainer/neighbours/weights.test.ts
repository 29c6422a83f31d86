import t from 'tap'
import { buildPurchaseMatrix } from '../../../trainer/neighbours/purchase-matrix.js'
import { cellWeights, columnNorms } from '../../../trainer/neighbours/weights.js'
import { aggregateRows } from '../../../trainer/aggregates/aggregate.js'
import { row } from './fixtures.js'

const table = aggregateRows([row('a', 'X', 2), row('a', 'X', 1), row('b', 'X', 4), row('b', 'Y', 9)])
const matrix = buildPurchaseMatrix(table, Int32Array.from([0, 1]), 2) // cells: a·X = 3, b·X = 4, b·Y = 9

t.test('each weighting turns summed quantities into cell weights', async (t) => {
  t.same(Array.from(cellWeights(matrix, 'binary')), [1, 1, 1])
  t.same(Array.from(cellWeights(matrix, 'quantity')), [3, 4, 9])
  t.same(Array.from(cellWeights(matrix, 'log-quantity')), [Math.log1p(3), Math.log1p(4), Math.log1p(9)])
})

t.test('column norms are Euclidean', async (t) => {
  t.same(Array.from(columnNorms(matrix, cellWeights(matrix, 'quantity'))), [5, 9])
  t.same(Array.from(columnNorms(matrix, cellWeights(matrix, 'binary'))), [Math.SQRT2, 1])
})
