// The sparse neighbours against a dense cosine on the real Online Retail data, for a sample of
// products: the most popular ones (long columns, many candidates) and a seeded random spread.
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { WEIGHTINGS, buildNeighbours, summariseNeighbours, type NeighbourOptions } from '../../../trainer/neighbours/index.js'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'
import { aggregatedTable } from '../../helpers/trainer-data.js'
import { compareRow, denseNeighbours, denseReference, rowOf, seededRandom } from './fixtures.js'

const table = aggregatedTable((await loadCleanTransactions({ input: fileURLToPath(new URL('../../../data/online_retail.csv.gz', import.meta.url)) })).table)
const built = buildCatalogue(table)
const { products, popularity } = built.catalogue

t.test('the cleaned real data is the one the issue describes', async (t) => {
  t.equal(table.length, 397884)
  t.equal(table.customerIds.length, 4338)
})

const random = seededRandom(2024)
const sample = new Set(popularity.slice(0, 8))
while (sample.size < 20) sample.add(popularity[Math.floor(random() * popularity.length)])

const variants: Array<Partial<NeighbourOptions>> = [
  ...WEIGHTINGS.map((weighting) => ({ similarity: 'cosine' as const, halfLifeDays: 'none' as const, weighting })),
  { similarity: 'cosine', halfLifeDays: 'none', weighting: 'log-quantity', minSupport: 3, topK: 50, popularityDamping: 0.5 }
]
for (const options of variants) {
  t.test(`20 products agree with a dense cosine to 1e-9: ${JSON.stringify(options)}`, async (t) => {
    const neighbours = buildNeighbours(table, built, options)
    const resolved = { minSupport: neighbours.minSupport, popularityDamping: neighbours.popularityDamping }
    const reference = denseReference(table, built, neighbours.weighting)
    const problems: string[] = []
    let compared = 0
    let withNeighbours = 0
    for (const p of sample) {
      const stored = rowOf(neighbours, p)
      compared += stored.length
      if (stored.length > 0) withNeighbours++
      for (const problem of compareRow(stored, denseNeighbours(reference, p, resolved), neighbours.topK, 1e-9)) problems.push(`${products[p].code} ${problem}`)
    }
    t.same(problems, [])
    // not vacuous: most sampled products have neighbours to check (an empty row is checked too)
    t.ok(withNeighbours >= 10, `${compared} neighbours of ${withNeighbours} products compared`)
    t.ok(neighbours.neighbour.every((p) => products[p].recommendable), 'no non-product code is anybody\'s neighbour')
    t.ok(summariseNeighbours(neighbours).productsWithNeighbours > 0, 'some products have neighbours')
  })
}
