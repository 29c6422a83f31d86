import t from 'tap'
import { Value } from 'typebox/value'
import { NeighboursSchema } from '../../../lib/artifacts/index.js'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { DEFAULT_BM25_OPTIONS, bm25Weights, buildBm25Neighbours, customerIdf } from '../../../trainer/neighbours/bm25.js'
import { buildNeighbours } from '../../../trainer/neighbours/index.js'
import { buildPurchaseMatrix } from '../../../trainer/neighbours/purchase-matrix.js'
import { recommendableColumns } from '../../../trainer/neighbours/sparse-rows.js'
import { aggregateRows } from '../../../trainer/aggregates/aggregate.js'
import type { TransactionAggregates } from '../../../trainer/aggregates/contract.js'
import { randomTable, row, rowOf } from './fixtures.js'

// a buys X Y Z (everything), b buys X twice (quantity 2 + 3), c buys X and Y
const table = aggregateRows([row('a', 'X'), row('a', 'Y'), row('a', 'Z'), row('b', 'X', 2), row('b', 'X', 3), row('c', 'X'), row('c', 'Y')])
const matrix = buildPurchaseMatrix(table, Int32Array.from([0, 1, 2]), 3)
// cells, customer-major: a·X a·Y a·Z b·X c·X c·Y; products X: 3 customers, Y: 2, Z: 1; mean 2

const idf = (n: number): number => Math.log(1 + (3 - n + 0.5) / (n + 0.5))

t.test('idf by customer: the broader the basket, the lower, never 0', async (t) => {
  const values = Array.from(customerIdf(matrix))
  t.same(values, [idf(3), idf(1), idf(2)])
  t.ok(values[0] < values[2] && values[2] < values[1], 'a (everything) < c (two) < b (one)')
  t.ok(values[0] > 0, 'a customer who bought everything still counts a little')
})

t.test('cell weights by hand: binary and quantity tf, k1 and b', async (t) => {
  const { k1, b } = DEFAULT_BM25_OPTIONS
  const lengthNorm = (customers: number, mean = 2, bb = b): number => 1 - bb + bb * customers / mean
  const binary = (customer: number, customers: number): number => idf(customer) * (k1 + 1) / (1 + k1 * lengthNorm(customers))
  const expected = [binary(3, 3), binary(3, 2), binary(3, 1), binary(1, 3), binary(2, 3), binary(2, 2)]
  const got = Array.from(bm25Weights(matrix))
  t.ok(got.every((w, k) => Math.abs(w - expected[k]) < 1e-15), `binary tf: ${got.map((w) => w.toFixed(4)).join(' ')}`)

  // quantity tf: lengths are summed quantities (X: 1 + 5 + 1 = 7, Y: 2, Z: 1; mean 10/3)
  const q = Array.from(bm25Weights(matrix, { tf: 'quantity', k1: 2, b: 0.5 }))
  const tfWeight = (f: number, customer: number, length: number): number => idf(customer) * f * 3 / (f + 2 * (0.5 + 0.5 * length / (10 / 3)))
  const expectedQ = [tfWeight(1, 3, 7), tfWeight(1, 3, 2), tfWeight(1, 3, 1), tfWeight(5, 1, 7), tfWeight(1, 2, 7), tfWeight(1, 2, 2)]
  t.ok(q.every((w, k) => Math.abs(w - expectedQ[k]) < 1e-15), 'quantity tf saturates: 5 units weigh less than 5 × one unit')
  t.ok(q[3] < 5 * tfWeight(1, 1, 7), 'saturation')

  const flat = Array.from(bm25Weights(matrix, { b: 0 }))
  const idfs = [idf(3), idf(3), idf(3), idf(1), idf(2), idf(2)]
  t.ok(flat.every((w, k) => Math.abs(w - idfs[k]) < 1e-15), 'b = 0, binary tf: the weight is the idf (k1 cancels at tf = 1)')
})

t.test('options are checked', async (t) => {
  for (const bad of [{ k1: -1 }, { k1: Number.POSITIVE_INFINITY }, { b: 1.5 }, { b: -0.1 }, { tf: 'log' as 'binary' }]) {
    t.throws(() => bm25Weights(matrix, bad), { code: 'ERR_USAGE' }, JSON.stringify(bad))
  }
  const built = buildCatalogue(table)
  for (const bad of [{ normalise: 'l1' as 'none' }, { topK: 0 }, { minSupport: 0 }, { popularityDamping: -1 }]) {
    t.throws(() => buildBm25Neighbours(table, built, bad), { code: 'ERR_USAGE' }, JSON.stringify(bad))
  }
})

