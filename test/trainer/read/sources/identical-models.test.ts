// The same rows from a CSV file, a Parquet file and a PostgreSQL table give the same model: every
// file of the published versions byte for byte, and the manifests equal apart from the input's
// identity (name, bytes, sha256, gzip), the version name, creation time and timings. The real
// Online Retail rows, all 541,909 of them, from each source.
import t, { type Test } from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE, MODEL_FILES, OPTIONAL_MODEL_FILES, REPORT_FILE, type Manifest } from '../../../../lib/artifacts/index.js'
import { trainAndPublish, type TrainResult } from '../../../../trainer/train.js'
import { writeOnlineRetailParquet } from '../../../helpers/parquet.js'
import { inFileOrder, inputUrl, loadOnlineRetail, ONLINE_RETAIL_CSV, ONLINE_RETAIL_ROWS, skipWithoutPostgres } from '../../../helpers/postgres.js'

const skip = skipWithoutPostgres()

async function comparableManifest (dir: string): Promise<Partial<Manifest>> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>
  delete manifest.input
  delete manifest.version
  delete manifest.createdAt
  delete manifest.timings
  // the report names the input file and its hash, so its size and sha256 differ
  delete manifest.files?.[REPORT_FILE]
  return manifest
}

async function sameModels (t: Test, a: TrainResult, b: TrainResult, what: string): Promise<void> {
  for (const file of [...Object.values(MODEL_FILES), ...Object.values(OPTIONAL_MODEL_FILES)]) {
    const [x, y] = await Promise.all([a.dir, b.dir].map((dir) => readFile(path.join(dir, file)).catch(() => null)))
    t.ok(x !== null && y !== null && x.equals(y), `${file}: ${what} byte-identical`)
  }
  t.same(await comparableManifest(b.dir), await comparableManifest(a.dir), `manifests: ${what} equal apart from input, version, createdAt, timings and report`)
}

t.test('CSV, Parquet and PostgreSQL inputs of the real Online Retail rows give identical models', { skip }, async (t) => {
  const dir = t.testdir()
  const parquet = path.join(dir, 'online_retail.parquet')
  const written = await writeOnlineRetailParquet(ONLINE_RETAIL_CSV, parquet)
  t.equal(written.rows, ONLINE_RETAIL_ROWS, 'every row in the Parquet file')
  const table = await loadOnlineRetail()

  // separate artifact directories: each version is the first of its directory (no movements)
  const fromCsv = await trainAndPublish({ input: ONLINE_RETAIL_CSV, out: path.join(dir, 'csv') })
  const fromParquet = await trainAndPublish({ input: parquet, out: path.join(dir, 'parquet') })
  const fromPostgres = await trainAndPublish({ input: inputUrl({ query: inFileOrder(table) }), out: path.join(dir, 'postgres') })

  t.equal(fromCsv.manifest.cleaning.rowsRead, ONLINE_RETAIL_ROWS)
  t.equal(fromCsv.manifest.cleaning.rowsKept, 397_884)
  await sameModels(t, fromCsv, fromParquet, 'Parquet and CSV')
  await sameModels(t, fromCsv, fromPostgres, 'PostgreSQL and CSV')

  t.match(fromParquet.manifest.input, { fileName: 'online_retail.parquet', gzip: false, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  const pg = fromPostgres.manifest.input
  t.match(pg, { gzip: false, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  t.match(pg.fileName, /^PostgreSQL 127\.0\.0\.1:\d+ \w+, query sha256 [0-9a-f]{16}$/, 'the manifest names server, database and a hash of the query')
  t.notMatch(JSON.stringify(fromPostgres.manifest), /SELECT|postgres:\/\/|shopper@/, 'no query text, URL or user in the manifest')
})
