import t from 'tap'
import { buildServedModel } from '../../../services/domain/served-model.js'
import { findCustomer } from '../../../services/domain/customer-lookup.js'
import { findProduct } from '../../../services/domain/product-lookup.js'
import { recommendForProduct } from '../../../lib/recommend/index.js'
import { searchProducts } from '../../../services/domain/product-search.js'
import { fixtureManifestDraft, fixtureModelFiles } from '../../helpers/fixtures.js'
import {
  MODEL_FILES, OPTIONAL_MODEL_FILES, decodeCustomers, decodeNeighbours, decodePurchases, encodeModelFiles, type LoadedVersion
} from '../../../lib/artifacts/index.js'

/** The fixture as the loader gives it: encoded, then decoded (the loader's decoders, without the directory). */
function loaded (): LoadedVersion {
  const files = fixtureModelFiles()
  const draft = fixtureManifestDraft(files)
  const encoded = encodeModelFiles(files)
  const binary = (name: string): Uint8Array => encoded[name] as Uint8Array
  return {
    segments: files.segments,
    catalogue: files.catalogue,
    neighbours: decodeNeighbours(binary(MODEL_FILES.neighbours)),
    customers: decodeCustomers(binary(MODEL_FILES.customers)),
    purchases: decodePurchases(binary(OPTIONAL_MODEL_FILES.purchases)),
    manifest: { ...draft, schemaVersion: 2, version: '20260101T000000Z-abcdef', createdAt: '2026-01-01T00:00:00.000Z', files: {} }
  }
}

t.test('a served model indexes one loaded version for every route', async (t) => {
  const source = loaded()
  const model = await buildServedModel(source)
  t.equal(model.version, '20260101T000000Z-abcdef')
  t.equal(model.manifest, source.manifest)
  t.equal(model.segmentModel, source.segments)
  t.equal(model.products, source.catalogue.products)
  t.same(model.productRefs[3], { code: '22423', description: 'REGENCY CAKESTAND 3 TIER' })
  t.ok(Object.isFrozen(model.productRefs[3]))

  // the lookups the routes use (findProduct, findCustomer) over the model's indexes
  t.equal(findProduct(model.productLookup, ' 85123a'), 0)
  t.equal(findProduct(model.productLookup, 'nope'), undefined)
  t.equal(model.customers.monetary[findCustomer(model.customerLookup, '12347')], 4310)
  t.equal(findCustomer(model.customerLookup, '00000'), -1)

  const recommended = recommendForProduct(model.recommender, 0, { limit: 2, fill: 'none' })
  t.same(recommended.items.map((item) => model.productRefs[item.product].code), ['71053', '84406B'])
  t.same(searchProducts(model.search, 'cakestand', 3).map((m) => model.products[m.product].code), ['22423'])
})
