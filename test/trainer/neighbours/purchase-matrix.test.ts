import t from 'tap'
import { buildPurchaseMatrix, columnCounts, purchaseColumns, type PurchaseMatrix } from '../../../trainer/neighbours/purchase-matrix.js'
import { aggregatedLog } from '../../helpers/trainer-data.js'
import { randomTable, row } from './fixtures.js'

function rowsOf (matrix: PurchaseMatrix): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = []
  for (let c = 0; c < matrix.customers; c++) {
    const cells: Array<[number, number]> = []
    for (let k = matrix.rowOffsets[c]; k < matrix.rowOffsets[c + 1]; k++) cells.push([matrix.product[k], matrix.quantity[k]])
    out.push(cells)
  }
  return out
}

t.test('one cell per customer and product, quantities summed, columns ascending', async (t) => {
  // aggregates products in code-unit order: W=0, X=1, Y=2, Z=3
  const table = aggregatedLog([
    row('a', 'X', 2), row('b', 'Y', 1), row('a', 'Z', 1), row('a', 'X', 3),
    row('b', 'X', 4), row('a', 'W', 7), row('b', 'Y', 5), row('c', 'Z', 0)
  ])
  // columns in another order than the table's, and W left out
  const matrix = buildPurchaseMatrix(table, Int32Array.from([-1, 2, 0, 1]), 3)
  t.equal(matrix.customers, 3)
  t.same(rowsOf(matrix), [
    [[1, 1], [2, 5]], // a: Z (column 1), X (column 2) 2 + 3; W left out
    [[0, 6], [2, 4]], // b: Y twice, X
    [] // c: a zero quantity is no purchase
  ])
  t.same(Array.from(columnCounts(matrix)), [1, 1, 2])
})

t.test('the column view lists the same cells, customers ascending, pointing back into the rows', async (t) => {
  const table = randomTable(3)
  const identity = Int32Array.from(table.productCodes.keys())
  const matrix = buildPurchaseMatrix(table, identity, table.productCodes.length)
  const columns = purchaseColumns(matrix)
  t.equal(columns.colOffsets[matrix.products], matrix.product.length)
  let problems = 0
  for (let p = 0; p < matrix.products; p++) {
    for (let s = columns.colOffsets[p]; s < columns.colOffsets[p + 1]; s++) {
      const c = columns.customer[s]
      const k = columns.entry[s]
      if (matrix.product[k] !== p || k < matrix.rowOffsets[c] || k >= matrix.rowOffsets[c + 1]) problems++
      if (s > columns.colOffsets[p] && columns.customer[s - 1] >= c) problems++
    }
  }
  t.equal(problems, 0)

  // every (customer, product) of the table appears exactly once, with its summed quantity
  const expected = new Map<string, number>()
  for (let r = 0; r < table.length; r++) {
    const key = `${table.customer[r]}:${table.product[r]}`
    expected.set(key, (expected.get(key) ?? 0) + table.quantity[r])
  }
  const actual = new Map<string, number>()
  rowsOf(matrix).forEach((cells, c) => { for (const [p, q] of cells) actual.set(`${c}:${p}`, q) })
  t.same(actual, expected)
})
