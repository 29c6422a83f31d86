// The whole pipeline on the real bundled data: the published version loads and validates, holds
// the counts the original project reports, and two runs give identical artifacts apart from the
// manifest's creation time, version name and timings.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { customerRecords, MANIFEST_FILE, MODEL_FILES, OPTIONAL_MODEL_FILES, REPORT_FILE, loadVersion, purchaseRow, readLatest, type Manifest } from '../../lib/artifacts/index.js'
import { trainAndPublish } from '../../trainer/train.js'

t.test('real data: two runs publish identical, valid versions', async (t) => {
  const out = t.testdir()
  const first = await trainAndPublish({ out })
  const second = await trainAndPublish({ out })
  t.not(first.version, second.version, 'two versions')
  t.equal(await readLatest(out), second.version, 'LATEST names the newest')

  const loaded = await loadVersion(out, first.version)
  const m = loaded.manifest
  t.equal(m.cleaning.rowsRead, 541_909)
  t.equal(m.cleaning.rowsKept, 397_884)
  t.equal(m.cleaning.customers, 4_338)
  t.equal(m.input.rowsRead, 541_909)
  t.equal(m.input.gzip, true)
  t.equal(m.input.format, 'online-retail')
  t.equal(m.input.fileName, 'online_retail.csv.gz')
  t.equal(m.segmentation.k, 4)
  t.same(m.segmentation.sweep.map((p) => p.k), [2, 3, 4, 5, 6, 7, 8, 9, 10], 'k sweep 2..10')
  t.ok(m.segmentation.inertia <= 3938.98 * 1.01, `inertia ${m.segmentation.inertia} within 1% of scikit-learn's 3938.98`)
  t.same(loaded.segments.segments.map((s) => s.label).sort(), ['At-Risk', 'High-Value', 'Occasional', 'Regular'])
  t.equal(loaded.customers.count, 4_338)
  t.equal(m.segmentation.sizes.reduce((a, b) => a + b, 0), 4_338)
  t.equal(loaded.catalogue.products.length, m.recommendations.products)
  t.ok(m.recommendations.productsWithNeighbours > 0.8 * m.recommendations.recommendableProducts, 'most products have neighbours')
  t.match(m.recommendations.similarity, { name: 'ease', halfLifeDays: 45, ease: { lambda: 2000, denseProducts: 1000, tailProducts: 2659 } }, 'EASE over the 1,000 most-bought, the rest cosine, said in the manifest')
  for (const code of ['POST', 'DOT', 'M', 'BANK CHARGES']) {
    const product = loaded.catalogue.products.find((p) => p.code === code)
    t.equal(product?.recommendable, false, `${code} is kept in the catalogue but never recommended`)
  }

  // every customer's distinct products, in the customers file's order (the contract checked the rest on load)
  const purchases = loaded.purchases!
  t.equal(purchases.offsets.length, 4_338 + 1, 'a purchase row per known customer')
  const row = customerRecords(loaded.customers).findIndex((c) => c.id === '12347')
  const bought = Array.from(purchaseRow(purchases, row), (p) => loaded.catalogue.products[p].code)
  t.equal(bought.length, 103, 'customer 12347 bought 103 distinct products')
  t.ok(bought.includes('22423'), 'among them 22423')

  // each customer's value estimates, in the same order; Online Retail's dropout is degenerate, so no P(alive)
  const values = loaded.values!
  t.equal(values.expectedRevenue.length, 4_338, 'a value row per known customer')
  t.match(m.value, { horizonDays: 90, dropout: 'degenerate', purchaseModel: 'nbd', customers: 4_338 })
  t.equal(values.pAlive, null)
  t.ok(values.expectedOrderValue[row] > 0 && values.expectedPurchases[row] > 1, `customer 12347: ${values.expectedPurchases[row]} purchases × ${values.expectedOrderValue[row]} expected`)

  for (const file of [...Object.values(MODEL_FILES), ...Object.values(OPTIONAL_MODEL_FILES)]) {
    const a = await readFile(path.join(first.dir, file))
    const b = await readFile(path.join(second.dir, file))
    t.ok(a.equals(b), `${file} is byte-identical between runs`)
  }
  const comparable = async (dir: string) => {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>
    delete manifest.version
    delete manifest.createdAt
    delete manifest.timings
    delete manifest.movements
    // the report's section on movements since the version before: none for the first
    delete manifest.files?.[REPORT_FILE]
    return manifest
  }
  t.same(await comparable(second.dir), await comparable(first.dir), 'manifests equal apart from version, createdAt, timings, movements and the report')
  const [firstReport, secondReport] = await Promise.all([first.dir, second.dir].map((dir) => readFile(path.join(dir, REPORT_FILE), 'utf8')))
  t.equal(secondReport.replace(/\n?<section id="movements">.*?<\/section>/s, '').replace('<li><a href="#movements">Movements since the previous version</a></li>', ''), firstReport, 'the reports differ by the movements section only')
  t.match(second.manifest.movements, { from: first.version, customers: { inBoth: 4_338, sameSegment: 4_338, new: 0, gone: 0 } }, 'the second run compares with the first: nobody moved')
  t.equal(first.version.slice(-6), second.version.slice(-6), 'same content hash in the version name')
})
