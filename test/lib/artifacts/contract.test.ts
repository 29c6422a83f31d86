import t from 'tap'
import { readFile, readdir, writeFile, truncate, rm, mkdir } from 'node:fs/promises'
import path from 'node:path'
import {
  MODEL_FILES, MANIFEST_FILE, OPTIONAL_MODEL_FILES, listVersions, loadVersion, publishVersion, pruneVersions, readLatest,
  compareVersionNames, customerRecords, decodePurchases, encodeColumnFile, encodeModelFiles, encodeStrings, isVersionName, makeVersionName, purchaseRow, versionDir,
  type Catalogue, type CustomerValues, type Customers, type ManifestDraft, type Neighbours, type Purchases, type SegmentModel, type ValueReport
} from '../../../lib/artifacts/index.js'
import { ArtifactError } from '../../../lib/errors.js'
import { FIXTURE_TRAINING_OPTIONS } from '../../helpers/fixtures.js'

interface TinyModel {
  segments: SegmentModel
  neighbours: Neighbours
  catalogue: Catalogue
  customers: Customers
  purchases?: Purchases
  values?: CustomerValues
}

function tinyModel (): TinyModel {
  return {
    segments: {
      features: ['recency', 'frequency', 'monetary'],
      transform: 'log1p',
      scaler: { mean: [3, 1, 6], std: [1, 0.5, 1] },
      segments: [
        { id: 0, label: 'High-Value', description: 'd', action: 'a', size: 1, share: 0.5, centroidScaled: [-1, 1, 1], centroid: { recency: 5, frequency: 8, monetary: 3000 } },
        { id: 1, label: 'At-Risk', description: 'd', action: 'a', size: 1, share: 0.5, centroidScaled: [1, -1, -1], centroid: { recency: 200, frequency: 1, monetary: 150 } }
      ]
    },
    neighbours: {
      weighting: 'binary',
      topK: 20,
      minSupport: 1,
      popularityDamping: 0,
      offsets: [0, 1, 2],
      neighbour: [1, 0],
      score: [0.5, 0.5],
      sharedCustomers: [1, 1]
    },
    catalogue: {
      products: [
        { code: '22423', description: 'REGENCY CAKESTAND 3 TIER', customers: 2, quantity: 10, recommendable: true },
        { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', customers: 1, quantity: 6, recommendable: true }
      ],
      popularity: [0, 1]
    },
    customers: {
      customers: [
        { id: '12346', recency: 200, frequency: 1, monetary: 150, segment: 1 },
        { id: '12347', recency: 5, frequency: 8, monetary: 3000, segment: 0 }
      ]
    }
  }
}

function draft (): ManifestDraft {
  return {
    trainer: { name: 'test', version: '0.0.0', node: process.version },
    input: { fileName: 'x.csv', bytes: 10, sha256: 'a'.repeat(64), gzip: false, format: 'online-retail', rowsRead: 3 },
    options: { ...FIXTURE_TRAINING_OPTIONS, k: 2 },
    snapshotDate: '2011-12-10T00:00:00.000Z',
    cleaning: {
      rowsRead: 3,
      malformedRows: 0,
      malformedExamples: [],
      dropped: { missingCustomer: 0, cancelled: 0, nonPositiveQuantity: 0, nonPositivePrice: 0 },
      rowsKept: 3,
      nonProductRows: 0,
      customers: 2,
      products: 2,
      invoices: 2,
      revenue: 3150,
      firstInvoiceAt: '2010-12-01T08:26:00.000Z',
      lastInvoiceAt: '2011-12-09T12:50:00.000Z'
    },
    segmentation: { k: 2, kSelection: 'fixed', sweep: [{ k: 2, inertia: 1, silhouette: 0.5 }], inertia: 1, silhouette: 0.5, sizes: [1, 1] },
    recommendations: { products: 2, recommendableProducts: 2, productsWithNeighbours: 2, neighbourPairs: 2 },
    timings: { total: 1 }
  }
}

function serialise (model: TinyModel): Record<string, string | Uint8Array> {
  return encodeModelFiles(model)
}

async function publishTiny (dir: string, now = new Date('2026-11-25T15:45:00Z'), change?: (m: TinyModel) => void) {
  const model = tinyModel()
  change?.(model)
  return publishVersion(dir, serialise(model), draft(), { now })
}

t.test('version names sort by time, embed a content hash and cannot escape the directory', async (t) => {
  const name = makeVersionName(new Date('2026-11-25T15:45:00.123Z'), 'abcdef0123')
  t.equal(name, '20261125T154500Z-abcdef')
  t.equal(makeVersionName(new Date('2026-11-25T15:45:00Z'), 'abcdef0123', 2), '20261125T154500Z-abcdef-2')
  t.ok(isVersionName(name))
  for (const bad of ['..', '../etc', 'LATEST', '20261125T154500Z-abcdef/..', '20261125T154500Z-ABCDEF', '', '.tmp-1']) {
    t.notOk(isVersionName(bad), bad)
    t.throws(() => versionDir('/a', bad), { code: 'ERR_VERSION_NAME' })
  }
})

t.test('version names order by time, then by attempt as a number', async (t) => {
  const names = ['20261125T154500Z-abcdef-10', '20261125T154501Z-000000', '20261125T154500Z-abcdef-2', '20261125T154500Z-abcdef']
  t.same(names.sort(compareVersionNames), ['20261125T154500Z-abcdef', '20261125T154500Z-abcdef-2', '20261125T154500Z-abcdef-10', '20261125T154501Z-000000'])
})

t.test('publish writes a complete version atomically and points LATEST at it', async (t) => {
  const dir = t.testdir()
  const published = await publishTiny(dir)
  t.match(published.version, /^20261125T154500Z-[0-9a-f]{6}$/)
  t.equal(await readLatest(dir), published.version)
  t.same(await listVersions(dir), [published.version])
  const entries = await readdir(dir)
  t.same(entries.filter((e) => e.startsWith('.tmp-')), [], 'no temporary directory left behind')
  const loaded = await loadVersion(dir, published.version)
  t.same(loaded.catalogue, tinyModel().catalogue)
  t.equal(loaded.manifest.version, published.version)
  t.same(Object.keys(loaded.manifest.files).sort(), Object.values(MODEL_FILES).sort())
})

t.test('same content in the same second gets a distinct name; same content = same hash suffix', async (t) => {
  const dir = t.testdir()
  const a = await publishTiny(dir)
  const b = await publishTiny(dir)
  t.not(a.version, b.version)
  t.equal(b.version, `${a.version}-2`)
  const c = await publishTiny(dir, new Date('2026-11-25T15:46:00Z'))
  t.equal(c.version.slice(-6), a.version.slice(-6))
})

t.test('loading refuses a damaged version and says which file and what is wrong', async (t) => {
  const cases: Array<[string, (versionPath: string) => Promise<void>, RegExp]> = [
    ['truncated file', (v) => truncate(path.join(v, MODEL_FILES.neighbours), 10), /neighbours\.bin: has 10 bytes, manifest says \d+ \(truncated/],
    ['edited file', async (v) => {
      const file = path.join(v, MODEL_FILES.catalogue)
      const text = await readFile(file, 'utf8')
      await writeFile(file, text.replace('REGENCY', 'REGENCX'))
    }, /catalogue\.json: sha256 is [0-9a-f]{64}, manifest says [0-9a-f]{64} \(file was modified\)/],
    ['missing file', (v) => rm(path.join(v, MODEL_FILES.customers)), /customers\.bin: is missing/],
    ['unlisted file', (v) => writeFile(path.join(v, 'extra.bin'), 'x'), /extra\.bin: is not listed in manifest\.json/],
    ['manifest not JSON', (v) => writeFile(path.join(v, MANIFEST_FILE), '{"schemaVersion": 1, '), /manifest\.json: is not valid JSON/],
    ['manifest for another version', async (v) => {
      const file = path.join(v, MANIFEST_FILE)
      const manifest = JSON.parse(await readFile(file, 'utf8'))
      manifest.version = '20200101T000000Z-000000'
      await writeFile(file, JSON.stringify(manifest))
    }, /manifest\.json: names version 20200101T000000Z-000000, but lives in directory/],
    ['manifest schema', async (v) => {
      const file = path.join(v, MANIFEST_FILE)
      const manifest = JSON.parse(await readFile(file, 'utf8'))
      delete manifest.cleaning
      await writeFile(file, JSON.stringify(manifest))
    }, /manifest\.json: does not match the schema/]
  ]
  for (const [name, damage, reason] of cases) {
    const dir = t.testdir()
    const { version } = await publishTiny(dir)
    await damage(path.join(dir, version))
    const error = await loadVersion(dir, version).then(() => null, (e: unknown) => e)
    t.type(error, ArtifactError, name)
    t.match((error as ArtifactError).message, reason, name)
  }
})

t.test('loading checks file schemas and cross-file invariants even when checksums match', async (t) => {
  const dir = t.testdir()
  const outOfRange = await publishTiny(dir, undefined, (m) => { m.neighbours.neighbour[1] = 7 })
  await t.rejects(loadVersion(dir, outOfRange.version), { message: /neighbours\.bin: neighbour index 7 at position 1 is outside the catalogue/ })
  const badSegment = await publishTiny(dir, undefined, (m) => { m.customers.customers[0].segment = 5 })
  await t.rejects(loadVersion(dir, badSegment.version), { message: /customers\.bin: customer 12346 is in segment 5, model has 2/ })
  const badSchema = await publishTiny(dir, undefined, (m) => { (m.segments.scaler.std as number[])[0] = 0 })
  await t.rejects(loadVersion(dir, badSchema.version), { message: /segments\.json: does not match the schema at \/scaler\/std\/0/ })
  const duplicate = await publishTiny(dir, undefined, (m) => { m.catalogue.products[1].code = '22423' })
  await t.rejects(loadVersion(dir, duplicate.version), { message: /product code 22423 appears twice/ })
})

t.test('purchases.bin is optional, and when present its rows must fit customers.bin and the catalogue', async (t) => {
  const dir = t.testdir()
  const without = await loadVersion(dir, (await publishTiny(dir)).version)
  t.equal(without.purchases, undefined, 'a version without purchases.json (published before it existed) loads')

  const purchases = { offsets: [0, 1, 3], products: [1, 0, 1] }
  const withPurchases = await publishTiny(dir, undefined, (m) => { m.purchases = purchases })
  const loaded = await loadVersion(dir, withPurchases.version)
  t.same([0, 1].map((c) => [...purchaseRow(loaded.purchases!, c)]), [[1], [0, 1]], 'rows decoded as the trainer gave them')
  // delta-encoded varints: [1] is the byte 1; [0, 1] is the first index 0, then the gap 1
  t.same({ offsets: [...loaded.purchases!.offsets], bytes: [...loaded.purchases!.bytes] }, { offsets: [0, 1, 3], bytes: [1, 0, 1] })
  t.same(Object.keys(loaded.manifest.files).sort(), [...Object.values(MODEL_FILES), OPTIONAL_MODEL_FILES.purchases].sort())

  // a multi-byte gap round-trips: 300 = 0xac 0x02
  const wide = encodeModelFiles({ ...tinyModel(), purchases: { offsets: [0, 0, 2], products: [5, 305] } })[OPTIONAL_MODEL_FILES.purchases] as Uint8Array
  const wideTable = decodePurchases(wide)
  t.same([...wideTable.bytes], [5, 0xac, 0x02])
  t.same([...purchaseRow(wideTable, 1)], [5, 305])

  // corrupt files, written byte by byte (the encoder would not produce them); the tiny catalogue has 2 products
  const raw = (offsets: number[], bytes: number[], Offsets: typeof Uint32Array | typeof Float64Array = Uint32Array) =>
    encodeColumnFile('purchases', 2, {}, [['offsets', Offsets.from(offsets)], ['bytes', Uint8Array.from(bytes)]])
  const corrupt: Array<[string, Uint8Array, RegExp]> = [
    ['one offset short', raw([0, 1], [1]), /purchases\.bin: has 2 offsets, expected customers \+ 1 = 3 \(customers\.bin has 2\)/],
    ['offsets beyond the bytes', raw([0, 1, 4], [1, 0, 1]), /purchases\.bin: offsets do not span the row bytes/],
    ['offsets not starting at 0', raw([1, 1, 3], [1, 0, 1]), /purchases\.bin: offsets do not span the row bytes/],
    ['offsets decreasing', raw([0, 3, 2], [1, 0]), /purchases\.bin: offsets decrease at customer index 1 \(12347\)/],
    ['float64 offsets not whole', raw([0, 0.5, 3], [1, 0, 1], Float64Array), /purchases\.bin: offsets decrease at customer index 0 \(12346\)/],
    ['index out of range (a gap past the catalogue)', raw([0, 1, 3], [1, 0, 2]), /purchases\.bin: product index 2 of customer 12347 \(byte 2\) is outside the catalogue \(2 products\)/],
    ['a first index past the catalogue', raw([0, 1, 3], [2, 0, 1]), /purchases\.bin: product index 2 of customer 12346 \(byte 0\) is outside the catalogue \(2 products\)/],
    ['a gap of 0 (a product twice)', raw([0, 1, 3], [1, 1, 0]), /purchases\.bin: products of customer 12347 are not ascending and distinct at byte 2 \(a gap of 0 after 1\)/],
    ['a truncated varint', raw([0, 1, 2], [1, 0x80]), /purchases\.bin: row of customer 12347 ends inside a varint \(byte 1: truncated\)/],
    ['a varint running into the next row', raw([0, 1, 3], [0x81, 0x00, 1]), /purchases\.bin: row of customer 12346 ends inside a varint \(byte 0: truncated\)/],
    ['an overlong varint', raw([0, 1, 3], [1, 0x81, 0x00]), /purchases\.bin: varint of customer 12347 at byte 1 is overlong \(2 bytes ending in a zero byte\)/],
    ['a varint longer than 5 bytes', raw([0, 1, 7], [1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), /purchases\.bin: varint of customer 12347 at byte 1 is longer than 5 bytes/],
    ['a varint past 32 bits', raw([0, 1, 6], [1, 0xff, 0xff, 0xff, 0xff, 0x1f]), /purchases\.bin: varint of customer 12347 at byte 1 is 8589934591, past 32 bits/],
    ['the bytes column of another type', encodeColumnFile('purchases', 2, {}, [['offsets', Uint32Array.from([0, 1, 3])], ['bytes', Uint32Array.from([1, 0, 1])]]), /purchases\.bin: column bytes is not uint8/],
    ['the old uint32 products layout', encodeColumnFile('purchases', 2, {}, [['offsets', Uint32Array.from([0, 1, 3])], ['products', Uint32Array.from([1, 0, 1])]]), /purchases\.bin: has no column bytes/]
  ]
  for (const [name, file, reason] of corrupt) {
    const { version } = await publishVersion(dir, { ...encodeModelFiles(tinyModel()), [OPTIONAL_MODEL_FILES.purchases]: file }, draft(), { now: new Date('2026-11-25T15:45:00Z') })
    await t.rejects(loadVersion(dir, version), { name: 'ArtifactError', message: reason }, name)
  }
  // float64 byte offsets (a file of more than 2^32 bytes of rows) load as uint32 ones do
  const float = await publishVersion(dir, { ...encodeModelFiles(tinyModel()), [OPTIONAL_MODEL_FILES.purchases]: raw([0, 1, 3], [1, 0, 1], Float64Array) }, draft(), { now: new Date('2026-11-25T15:45:00Z') })
  const floatLoaded = await loadVersion(dir, float.version)
  t.same([0, 1].map((c) => [...purchaseRow(floatLoaded.purchases!, c)]), [[1], [0, 1]], 'float64 offsets')

  // the encoder refuses rows it cannot write before anything is written
  t.throws(() => encodeModelFiles({ ...tinyModel(), purchases: { offsets: [0, 1, 2], products: [1, -1] } }), /purchases\.products\[1\] = -1 is not an unsigned 32-bit integer/)
  t.throws(() => encodeModelFiles({ ...tinyModel(), purchases: { offsets: [0, 1, 3], products: [1, 1, 1] } }), /purchases row 1 is not ascending and distinct at position 2 \(1 then 1\)/)
  t.throws(() => encodeModelFiles({ ...tinyModel(), purchases: { offsets: [0, 1, 3], products: [1, 1, 0] } }), /purchases row 1 is not ascending and distinct at position 2 \(1 then 0\)/)
})

t.test('values.bin is optional, and when present its columns must fit customers.bin and agree with the manifest', async (t) => {
  const dir = t.testdir()
  const fit = (dropout: 'estimated' | 'degenerate', horizonDays = 90): ValueReport => ({
    horizonDays,
    calibrationEnd: '2011-12-10T00:00:00.000Z',
    customers: 2,
    repeatCustomers: 1,
    dropout,
    likelihoodRatio: 12,
    likelihoodRatioThreshold: 3.84,
    purchaseModel: dropout === 'estimated' ? 'bg-nbd' : 'nbd',
    bgNbd: { r: 0.8, alpha: 60, a: 0.1, b: 2.4, logLikelihood: -10, atBound: [], converged: true },
    nbd: { r: 0.8, alpha: 70, logLikelihood: -16 },
    gammaGamma: { p: 2, q: 3.5, gamma: 480, logLikelihood: -5, atBound: [], converged: true },
    frequencySpendCorrelation: 0.02,
    totals: { expectedPurchases: 2.6, expectedRevenue: 1033.88 }
  })
  const values: CustomerValues = { horizonDays: 90, dropout: 'estimated', expectedPurchases: [0.1, 2.5], pAlive: [0.2, 0.95], expectedOrderValue: [389.8, 398], expectedRevenue: [38.98, 995] }
  const publish = (v: CustomerValues, report: ValueReport | null = fit(v.dropout)) =>
    publishVersion(dir, serialise({ ...tinyModel(), values: v }), { ...draft(), ...(report ? { value: report } : {}) }, { now: new Date('2026-11-25T15:45:00Z') })

  t.equal((await loadVersion(dir, (await publishTiny(dir)).version)).values, undefined, 'a version without values.json (published before it existed) loads')
  const loaded = await loadVersion(dir, (await publish(values)).version)
  const column = (c: Float64Array | null | undefined): number[] | null => c ? [...c] : null
  t.same({ ...loaded.values, expectedPurchases: column(loaded.values?.expectedPurchases), pAlive: column(loaded.values?.pAlive), expectedOrderValue: column(loaded.values?.expectedOrderValue), expectedRevenue: column(loaded.values?.expectedRevenue) }, values)
  t.equal(loaded.manifest.value?.dropout, 'estimated')
  const degenerate = { ...values, dropout: 'degenerate' as const, pAlive: null }
  t.equal((await loadVersion(dir, (await publish(degenerate)).version)).values?.pAlive, null, 'degenerate dropout: no P(alive)')

  const refused: Array<[string, CustomerValues, ValueReport | null, RegExp]> = [
    ['a column short', { ...values, expectedOrderValue: [389.8] }, fit('estimated'), /values\.bin: expectedOrderValue has 1 entries, customers\.bin has 2/],
    ['P(alive) when degenerate', { ...values, dropout: 'degenerate' }, fit('degenerate'), /values\.bin: pAlive is given but dropout is degenerate/],
    ['no P(alive) when estimated', { ...values, pAlive: null }, fit('estimated'), /values\.bin: pAlive is null but dropout is estimated/],
    ['no manifest section', values, null, /values\.bin: is present but manifest\.json has no value section/],
    ['another horizon in the manifest', values, fit('estimated', 30), /values\.bin: horizon 90 days, dropout estimated; manifest\.json says 30 days, estimated/],
    ['columns of different customers', { ...values, expectedRevenue: [995, 38.98] }, fit('estimated'), /values\.bin: expectedRevenue\[0\] = 995 is not expectedPurchases × expectedOrderValue \(0\.1 × 389\.8\)/],
    ['P(alive) above 1', { ...values, pAlive: [0.2, 1.5] }, fit('estimated'), /values\.bin: pAlive of customer index 1 is 1\.5; expected a finite number in \[0, 1\]/],
    ['a NaN', { ...values, expectedPurchases: [Number.NaN, 2.5] }, fit('estimated'), /values\.bin: expectedPurchases of customer index 0 is NaN; expected a finite number ≥ 0/]
  ]
  for (const [name, bad, report, reason] of refused) {
    const { version } = await publish(bad, report)
    await t.rejects(loadVersion(dir, version), { name: 'ArtifactError', message: reason }, name)
  }
})

t.test('the binary files round-trip, and each column file is checked even when its sha256 matches', async (t) => {
  const dir = t.testdir()
  const loaded = await loadVersion(dir, (await publishTiny(dir)).version)
  t.same(customerRecords(loaded.customers), tinyModel().customers.customers)
  t.same([...loaded.neighbours.neighbour], [1, 0])
  t.equal(loaded.neighbours.weighting, 'binary')
  t.ok(loaded.customers.recency.byteOffset % 8 === 0, 'columns are 8-aligned views')

  // the trainer's UTF-16 order is not the file's byte order for these two: the encoder sorts, purchases follow
  const reordered = await publishTiny(dir, undefined, (m) => {
    m.customers.customers = [{ ...m.customers.customers[0], id: '\u{1F600}' }, { ...m.customers.customers[1], id: '\uFF21' }]
    m.purchases = { offsets: [0, 1, 3], products: [1, 0, 1] }
  })
  const sorted = await loadVersion(dir, reordered.version)
  t.same(customerRecords(sorted.customers).map((c) => c.id), ['\uFF21', '\u{1F600}'])
  t.same([0, 1].map((c) => [...purchaseRow(sorted.purchases!, c)]), [[0, 1], [1]], 'purchase rows move with their customers')

  const table = (ids: string[], recency = [200, 5]) => ({
    count: ids.length, ids: encodeStrings(ids), recency: Float64Array.from(recency), frequency: Float64Array.from([1, 8]), monetary: Float64Array.from([150, 3000]), segment: Uint32Array.from([1, 0])
  })
  const refused: Array<[string, (m: TinyModel) => Record<string, string | Uint8Array>, RegExp]> = [
    ['ids not unique', (m) => encodeModelFiles({ ...m, customers: table(['12346', '12346']) }), /customers\.bin: ids are not sorted and unique at customer index 1 \(12346 then 12346\)/],
    ['ids not sorted', (m) => encodeModelFiles({ ...m, customers: table(['12347', '12346']) }), /customers\.bin: ids are not sorted and unique at customer index 1/],
    ['an empty id', (m) => encodeModelFiles({ ...m, customers: table(['', '12346']) }), /customers\.bin: customer index 0 has an empty id/],
    ['NaN recency', (m) => encodeModelFiles({ ...m, customers: table(['12346', '12347'], [Number.NaN, 5]) }), /customers\.bin: recency of customer 12346 is NaN/],
    ['a score not finite', (m) => encodeModelFiles({ ...m, neighbours: { ...m.neighbours, score: [0.5, Infinity] } }), /neighbours\.bin: score of position 1 is Infinity/],
    ['neighbour offsets decrease', (m) => encodeModelFiles({ ...m, neighbours: { ...m.neighbours, offsets: [0, 2, 1, 2], neighbour: [1, 0], score: [0.5, 0.5], sharedCustomers: [1, 1] } }),
      /neighbours\.bin: has 4 offsets, expected products \+ 1 = 3|neighbours\.bin: offsets decrease/],
    ['a column missing', (m) => ({ ...encodeModelFiles(m), [MODEL_FILES.customers]: encodeColumnFile('customers', 2, {}, [['recency', Float64Array.from([1, 2])]]) }), /customers\.bin: has no column id\.offsets/],
    ['the file of another kind', (m) => ({ ...encodeModelFiles(m), [OPTIONAL_MODEL_FILES.purchases]: encodeModelFiles(m)[MODEL_FILES.neighbours] }), /purchases\.bin: is a neighbours column file, expected purchases/],
    ['not a column file', (m) => ({ ...encodeModelFiles(m), [MODEL_FILES.neighbours]: JSON.stringify(m.neighbours) }), /neighbours\.bin: is not a column file \(wrong magic bytes\)/],
    ['a column past the end', (m) => {
      const files = encodeModelFiles(m)
      const bytes = files[MODEL_FILES.neighbours] as Uint8Array
      return { ...files, [MODEL_FILES.neighbours]: bytes.subarray(0, bytes.length - 8) }
    }, /neighbours\.bin: column sharedCustomers \(2 × uint32\) ends at byte \d+, past the end of the file/],
    ['bad header meta', (m) => ({ ...encodeModelFiles(m), [MODEL_FILES.neighbours]: encodeModelFiles({ ...m, neighbours: { ...m.neighbours, topK: 0 } })[MODEL_FILES.neighbours] }),
      /neighbours\.bin: header meta does not match the schema at \/topK/]
  ]
  for (const [name, files, reason] of refused) {
    const { version } = await publishVersion(dir, files(tinyModel()), draft(), { now: new Date('2026-11-25T15:45:00Z') })
    await t.rejects(loadVersion(dir, version), { name: 'ArtifactError', message: reason }, name)
  }
})

t.test('a version of another schema is refused with the reason, not a schema error', async (t) => {
  const dir = t.testdir()
  for (const [schemaVersion, reason] of [[1, /schema version 1 is not supported \(expected 2\): an older contract \(JSON model files, before issue 12\) this release does not read: retrain to serve it/], [3, /schema version 3 is not supported \(expected 2\): a newer contract/]] as const) {
    const { version } = await publishTiny(dir)
    const file = path.join(dir, version, MANIFEST_FILE)
    await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), schemaVersion }))
    await t.rejects(loadVersion(dir, version), { name: 'ArtifactError', message: reason })
  }
})

t.test('prune keeps the newest versions and never the one LATEST names', async (t) => {
  const dir = t.testdir()
  const versions: string[] = []
  for (let minute = 0; minute < 4; minute++) {
    versions.push((await publishTiny(dir, new Date(Date.UTC(2026, 10, 25, 15, minute)))).version)
  }
  // LATEST is pinned back to the oldest: it must survive pruning
  await writeFile(path.join(dir, 'LATEST'), versions[0] + '\n')
  const pruned = await pruneVersions(dir, 2)
  t.same(pruned, [versions[1], versions[2]])
  t.same(await listVersions(dir), [versions[0], versions[3]])
  await t.rejects(pruneVersions(dir, 0), RangeError)
})

t.test('an empty or missing artifacts directory has no versions and no LATEST', async (t) => {
  const dir = t.testdir()
  t.same(await listVersions(path.join(dir, 'nope')), [])
  t.equal(await readLatest(dir), null)
  await mkdir(path.join(dir, 'not-a-version'))
  await writeFile(path.join(dir, 'LATEST'), '../../etc/passwd')
  t.same(await listVersions(dir), [])
  t.equal(await readLatest(dir), null, 'a LATEST that names no valid version is ignored')
})
