// The same rows from a CSV file, a Parquet file and a PostgreSQL table, and their aggregates
// computed by PostgreSQL (--aggregate-in-database) or read from the relations it exported (an
// --input directory), give the same model: every file of the published versions byte for byte,
// and the manifests equal apart from the input's identity (name, bytes, sha256, gzip, format),
// the version name, creation time and timings (and the option that says where aggregation ran).
// The real Online Retail rows, all 541,909 of them, from each source.
import t, { type Test } from 'tap'
import { mkdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { MANIFEST_FILE, MODEL_FILES, OPTIONAL_MODEL_FILES, REPORT_FILE, type Manifest } from '../../../../lib/artifacts/index.js'
import { AGGREGATES_SQL } from '../../../../trainer/aggregates/sql/read.js'
import { trainAndPublish, type TrainResult } from '../../../../trainer/train.js'
import { writeOnlineRetailParquet } from '../../../helpers/parquet.js'
import { exportAggregates, inputUrl, loadOnlineRetail, ONLINE_RETAIL_CSV, ONLINE_RETAIL_ROWS, skipWithoutPostgres } from '../../../helpers/postgres.js'

const skip = skipWithoutPostgres()

// Five trainings on 541,909 rows plus a Parquet file and an export: 85 s alone, 233 s inside
// `npm test` on 2 shared cores, near the runner's 300 s per file; the root test tells it its own.
t.setTimeout(900_000)

async function comparableManifest (dir: string): Promise<Partial<Manifest>> {
  const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as Partial<Manifest>
  delete manifest.input
  delete manifest.version
  delete manifest.createdAt
  delete manifest.timings
  delete (manifest.options as Record<string, unknown> | undefined)?.aggregateInDatabase
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

t.test('CSV, Parquet, PostgreSQL, aggregates computed in PostgreSQL and exported aggregates of the real Online Retail rows give identical models', { skip }, async (t) => {
  const dir = t.testdir()
  const parquet = path.join(dir, 'online_retail.parquet')
  const written = await writeOnlineRetailParquet(ONLINE_RETAIL_CSV, parquet)
  t.equal(written.rows, ONLINE_RETAIL_ROWS, 'every row in the Parquet file')
  const table = await loadOnlineRetail()

  // separate artifact directories: each version is the first of its directory (no movements)
  const fromCsv = await trainAndPublish({ input: ONLINE_RETAIL_CSV, out: path.join(dir, 'csv') })
  const fromParquet = await trainAndPublish({ input: parquet, out: path.join(dir, 'parquet') })
  // the whole table in its physical order (not the file's): the pipeline models aggregates, which do not depend on order
  const fromPostgres = await trainAndPublish({ input: inputUrl({ table }), out: path.join(dir, 'postgres') })
  const pushedDown = await trainAndPublish({ input: inputUrl({ table }), aggregateInDatabase: true, out: path.join(dir, 'pushed-down') })
  const exported = path.join(dir, 'exported')
  mkdirSync(exported)
  await exportAggregates(readFileSync(AGGREGATES_SQL, 'utf8'), `(SELECT InvoiceNo AS invoice, StockCode AS stock_code, Description AS description,
    Quantity AS quantity, InvoiceDate AS invoice_date, UnitPrice AS unit_price, CustomerID AS customer_id, Country AS country FROM ${table}) AS transactions`, exported)
  const fromExport = await trainAndPublish({ input: exported, out: path.join(dir, 'from-export') })

  t.equal(fromCsv.manifest.cleaning.rowsRead, ONLINE_RETAIL_ROWS)
  t.equal(fromCsv.manifest.cleaning.rowsKept, 397_884)
  await sameModels(t, fromCsv, fromParquet, 'Parquet and CSV')
  await sameModels(t, fromCsv, fromPostgres, 'PostgreSQL and CSV')
  await sameModels(t, fromCsv, pushedDown, 'aggregated in PostgreSQL and CSV')
  await sameModels(t, fromCsv, fromExport, 'exported aggregates and CSV')

  t.match(fromParquet.manifest.input, { fileName: 'online_retail.parquet', gzip: false, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  const pg = fromPostgres.manifest.input
  t.match(pg, { gzip: false, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  t.match(pg.fileName, /^PostgreSQL 127\.0\.0\.1:\d+ \w+, table online_retail$/, 'the manifest names server, database and table')
  t.match(pushedDown.manifest.input, { fileName: /^PostgreSQL 127\.0\.0\.1:\d+ \w+, table online_retail, aggregated in the database$/, format: 'online-retail', rowsRead: ONLINE_RETAIL_ROWS })
  t.match(pushedDown.manifest.options, { aggregateInDatabase: true })
  t.match(fromExport.manifest.input, { fileName: 'exported (aggregates)', format: 'aggregates', sha256: pushedDown.manifest.input.sha256 }, 'the export\'s aggregates have the pushed-down ones\' fingerprint')
  for (const version of [fromPostgres, pushedDown]) t.notMatch(JSON.stringify(version.manifest), /postgres:\/\/|shopper@/, 'no URL or user in the manifest')
})
