import t, { type Test } from 'tap'
import { Matrix, inverse } from 'ml-matrix'
import { Value } from 'typebox/value'
import { NeighboursSchema } from '../../../lib/artifacts/index.js'
import { buildRecommendIndex, recommendForBasket } from '../../../lib/recommend/index.js'
import { buildCatalogue, type BuiltCatalogue } from '../../../trainer/catalogue.js'
import { buildNeighbours } from '../../../trainer/neighbours/index.js'
import {
  MAX_DENSE_PRODUCTS, buildEaseNeighbours, mergeRows, resolveEaseOptions, selectDenseProducts, tailScale, type DenseProducts
} from '../../../trainer/neighbours/ease.js'
import { buildPurchaseMatrix } from '../../../trainer/neighbours/purchase-matrix.js'
import { recommendableColumns, type SparseRows } from '../../../trainer/neighbours/sparse-rows.js'
import { aggregatedLog, type AggregatedLog } from '../../helpers/trainer-data.js'
import { randomTable, row, rowOf, type DenseNeighbour } from './fixtures.js'

/** Binary customer × product matrix over the recommendable catalogue products (dense rows). */
function binaryX (table: AggregatedLog, built: BuiltCatalogue): number[][] {
  const { products } = built.catalogue
  const x = Array.from({ length: table.customerIds.length }, () => new Array<number>(products.length).fill(0))
  for (let r = 0; r < table.length; r++) {
    const p = built.catalogueIndex[table.product[r]]
    if (products[p].recommendable && table.quantity[r] > 0) x[table.customer[r]][p] = 1
  }
  return x
}

/**
 * EASE by the textbook over the given products (catalogue indices): B = I − P·diag(1/diag P),
 * P = (XᵀX + λI)⁻¹ by ml-matrix; every row's positive weights with ≥ minSupport shared
 * customers, best first (ties to the lower index), as catalogue indices.
 */
function referenceRows (x: number[][], columns: number[], lambda: number, minSupport: number): Map<number, DenseNeighbour[]> {
  const n = columns.length
  const gram = Matrix.zeros(n, n)
  for (const customer of x) {
    for (let a = 0; a < n; a++) {
      if (customer[columns[a]] === 0) continue
      for (let b = 0; b < n; b++) gram.set(a, b, gram.get(a, b) + customer[columns[b]])
    }
  }
  const shared = gram.clone()
  for (let a = 0; a < n; a++) gram.set(a, a, gram.get(a, a) + lambda)
  const p = inverse(gram)
  const rows = new Map<number, DenseNeighbour[]>()
  for (let a = 0; a < n; a++) {
    const out: DenseNeighbour[] = []
    for (let b = 0; b < n; b++) {
      const weight = (a === b ? 1 : 0) - p.get(a, b) / p.get(b, b)
      if (a !== b && weight > 0 && shared.get(a, b) >= minSupport) out.push({ neighbour: columns[b], score: weight, shared: shared.get(a, b) })
    }
    rows.set(columns[a], out.sort((u, v) => (v.score - u.score) || (u.neighbour - v.neighbour)))
  }
  return rows
}

function recommendableBought (table: AggregatedLog, built: BuiltCatalogue): number[] {
  const x = binaryX(table, built)
  return built.catalogue.products.map((_, p) => p).filter((p) => x.some((customer) => customer[p] === 1))
}

function sameRow (t: Test, got: DenseNeighbour[], expected: DenseNeighbour[], what: string): void {
  t.same(got.map((e) => e.neighbour), expected.map((e) => e.neighbour), `${what}: neighbours`)
  t.same(got.map((e) => e.shared), expected.map((e) => e.shared), `${what}: shared customers`)
  const worst = Math.max(0, ...got.map((e, u) => Math.abs(e.score - (expected[u]?.score ?? Infinity))))
  t.ok(worst < 1e-12, `${what}: weights within ${worst.toExponential(2)}`)
}

t.test('full EASE (every product dense) is the textbook closed form, row by row', async (t) => {
  for (const seed of [1, 2]) {
    const table = randomTable(seed)
    const built = buildCatalogue(table)
    const x = binaryX(table, built)
    const columns = recommendableBought(table, built)
    for (const [lambda, minSupport, topK] of [[0.5, 1, 100], [10, 1, 100], [10, 3, 100], [50, 2, 4]]) {
      const { neighbours, summary } = buildEaseNeighbours(table, built, { lambda, minSupport, topK, maxDenseProducts: 1000 })
      t.equal(summary.denseProducts, columns.length, 'every bought recommendable product is dense')
      t.equal(summary.tailProducts, 0)
      t.equal(summary.denseCellShare, 1)
      const reference = referenceRows(x, columns, lambda, minSupport)
      let compared = 0
      for (let p = 0; p < built.catalogue.products.length; p++) {
        const expected = (reference.get(p) ?? []).slice(0, topK)
        compared += expected.length
        sameRow(t, rowOf(neighbours, p), expected, `seed ${seed} λ ${lambda} minSupport ${minSupport} topK ${topK} ${built.catalogue.products[p].code}`)
      }
      t.ok(compared > 0, `${compared} weights compared`)
    }
  }
})

