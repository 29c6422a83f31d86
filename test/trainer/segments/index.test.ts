import t from 'tap'
import { Value } from 'typebox/value'
import { SegmentModelSchema, SweepPointSchema } from '../../../lib/artifacts/schema.js'
import { classifyRfm } from '../../../lib/segments/classify.js'
import { buildSegmentModel } from '../../../trainer/segments/index.js'
import { fourKindsOfCustomers, rfmTable } from './fixtures.js'

const rfm = fourKindsOfCustomers()
const FAST = { nInit: 3 }

t.test('k = 4 on four kinds of customers: a valid model naming each kind', async t => {
  const result = buildSegmentModel(rfm, FAST)
  t.ok(Value.Check(SegmentModelSchema, result.model), JSON.stringify([...Value.Errors(SegmentModelSchema, result.model)].slice(0, 3)))
  t.ok(result.sweep.every(point => Value.Check(SweepPointSchema, point)))
  t.same(result.sweep.map(p => p.k), [2, 3, 4, 5, 6, 7, 8, 9, 10])
  t.equal(result.k, 4)
  t.equal(result.kSelection, 'fixed')
  t.equal(result.inertia, result.sweep[2].inertia)
  t.equal(result.silhouette, result.sweep[2].silhouette)
  t.same(result.model.segments.map(s => s.label), ['High-Value', 'Regular', 'Occasional', 'At-Risk'])
  t.same(result.model.segments.map(s => s.id), [0, 1, 2, 3])
  const kindOf = ['best', 'regular', 'occasional', 'atrisk']
  rfm.customerIds.forEach((id, i) => {
    if (!id.startsWith(kindOf[result.assignments[i]])) t.fail(`${id} in ${result.model.segments[result.assignments[i]].label}`)
  })
  t.same(result.sizes, [40, 40, 40, 40])
  t.same(result.model.segments.map(s => [s.size, s.share]), result.sizes.map(size => [size, size / 160]))
})

t.test('assignments are classifyRfm of each customer, and each centroid classifies into its segment', async t => {
  const { model, assignments } = buildSegmentModel(rfm, { ...FAST, k: 6 })
  rfm.customerIds.forEach((_, i) => {
    const id = classifyRfm(model, { recency: rfm.recency[i], frequency: rfm.frequency[i], monetary: rfm.monetary[i] })
    if (id !== assignments[i]) t.fail(`customer ${i}: ${id} ≠ ${assignments[i]}`)
  })
  for (const segment of model.segments) t.equal(classifyRfm(model, segment.centroid), segment.id, segment.label)
  t.equal(new Set(model.segments.map(s => s.label)).size, 6)
})

t.test('centroids in RFM units invert the scaling and the transform', async t => {
  for (const transform of ['log1p', 'none'] as const) {
    const { model } = buildSegmentModel(rfm, { ...FAST, transform, kMax: 4 })
    t.equal(model.transform, transform)
    for (const segment of model.segments) {
      const back = [segment.centroid.recency, segment.centroid.frequency, segment.centroid.monetary]
        .map((v, j) => ((transform === 'log1p' ? Math.log1p(v) : v) - model.scaler.mean[j]) / model.scaler.std[j])
      back.forEach((v, j) => t.ok(Math.abs(v - segment.centroidScaled[j]) < 1e-9, `${transform} ${segment.label} feature ${j}`))
    }
  }
})

t.test('same options → the same model; labels follow the customers across seeds', async t => {
  const a = buildSegmentModel(rfm, { ...FAST, seed: 1 })
  t.same(buildSegmentModel(rfm, { ...FAST, seed: 1 }), a)
  const b = buildSegmentModel(rfm, { ...FAST, seed: 2 })
  t.same(b.model.segments.map(s => s.label), a.model.segments.map(s => s.label))
  t.same(b.assignments, a.assignments)
})

t.test('k auto picks from the sweep', async t => {
  const result = buildSegmentModel(rfm, { ...FAST, k: 'auto' })
  t.equal(result.kSelection, 'auto')
  t.ok(result.k >= 3 && result.k <= 10)
  t.equal(result.model.segments.length, result.k)
})

t.test('a fixed k outside the sweep is fitted and scored too', async t => {
  const result = buildSegmentModel(rfm, { ...FAST, k: 12, kMax: 5 })
  t.equal(result.model.segments.length, 12)
  t.same(result.sweep.map(p => p.k), [2, 3, 4, 5])
  t.type(result.silhouette, 'number')
})

t.test('bad k and empty input are coded errors', async t => {
  const tiny = rfmTable([['a', 1, 1, 10], ['b', 50, 2, 20], ['c', 50, 2, 20]])
  t.throws(() => buildSegmentModel(tiny, { k: 4 }), { code: 'ERR_K_TOO_LARGE' })
  t.throws(() => buildSegmentModel(tiny, { k: 3 }), { code: 'ERR_K_TOO_LARGE', message: /2 distinct/ })
  t.throws(() => buildSegmentModel(tiny, { k: 0 }), { code: 'ERR_USAGE' })
  t.throws(() => buildSegmentModel(tiny, { k: 2.5 }), { code: 'ERR_USAGE' })
  t.throws(() => buildSegmentModel(rfmTable([]), {}), { code: 'ERR_EMPTY_AFTER_CLEANING' })
  const two = buildSegmentModel(tiny, { k: 2 })
  t.same(two.sweep.map(p => p.k), [2], 'the sweep stops at the distinct profiles')
  t.same(two.sizes.slice().sort(), [1, 2])
  const auto = buildSegmentModel(rfmTable([['a', 1, 1, 10], ['b', 1, 1, 10]]), { k: 'auto' })
  t.equal(auto.k, 1)
  t.same(auto.model.segments.map(s => s.label), ['All Customers'])
})
