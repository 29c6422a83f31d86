import t from 'tap'
import { Value } from 'typebox/value'
import { NeighboursSchema, type Neighbours } from '../../../lib/artifacts/index.js'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { WEIGHTINGS, buildNeighbours, summariseNeighbours } from '../../../trainer/neighbours/index.js'
import { aggregatedLog, type AggregatedLog } from '../../helpers/trainer-data.js'
import { compareRow, denseNeighbours, denseReference, randomTable, row, rowOf, seededRandom } from './fixtures.js'

function rowCodes (neighbours: Neighbours, codes: string[], code: string): string[] {
  const p = codes.indexOf(code)
  return rowOf(neighbours, p).map((entry) => codes[entry.neighbour])
}

t.test('agrees with a dense cosine, every product, every weighting, with and without damping', async (t) => {
  for (const seed of [1, 2]) {
    const table = randomTable(seed)
    const built = buildCatalogue(table)
    for (const weighting of WEIGHTINGS) {
      const reference = denseReference(table, built, weighting)
      for (const [topK, minSupport, popularityDamping] of [[5, 1, 0], [8, 2, 0], [40, 1, 0], [6, 2, 0.5], [6, 1, 1]]) {
        const options = { similarity: 'cosine' as const, weighting, topK, minSupport, popularityDamping }
        const neighbours = buildNeighbours(table, built, options)
        const problems: string[] = []
        let compared = 0
        for (let p = 0; p < built.catalogue.products.length; p++) {
          const expected = denseNeighbours(reference, p, options)
          compared += Math.min(expected.length, topK)
          for (const problem of compareRow(rowOf(neighbours, p), expected, topK, 1e-9)) problems.push(`${built.catalogue.products[p].code} ${problem}`)
        }
        t.same(problems, [], `seed ${seed} ${JSON.stringify(options)}: ${compared} neighbours`)
        t.ok(compared > 0, 'the fixture has neighbours to compare')
      }
    }
  }
})

t.test('a hand-sized example: the schema, the options echoed, scores by hand', async (t) => {
  const table = aggregatedLog([row('a', 'KA'), row('a', 'KB'), row('b', 'KA'), row('b', 'KB'), row('b', 'KC'), row('c', 'KB'), row('c', 'KC')])
  const neighbours = buildNeighbours(table, buildCatalogue(table), { similarity: 'cosine', minSupport: 1 })
  t.ok(Value.Check(NeighboursSchema, neighbours), 'matches the artifact schema')
  t.match(neighbours, { weighting: 'binary', topK: 20, minSupport: 1, popularityDamping: 0 })
  t.same(neighbours.offsets, [0, 2, 4, 6])
  t.same(neighbours.neighbour, [1, 2, 0, 2, 1, 0])
  t.same(neighbours.sharedCustomers, [2, 1, 2, 2, 2, 1])
  const ab = 2 / (Math.SQRT2 * Math.sqrt(3))
  const expected = [ab, 0.5, ab, ab, ab, 0.5]
  t.ok(neighbours.score.every((score, u) => Math.abs(score - expected[u]) < 1e-15), `${neighbours.score.join(', ')}`)
  for (const key of ['offsets', 'neighbour', 'score', 'sharedCustomers'] as const) t.ok(Array.isArray(neighbours[key]), `${key} is a plain array (JSON)`)
})

t.test('minSupport: pairs with fewer shared customers are dropped', async (t) => {
  const table = randomTable(4)
  const built = buildCatalogue(table)
  const codes = built.catalogue.products.map((p) => p.code)
  const loose = buildNeighbours(table, built, { similarity: 'cosine', minSupport: 1, topK: 100 })
  for (const minSupport of [2, 3, 5]) {
    const strict = buildNeighbours(table, built, { similarity: 'cosine', minSupport, topK: 100 })
    t.ok(strict.sharedCustomers.every((shared) => shared >= minSupport), `minSupport ${minSupport}: every kept pair has the support`)
    // with a K larger than any row, the strict rows are exactly the loose rows filtered by support
    let same = true
    for (let p = 0; p < codes.length; p++) {
      const filtered = rowOf(loose, p).filter((entry) => entry.shared >= minSupport)
      if (JSON.stringify(filtered) !== JSON.stringify(rowOf(strict, p))) same = false
    }
    t.ok(same, `minSupport ${minSupport}: rows are the loose rows filtered`)
    t.ok(strict.neighbour.length < loose.neighbour.length, 'and some pairs are gone')
  }
})

t.test('topK: rows hold at most K, and are the first K of a longer row', async (t) => {
  const table = randomTable(6)
  const built = buildCatalogue(table)
  const long = buildNeighbours(table, built, { similarity: 'cosine', topK: 30, minSupport: 1 })
  for (const topK of [1, 3, 10]) {
    const short = buildNeighbours(table, built, { similarity: 'cosine', topK, minSupport: 1 })
    let ok = true
    for (let p = 0; p < built.catalogue.products.length; p++) {
      if (JSON.stringify(rowOf(short, p)) !== JSON.stringify(rowOf(long, p).slice(0, topK))) ok = false
    }
    t.ok(ok, `topK ${topK}`)
    t.equal(short.topK, topK)
  }
})