t.test('a hand-sized example: weights by hand, zero diagonal, schema, served by recommendForBasket', async (t) => {
  // a: KA KB · b: KA KB KC · c: KB KC → XᵀX = [[2,2,1],[2,3,2],[1,2,2]]
  const table = aggregatedLog([row('a', 'KA'), row('a', 'KB'), row('b', 'KA'), row('b', 'KB'), row('b', 'KC'), row('c', 'KB'), row('c', 'KC')])
  const built = buildCatalogue(table)
  const lambda = 1
  const { neighbours } = buildEaseNeighbours(table, built, { lambda, minSupport: 1 })
  const p = inverse(new Matrix([[3, 2, 1], [2, 4, 2], [1, 2, 3]]))
  const weight = (i: number, j: number): number => -p.get(i, j) / p.get(j, j)
  // P = [[8,−4,0],[−4,8,−4],[0,−4,8]] / 16: B[KA][KC] = B[KC][KA] = 0, not > 0, so left out
  t.same(rowOf(neighbours, 0).map((e) => e.neighbour), [1])
  t.same(rowOf(neighbours, 1).map((e) => e.neighbour), [0, 2], 'KB: KA and KC tie, the lower index first')
  t.same(rowOf(neighbours, 2).map((e) => e.neighbour), [1])
  t.ok(Math.abs(rowOf(neighbours, 0)[0].score - weight(0, 1)) < 1e-15, 'B[KA][KB] by hand')
  t.ok(Math.abs(weight(0, 1) - 0.5) < 1e-15, 'which is 1/2')
  t.same(rowOf(neighbours, 1).map((e) => e.shared), [2, 2])
  for (let q = 0; q < 3; q++) t.notOk(rowOf(neighbours, q).some((e) => e.neighbour === q), `no product is its own neighbour (${q})`)
  t.ok(Value.Check(NeighboursSchema, neighbours), 'a valid neighbours.json under the current schema')
  t.match(neighbours, { weighting: 'binary', topK: 20, minSupport: 1, popularityDamping: 0 })
  const index = buildRecommendIndex(neighbours, built.catalogue)
  const { items } = recommendForBasket(index, [0], { limit: 2, fill: 'none' })
  t.same(items.map((item) => item.product), [1], 'the service path serves the EASE row')
})

t.test('topK keeps the K largest weights; minSupport drops thin pairs; non-products never appear', async (t) => {
  const table = randomTable(3)
  const built = buildCatalogue(table)
  const x = binaryX(table, built)
  const columns = recommendableBought(table, built)
  const reference = referenceRows(x, columns, 20, 1)
  for (const topK of [1, 3, 7]) {
    const { neighbours } = buildEaseNeighbours(table, built, { lambda: 20, minSupport: 1, topK })
    for (const p of columns) sameRow(t, rowOf(neighbours, p), (reference.get(p) ?? []).slice(0, topK), `topK ${topK} ${p}`)
  }
  const strict = buildEaseNeighbours(table, built, { lambda: 20, minSupport: 4, topK: 100 }).neighbours
  t.ok(strict.sharedCustomers.every((shared) => shared >= 4), 'minSupport 4: every kept pair has 4 shared customers')
  const nonProducts = built.catalogue.products.flatMap((product, p) => (product.recommendable ? [] : [p]))
  t.ok(nonProducts.length > 0, 'the fixture has non-product codes')
  t.notOk(strict.neighbour.some((p) => nonProducts.includes(p)), 'no non-product code is anyone\'s neighbour')
  t.ok(nonProducts.every((p) => strict.offsets[p + 1] === strict.offsets[p]), 'and none has neighbours')
})

t.test('deterministic: the same input and options give the same file', async (t) => {
  const table = randomTable(5)
  const built = buildCatalogue(table)
  const options = { lambda: 7, minSupport: 2, topK: 6, maxDenseProducts: 12 }
  t.same(buildEaseNeighbours(table, built, options).neighbours, buildEaseNeighbours(table, built, options).neighbours)
})