/** Dense reference: every pair's similarity over the BM25 weights, by the plain definition. */
function denseBm25 (tb: TransactionAggregates, normalise: 'cosine' | 'none', minSupport: number): Map<number, Array<{ neighbour: number, score: number, shared: number }>> {
  const built = buildCatalogue(tb)
  const products = built.catalogue.products.length
  const m = buildPurchaseMatrix(tb, recommendableColumns(tb, built).columnOf, products)
  const weights = bm25Weights(m)
  const dense = Array.from({ length: m.customers }, () => new Float64Array(products))
  for (let c = 0; c < m.customers; c++) for (let k = m.rowOffsets[c]; k < m.rowOffsets[c + 1]; k++) dense[c][m.product[k]] = weights[k]
  const norm = Array.from({ length: products }, (_, p) => Math.sqrt(dense.reduce((sum, r) => sum + r[p] * r[p], 0)))
  const out = new Map<number, Array<{ neighbour: number, score: number, shared: number }>>()
  for (let i = 0; i < products; i++) {
    const list = []
    for (let j = 0; j < products; j++) {
      if (i === j) continue
      let dot = 0
      let shared = 0
      for (const r of dense) {
        dot += r[i] * r[j]
        if (r[i] > 0 && r[j] > 0) shared++
      }
      if (shared === 0 || shared < minSupport) continue
      list.push({ neighbour: j, score: normalise === 'cosine' ? dot / (norm[i] * norm[j]) : dot, shared })
    }
    out.set(i, list.sort((u, v) => (v.score - u.score) || (u.neighbour - v.neighbour)))
  }
  return out
}

t.test('neighbours agree with a dense computation, cosine and dot product', async (t) => {
  for (const seed of [1, 2]) {
    const tb = randomTable(seed)
    const built = buildCatalogue(tb)
    for (const normalise of ['cosine', 'none'] as const) {
      for (const [topK, minSupport] of [[5, 1], [40, 2]]) {
        const { neighbours, summary } = buildBm25Neighbours(tb, built, { normalise, topK, minSupport })
        t.same(summary, { weighting: 'bm25', k1: 1.2, b: 0.75, tf: 'binary', normalise })
        const reference = denseBm25(tb, normalise, minSupport)
        const problems: string[] = []
        for (let p = 0; p < built.catalogue.products.length; p++) {
          const expected = (reference.get(p) ?? []).slice(0, topK)
          const got = rowOf(neighbours, p)
          if (got.length !== expected.length) problems.push(`${p}: ${got.length} ≠ ${expected.length} neighbours`)
          got.forEach((e, u) => {
            if (Math.abs(e.score - expected[u].score) > 1e-9 * Math.max(1, expected[u].score)) problems.push(`${p} #${u}: ${e.score} ≠ ${expected[u].score}`)
            if (e.shared !== (reference.get(p)?.find((r) => r.neighbour === e.neighbour)?.shared ?? -1)) problems.push(`${p} #${u}: shared`)
          })
        }
        t.same(problems, [], `seed ${seed} ${normalise} topK ${topK} minSupport ${minSupport}`)
        t.ok(Value.Check(NeighboursSchema, neighbours), 'a valid neighbours.json under the current schema')
      }
    }
  }
})

t.test('cosine over BM25 is cosine over idf-weighted customers: the length norm cancels', async (t) => {
  const tb = randomTable(3)
  const built = buildCatalogue(tb)
  const a = buildBm25Neighbours(tb, built, { b: 0 }).neighbours
  const b = buildBm25Neighbours(tb, built, { b: 1, k1: 100 }).neighbours
  t.same(a.neighbour, b.neighbour, 'same neighbours whatever b and k1')
  t.ok(a.score.every((s, u) => Math.abs(s - b.score[u]) < 1e-12), 'same scores')
  const binary = buildNeighbours(tb, built, { similarity: 'cosine', minSupport: 5 })
  t.notSame(a.score, binary.score, 'but not binary cosine: idf reweights the customers')
  t.same(buildBm25Neighbours(tb, built).neighbours, buildBm25Neighbours(tb, built).neighbours, 'deterministic')
})