t.test('rows are best first, ties broken by catalogue index', async (t) => {
  const neighbours = buildNeighbours(randomTable(8), buildCatalogue(randomTable(8)), { similarity: 'cosine', minSupport: 1, weighting: 'binary' })
  let ordered = true
  for (let p = 0; p + 1 < neighbours.offsets.length; p++) {
    const entries = rowOf(neighbours, p)
    for (let u = 1; u < entries.length; u++) {
      const a = entries[u - 1]
      const b = entries[u]
      if (a.score < b.score || (a.score === b.score && a.neighbour >= b.neighbour)) ordered = false
    }
    if (entries.some((entry) => entry.neighbour === p)) ordered = false
  }
  t.ok(ordered)
})

t.test('non-product codes have no neighbours and are nobody\'s neighbour, however often bought', async (t) => {
  const rows = []
  for (let c = 0; c < 12; c++) {
    rows.push(row(`c${c}`, 'POST'), row(`c${c}`, 'M'), row(`c${c}`, `X${c % 3}`), row(`c${c}`, `Y${c % 2}`))
  }
  const table = aggregatedLog(rows)
  const built = buildCatalogue(table)
  const codes = built.catalogue.products.map((p) => p.code)
  const neighbours = buildNeighbours(table, built, { similarity: 'cosine', minSupport: 1 })
  const nonProducts = codes.flatMap((code, p) => (built.catalogue.products[p].recommendable ? [] : [p]))
  t.same(nonProducts.map((p) => codes[p]), ['M', 'POST'])
  for (const p of nonProducts) {
    t.equal(neighbours.offsets[p + 1] - neighbours.offsets[p], 0, `${codes[p]} has no neighbours`)
    t.notOk(neighbours.neighbour.includes(p), `${codes[p]} is nobody's neighbour`)
  }
  t.same(rowCodes(neighbours, codes, 'X0'), ['Y0', 'Y1'], 'real products still find each other')
  // the whole random fixture too (it mixes POST and M lines in)
  const random = randomTable(9)
  const randomBuilt = buildCatalogue(random)
  const randomNeighbours = buildNeighbours(random, randomBuilt, { similarity: 'cosine', minSupport: 1 })
  t.ok(randomNeighbours.neighbour.every((p) => randomBuilt.catalogue.products[p].recommendable))
})

t.test('popularity damping: α = 1 divides each cosine by the neighbour\'s customers', async (t) => {
  const table = randomTable(10)
  const built = buildCatalogue(table)
  const plain = buildNeighbours(table, built, { similarity: 'cosine', minSupport: 1, topK: 100 })
  const damped = buildNeighbours(table, built, { similarity: 'cosine', minSupport: 1, topK: 100, popularityDamping: 1 })
  t.equal(damped.neighbour.length, plain.neighbour.length, 'with room for every pair, the same pairs are kept')
  let ok = true
  for (let p = 0; p + 1 < plain.offsets.length; p++) {
    const cosines = new Map(rowOf(plain, p).map((entry) => [entry.neighbour, entry.score]))
    for (const entry of rowOf(damped, p)) {
      const expected = (cosines.get(entry.neighbour) ?? Number.NaN) / built.catalogue.products[entry.neighbour].customers
      if (Math.abs(entry.score - expected) > 1e-15) ok = false
    }
  }
  t.ok(ok)
})

t.test('deterministic: two runs are deep-equal, and so is the same log in another row order', async (t) => {
  const table = randomTable(12)
  const built = buildCatalogue(table)
  for (const weighting of WEIGHTINGS) t.same(buildNeighbours(table, built, { similarity: 'cosine', weighting }), buildNeighbours(table, built, { similarity: 'cosine', weighting }), weighting)

  const random = seededRandom(13)
  const order = Array.from({ length: table.length }, (_, r) => r).sort(() => random() - 0.5)
  const shuffled: AggregatedLog = aggregatedLog(order.map((r) => row(table.customerIds[table.customer[r]], table.productCodes[table.product[r]], table.quantity[r])))
  // binary weights are whole numbers, so no rounding depends on the customers' order
  t.same(buildNeighbours(shuffled, buildCatalogue(shuffled), { similarity: 'cosine', minSupport: 1 }), buildNeighbours(table, built, { similarity: 'cosine', minSupport: 1 }))
})

t.test('summariseNeighbours counts products with neighbours and stored pairs', async (t) => {
  t.same(summariseNeighbours({ weighting: 'binary', topK: 2, minSupport: 1, popularityDamping: 0, offsets: [0, 2, 2, 3], neighbour: [1, 2, 0], score: [1, 1, 1], sharedCustomers: [1, 1, 1] }),
    { productsWithNeighbours: 2, neighbourPairs: 3 })
})

t.test('a catalogue built from another table is refused', async (t) => {
  const table = randomTable(14)
  t.throws(() => buildNeighbours(table, buildCatalogue(aggregatedLog([row('a', 'A')]))), RangeError)
})

t.test("neighbours.json's fields in the contract's order, whatever the option table's order (the file's bytes name the version)", async (t) => {
  const table = randomTable(1)
  t.same(Object.keys(buildNeighbours(table, buildCatalogue(table))), Object.keys(NeighboursSchema.properties))
})