t.test('maxDenseProducts: EASE over the most-bought products, scaled cosine rows for the tail', async (t) => {
  const table = randomTable(6, 80, 40, 1400)
  const built = buildCatalogue(table)
  const x = binaryX(table, built)
  const options = { lambda: 15, minSupport: 1, topK: 8, maxDenseProducts: 15 }
  const { neighbours, summary } = buildEaseNeighbours(table, built, options)
  const matrix = buildPurchaseMatrix(table, recommendableColumns(table, built).columnOf, built.catalogue.products.length)
  const dense = selectDenseProducts(matrix, 15)
  const customers = built.catalogue.products.map((product) => product.customers)
  const bought = recommendableBought(table, built)
  t.equal(summary.denseProducts, 15)
  t.equal(summary.tailProducts, bought.length - 15)
  const least = Math.min(...Array.from(dense.product, (p) => customers[p]))
  t.ok(bought.every((p) => dense.denseOf[p] >= 0 || customers[p] <= least), 'the dense products are the most-bought')
  t.ok(summary.denseCellShare > 15 / bought.length && summary.denseCellShare < 1, `they carry ${summary.denseCellShare.toFixed(3)} of the purchases`)

  const reference = referenceRows(x, Array.from(dense.product), options.lambda, options.minSupport)
  for (const p of dense.product) sameRow(t, rowOf(neighbours, p), (reference.get(p) ?? []).slice(0, options.topK), `dense ${p}`)
  const cosine = buildNeighbours(table, built, { similarity: 'cosine', weighting: 'binary', topK: options.topK, minSupport: options.minSupport, popularityDamping: 0 })
  t.ok(summary.tailScale > 0 && summary.tailScale < 1, `tail scale ${summary.tailScale}`)
  for (const p of bought.filter((q) => dense.denseOf[q] < 0)) {
    const expected = rowOf(cosine, p).map((e) => ({ ...e, score: e.score * summary.tailScale }))
    sameRow(t, rowOf(neighbours, p), expected, `tail ${p}: cosine × scale`)
  }
  t.ok(Value.Check(NeighboursSchema, neighbours), 'a valid neighbours.json')
})

t.test('tailScale: the median best-weight ratio over the least-bought tenth of the dense products', async (t) => {
  const rows = (scores: number[][]): SparseRows => {
    const offsets = [0]
    for (const s of scores) offsets.push(offsets[offsets.length - 1] + s.length)
    return { offsets, neighbour: scores.flatMap((s) => s.map(() => 0)), score: scores.flat(), sharedCustomers: scores.flatMap((s) => s.map(() => 1)) }
  }
  const denseOf = Int32Array.from({ length: 12 }, (_, p) => (p < 11 ? p : -1))
  const dense: DenseProducts = { product: Int32Array.from({ length: 11 }, (_, p) => p), denseOf, cells: 0, totalCells: 0 }
  // customers: product p has 100 − p, so products 10 and 9 are the least-bought (ceil(11 · 0.1) = 2)
  const customers = Array.from({ length: 12 }, (_, p) => 100 - p)
  const ease = rows(Array.from({ length: 12 }, (_, p) => (p === 11 ? [] : [0.01 * (p + 1)])))
  const cosine = rows(Array.from({ length: 12 }, () => [0.5]))
  t.equal(tailScale(ease, cosine, dense, customers), (0.01 * 10 / 0.5 + 0.01 * 11 / 0.5) / 2, 'mean of the two middle ratios')
  t.equal(tailScale(rows(Array.from({ length: 12 }, () => [])), cosine, dense, customers), 1, 'no EASE weight at all: 1')
  const merged = mergeRows(ease, cosine, dense, 0.5)
  t.same(merged.score, [...ease.score, 0.25], 'dense rows as they are, the tail × scale')
})

t.test('options are checked once, with the limits in the message', async (t) => {
  t.same(resolveEaseOptions({}), { lambda: 500, topK: 20, minSupport: 10, maxDenseProducts: 1000, halfLifeDays: 'none' })
  for (const bad of [{ lambda: 0 }, { lambda: -1 }, { lambda: Number.NaN }, { topK: 0 }, { topK: 2.5 }, { minSupport: 0 },
    { maxDenseProducts: 0 }, { maxDenseProducts: MAX_DENSE_PRODUCTS + 1 }]) {
    t.throws(() => resolveEaseOptions(bad), { code: 'ERR_USAGE' }, JSON.stringify(bad))
  }
  t.equal(MAX_DENSE_PRODUCTS, 2000)
  t.throws(() => resolveEaseOptions({ maxDenseProducts: 2001 }), /maxDenseProducts must be an integer from 1 to 2000, got 2001/)
})

