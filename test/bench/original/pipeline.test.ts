// The Python reproduction of the original pipeline, on a small fixture whose expected counts
// follow from how it is built. Skipped where Debian's python3-pandas / python3-sklearn are missing.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import t from 'tap'
import { PYTHON_PIPELINE } from '../../../bench/lib/pipelines.js'
import { DEBIAN_PYTHON, pythonScientific } from '../../../bench/lib/system-packages.js'

const run = promisify(execFile)
const PRODUCTS = ['RED MUG', 'BLUE MUG', 'GREEN MUG', 'TEA SET, BLUE', 'CAKE STAND']

interface Fixture { csv: string, keptRows: number, customers: number }

// Customer c (0..29) buys on invoices spread over days; then rows each cleaning rule must drop.
function buildFixture (): Fixture {
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country']
  let invoice = 500000
  let keptRows = 0
  for (let c = 0; c < 30; c++) {
    const invoices = 1 + (c % 5)
    for (let i = 0; i < invoices; i++) {
      invoice++
      const day = 1 + ((c * 7 + i * 11) % 28)
      for (let p = 0; p <= (c + i) % PRODUCTS.length; p++) {
        const description = PRODUCTS[p].includes(',') ? `"${PRODUCTS[p]}"` : PRODUCTS[p]
        lines.push(`${invoice},S${p},${description},${1 + ((c + p) % 6) * (c % 3 === 0 ? 20 : 1)},2011-03-${String(day).padStart(2, '0')} 10:00:00,${(1.5 + p).toFixed(2)},${13000 + c},United Kingdom`)
        keptRows++
      }
    }
  }
  lines.push('600001,S0,RED MUG,3,2011-03-02 10:00:00,1.5,,United Kingdom') // no customer
  lines.push('C600002,S1,BLUE MUG,-2,2011-03-03 10:00:00,2.5,13001,United Kingdom') // cancelled
  lines.push('600003,S1,BLUE MUG,0,2011-03-03 10:00:00,2.5,13002,United Kingdom') // quantity 0
  lines.push('600004,S2,GREEN MUG,-5,2011-03-03 10:00:00,3.5,13003,United Kingdom') // negative quantity
  lines.push('600005,S2,GREEN MUG,5,2011-03-03 10:00:00,0.0,13004,United Kingdom') // free
  return { csv: lines.join('\n') + '\n', keptRows, customers: 30 }
}

t.test('cleans, sweeps k = 2..10, saves the models and the dense similarity CSV', { skip: pythonScientific.isPresent() ? false : 'python3-pandas / python3-sklearn not installed' }, async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'original-pipeline-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  const fixture = buildFixture()
  const input = path.join(dir, 'fixture.csv.gz')
  await writeFile(input, gzipSync(fixture.csv))
  const out = path.join(dir, 'out')
  const { stdout } = await run(DEBIAN_PYTHON, [PYTHON_PIPELINE, '--input', input, '--out', out])
  const summary = JSON.parse(stdout.trim().split('\n').pop() ?? '{}')

  t.equal(summary.rowsRead, fixture.csv.trim().split('\n').length - 1)
  t.equal(summary.rows, fixture.keptRows, 'each cleaning rule dropped its row')
  t.equal(summary.customers, fixture.customers)
  t.equal(summary.products, PRODUCTS.length)
  t.same(summary.sweep.map((s: { k: number }) => s.k), [2, 3, 4, 5, 6, 7, 8, 9, 10])
  t.equal(summary.k, 4)
  t.equal(summary.clusterSizes.reduce((a: number, b: number) => a + b, 0), fixture.customers)
  t.ok(summary.silhouette > -1 && summary.silhouette <= 1)
  t.equal(summary.inertia, summary.sweep[2].inertia, 'the final k = 4 model is the sweep\'s k = 4 model (same seed)')
  t.equal(summary.log1p, false, 'no transform by default, as the original')
  t.ok(summary.peakRssBytes > 0)
  t.same(Object.keys(summary.timings), ['read', 'clean', 'rfm', 'scale', 'sweep', 'cluster', 'save_models', 'pivot', 'similarity', 'similarity_csv', 'recommend'])

  t.same((await readdir(out)).sort(), ['kmeans_model.pkl', 'product_similarity.csv', 'scaler.pkl'])
  const csv = (await readFile(path.join(out, 'product_similarity.csv'), 'utf8')).trim().split('\n')
  t.equal(csv.length, PRODUCTS.length + 1, 'a dense products × products matrix with a header line')
  t.ok(csv[0].startsWith('Description,'))
  t.equal(summary.recommendExample.recommended.length, PRODUCTS.length - 1, 'recommend(…, n=5) returns the other products')

  const { stdout: models } = await run(DEBIAN_PYTHON, ['-c', [
    'import joblib',
    `scaler = joblib.load("${path.join(out, 'scaler.pkl')}")`,
    `kmeans = joblib.load("${path.join(out, 'kmeans_model.pkl')}")`,
    'print(len(scaler.mean_), kmeans.n_clusters, kmeans.n_init, kmeans.random_state)'
  ].join('\n')])
  t.equal(models.trim(), '3 4 10 42', 'joblib models: scaler on the three RFM features, K-Means k = 4, n_init 10, seed 42')
})
