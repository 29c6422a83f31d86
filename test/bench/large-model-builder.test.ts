// bench:large-model's synthetic model: grown from a published version, it must pass every check
// the loader makes, and keep the real model's rows (a customer's purchases are its source's, moved
// into one replica of the catalogue).
import t from 'tap'
import { customerId, encodeModelFiles, loadVersion, publishVersion, purchaseRow } from '../../lib/artifacts/index.js'
import { buildLargeModel } from '../../bench/lib/large-model-builder.js'
import { publishFixture } from '../helpers/fixtures.js'

t.test('a grown model loads, with the counts asked for and the real rows', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const base = await loadVersion(dir, version)
  const products = base.catalogue.products.length * 2 + 3
  const { input, draft } = buildLargeModel(base, { customers: 2500, products })
  const grown = await publishVersion(dir, encodeModelFiles(input), draft)
  const loaded = await loadVersion(dir, grown.version)
  t.equal(loaded.customers.count, 2500)
  t.equal(loaded.catalogue.products.length, products)
  t.equal(loaded.manifest.cleaning.customers, 2500)
  t.equal(customerId(loaded.customers, 0), 'S000000000')
  t.equal(customerId(loaded.customers, 2499), 'S000002499')
  t.equal(loaded.segments.segments.reduce((sum, s) => sum + s.size, 0), 2500, 'segment sizes count the grown customers')
  t.equal(new Set(loaded.catalogue.products.map((p) => p.code)).size, products, 'replica codes are distinct')

  // every grown row is a base row shifted by a multiple of the base catalogue
  const b = base.catalogue.products.length
  const baseRows = new Set(Array.from({ length: base.customers.count }, (_, c) => [...purchaseRow(base.purchases!, c)].join(',')))
  const rows = loaded.purchases!
  let matched = 0
  for (let i = 0; i < 200; i++) {
    const row = [...purchaseRow(rows, i)]
    const shift = row.length > 0 ? Math.floor(row[0] / b) * b : 0
    if (baseRows.has(row.map((x) => x - shift).join(','))) matched++
  }
  t.ok(matched >= 150, `${matched} of 200 rows are a base row moved into one replica (the last replica is cut at ${products} products)`)
  t.throws(() => buildLargeModel(base, { customers: 10, products: 1 }), /products must be an integer ≥/)
})
