// The segment stage on the real Online Retail data, against scikit-learn's numbers
// (bench/reference/segments_reference.py → segments_reference.json).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import t from 'tap'
import { Value } from 'typebox/value'
import { CustomersSchema, SegmentModelSchema, type SweepPoint } from '../../../lib/artifacts/schema.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { classifyRfm } from '../../../lib/segments/classify.js'
import { buildKnownCustomers } from '../../../trainer/customers.js'
import { loadAggregates } from '../../../trainer/read/load-aggregates.js'
import { computeRfm } from '../../../trainer/rfm.js'
import { buildSegmentModel } from '../../../trainer/segments/index.js'

// from the issue: sklearn, log1p + StandardScaler, k = 4, n_init = 10
const SKLEARN_INERTIA_K4 = 3938.98
const SKLEARN_SILHOUETTE_K4 = 0.3375

const reference = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'bench', 'reference', 'segments_reference.json'), 'utf8')) as {
  customers: number
  snapshot: string
  rfmSums: { recency: number, frequency: number, monetary: number }
  results: Record<'log1p' | 'none', { sweep: SweepPoint[] }>
}

const { aggregates } = await loadAggregates({ input: path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz') })
const rfm = computeRfm(aggregates)
const result = buildSegmentModel(rfm)

const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0)

t.test('RFM matches the pandas computation', async t => {
  t.equal(rfm.customerIds.length, 4338)
  t.equal(reference.customers, 4338)
  t.equal(rfm.snapshot.toISOString(), `${reference.snapshot}.000Z`)
  t.equal(sum(rfm.recency), reference.rfmSums.recency)
  t.equal(sum(rfm.frequency), reference.rfmSums.frequency)
  t.ok(Math.abs(sum(rfm.monetary) - reference.rfmSums.monetary) < 1e-6)
})

t.test('k = 4 log1p: inertia within 1 % of scikit-learn, silhouette close to its 0.3375', async t => {
  t.equal(result.k, 4)
  t.ok(result.inertia <= SKLEARN_INERTIA_K4 * 1.01, `inertia ${result.inertia}`)
  t.ok(Math.abs((result.silhouette as number) - SKLEARN_SILHOUETTE_K4) < 0.01, `silhouette ${result.silhouette}`)
})

t.test('every k of the sweep within 1 % of scikit-learn, both transforms', async t => {
  const none = buildSegmentModel(rfm, { transform: 'none' })
  for (const [transform, sweep] of [['log1p', result.sweep], ['none', none.sweep]] as const) {
    t.same(sweep.map(p => p.k), reference.results[transform].sweep.map(p => p.k))
    sweep.forEach((point, i) => {
      const theirs = reference.results[transform].sweep[i]
      t.ok(point.inertia <= theirs.inertia * 1.01, `${transform} k = ${point.k}: inertia ${point.inertia.toFixed(2)} vs ${theirs.inertia.toFixed(2)}`)
    })
  }
})

t.test('the four business segments, a valid model, consistent customers', async t => {
  const { model } = result
  t.ok(Value.Check(SegmentModelSchema, model))
  t.same(model.segments.map(s => s.label), ['High-Value', 'Regular', 'Occasional', 'At-Risk'])
  t.equal(result.sizes.reduce((a, b) => a + b, 0), 4338)
  const [highValue, , , atRisk] = model.segments
  t.ok(highValue.centroid.monetary > atRisk.centroid.monetary && highValue.centroid.recency < atRisk.centroid.recency)
  for (const segment of model.segments) t.equal(classifyRfm(model, segment.centroid), segment.id, `${segment.label} centroid round-trips`)
  const customers = buildKnownCustomers(rfm, model)
  t.ok(Value.Check(CustomersSchema, customers))
  t.same(model.segments.map(s => customers.customers.filter(c => c.segment === s.id).length), result.sizes)
})

t.test('same seed → identical model; another seed → within 1 % inertia, same labels', async t => {
  t.same(buildSegmentModel(rfm), result)
  const other = buildSegmentModel(rfm, { seed: 7 })
  t.ok(Math.abs(other.inertia - result.inertia) <= 0.01 * result.inertia, `${other.inertia} vs ${result.inertia}`)
  t.same(other.model.segments.map(s => s.label), result.model.segments.map(s => s.label))
})