/** A random log with purchase dates spread over a year (randomTable's are all at 0). */
function datedTable (seed: number): AggregatedLog {
  const base = randomTable(seed)
  let state = seed * 7919
  const next = (): number => { state = (state * 48271) % 2147483647; return state / 2147483647 }
  const rows = Array.from({ length: base.length }, (_, r) => ({
    ...row(base.customerIds[base.customer[r]], base.productCodes[base.product[r]], base.quantity[r]),
    invoiceDate: Math.floor(next() * 365) * 86_400_000
  }))
  return aggregatedLog(rows)
}

t.test('recency decay: EASE on the decayed matrix is the textbook closed form with λ on the binary scale', async (t) => {
  for (const seed of [4, 5]) {
    const table = datedTable(seed)
    const built = buildCatalogue(table)
    const columns = recommendableBought(table, built)
    const binary = binaryX(table, built)
    // x[c][p] = 0.5^((latest purchase − c's last purchase of p) / half-life)
    const last = binary.map((customer) => customer.map(() => -Infinity))
    for (let r = 0; r < table.length; r++) {
      const p = built.catalogueIndex[table.product[r]]
      if (built.catalogue.products[p].recommendable) last[table.customer[r]][p] = Math.max(last[table.customer[r]][p], table.invoiceDate[r])
    }
    const reference = Math.max(...last.flat())
    for (const halfLifeDays of [30, 90]) {
      const x = last.map((customer) => customer.map((l) => (l === -Infinity ? 0 : Math.pow(0.5, (reference - l) / (halfLifeDays * 86_400_000)))))
      const lambda = 10
      const n = columns.length
      let traceWeighted = 0
      let traceCounts = 0
      for (let a = 0; a < n; a++) {
        for (const customer of x) traceWeighted += customer[columns[a]] ** 2
        for (const customer of binary) traceCounts += customer[columns[a]]
      }
      const gram = Matrix.zeros(n, n)
      const shared = Matrix.zeros(n, n)
      for (let c = 0; c < x.length; c++) {
        for (let a = 0; a < n; a++) {
          for (let b = 0; b < n; b++) {
            gram.set(a, b, gram.get(a, b) + x[c][columns[a]] * x[c][columns[b]])
            shared.set(a, b, shared.get(a, b) + binary[c][columns[a]] * binary[c][columns[b]])
          }
        }
      }
      for (let a = 0; a < n; a++) gram.set(a, a, gram.get(a, a) + lambda * traceWeighted / traceCounts)
      const p = inverse(gram)
      const { neighbours, summary } = buildEaseNeighbours(table, built, { lambda, minSupport: 2, topK: 100, maxDenseProducts: 1000, halfLifeDays })
      t.ok(Math.abs(summary.lambdaUsed - lambda * traceWeighted / traceCounts) < 1e-9, `λ used ${summary.lambdaUsed.toFixed(3)}: λ × mean decay weight`)
      t.ok(summary.lambdaUsed < lambda, 'decayed purchases weigh less than 1, so does λ')
      let compared = 0
      for (let a = 0; a < n; a++) {
        const expected: DenseNeighbour[] = []
        for (let b = 0; b < n; b++) {
          const weight = -p.get(a, b) / p.get(b, b)
          if (a !== b && weight > 0 && shared.get(a, b) >= 2) expected.push({ neighbour: columns[b], score: weight, shared: shared.get(a, b) })
        }
        expected.sort((u, v) => (v.score - u.score) || (u.neighbour - v.neighbour))
        compared += expected.length
        sameRow(t, rowOf(neighbours, columns[a]), expected, `seed ${seed} half-life ${halfLifeDays} ${built.catalogue.products[columns[a]].code}`)
      }
      t.ok(compared > 0, `${compared} weights compared`)
    }
  }
})

t.test("recency decay: purchases on one day decay alike, so the model is the undecayed one; 'none' is binary", async (t) => {
  const table = randomTable(6) // every purchase at time 0
  const built = buildCatalogue(table)
  const plain = buildEaseNeighbours(table, built, { lambda: 20, minSupport: 1, maxDenseProducts: 10 })
  t.same(buildEaseNeighbours(table, built, { lambda: 20, minSupport: 1, maxDenseProducts: 10, halfLifeDays: 45 }).neighbours, plain.neighbours, 'with a cosine tail too')
  t.same(buildEaseNeighbours(table, built, { lambda: 20, minSupport: 1, maxDenseProducts: 10, halfLifeDays: 'none' }).neighbours, plain.neighbours)
  const dated = datedTable(6)
  const datedBuilt = buildCatalogue(dated)
  t.notSame(buildEaseNeighbours(dated, datedBuilt, { lambda: 20, minSupport: 1, halfLifeDays: 30 }).neighbours.score,
    buildEaseNeighbours(dated, datedBuilt, { lambda: 20, minSupport: 1 }).neighbours.score, 'spread dates change the weights')
})
