import t from 'tap'
import { offerCosinePairs } from '../../../trainer/neighbours/cosine.js'
import { buildPurchaseMatrix, purchaseColumns } from '../../../trainer/neighbours/purchase-matrix.js'
import { TopKHeaps } from '../../../trainer/neighbours/top-k.js'
import { cellWeights, columnNorms } from '../../../trainer/neighbours/weights.js'
import { aggregateRows } from '../../../trainer/aggregates/aggregate.js'
import { row } from './fixtures.js'

// a buys A B; b buys A B C; c buys B C. Binary cosines by hand:
// A·B = 2 / (√2 · √3), A·C = 1 / (√2 · √2), B·C = 2 / (√3 · √2)
const table = aggregateRows([row('a', 'KA'), row('a', 'KB'), row('b', 'KA'), row('b', 'KB'), row('b', 'KC'), row('c', 'KB'), row('c', 'KC')])
const matrix = buildPurchaseMatrix(table, Int32Array.from([0, 1, 2]), 3)
const weights = cellWeights(matrix, 'binary')

function pairs (minSupport: number, damping = new Float64Array([1, 1, 1])): Array<Array<[number, number, number]>> {
  const heaps = new TopKHeaps(3, 2)
  offerCosinePairs({ matrix, columns: purchaseColumns(matrix), weights, norms: columnNorms(matrix, weights), damping, minSupport }, heaps)
  const out = { index: new Int32Array(2), score: new Float64Array(2), support: new Int32Array(2) }
  return [0, 1, 2].map((p) => {
    const count = heaps.drain(p, out)
    return Array.from({ length: count }, (_, u): [number, number, number] => [out.index[u], out.score[u], out.support[u]])
  })
}

t.test('every pair reaches both products, with its cosine and shared customers', async (t) => {
  const ab = 2 / (Math.SQRT2 * Math.sqrt(3))
  const ac = 1 / 2
  const bc = ab
  const rows = pairs(1)
  t.equal(rows[0].length, 2)
  t.same(rows[0].map(([j, , s]) => [j, s]), [[1, 2], [2, 1]])
  t.ok(Math.abs(rows[0][0][1] - ab) < 1e-15 && Math.abs(rows[0][1][1] - ac) < 1e-15, 'A: B then C')
  t.same(rows[1].map(([j, , s]) => [j, s]), [[0, 2], [2, 2]], 'B: A and C tie, the lower index first')
  t.ok(Math.abs(rows[1][0][1] - ab) < 1e-15 && Math.abs(rows[1][1][1] - bc) < 1e-15)
  t.same(rows[2].map(([j]) => j), [1, 0])
})

t.test('pairs below minSupport are not offered', async (t) => {
  const rows = pairs(2)
  t.same(rows.map((r) => r.map(([j]) => j)), [[1], [0, 2], [1]], 'A–C share one customer only')
})

t.test('scores are divided by the neighbour\'s damping divisor', async (t) => {
  const plain = pairs(1)
  const damped = pairs(1, new Float64Array([2, 3, 2])) // as if customers^α were 2, 3, 2
  t.equal(damped[0][0][1], plain[0][0][1] / 3, 'A→B divided by B\'s divisor')
  t.equal(damped[1][0][1], plain[1][0][1] / 2, 'B→A divided by A\'s divisor')
})
