import t from 'tap'
import type { SegmentModel } from '../../../lib/artifacts/schema.js'
import { classifyRfm, classifyValues, nearestSegmentIndex, scaleFeature, transformFeature, untransformFeature } from '../../../lib/segments/classify.js'

function model (transform: SegmentModel['transform']): SegmentModel {
  const segment = (id: number, label: string, centroidScaled: number[]): SegmentModel['segments'][number] =>
    ({ id, label, description: '', action: '', size: 1, share: 0.25, centroidScaled, centroid: { recency: 1, frequency: 1, monetary: 1 } })
  return {
    features: ['recency', 'frequency', 'monetary'],
    transform,
    scaler: { mean: [3, 1, 6], std: [2, 0.5, 1.5] },
    segments: [segment(0, 'High-Value', [-1, 1, 1]), segment(1, 'Regular', [0, 0.5, 0.5]), segment(2, 'Occasional', [-0.5, -0.5, -0.5]), segment(3, 'At-Risk', [1, -1, -1])]
  }
}

t.test('transforms invert each other', async t => {
  for (const value of [0, 1, 17, 4280.15]) {
    t.ok(Math.abs(untransformFeature(transformFeature(value, 'log1p'), 'log1p') - value) < 1e-9 * Math.max(1, value))
    t.equal(untransformFeature(transformFeature(value, 'none'), 'none'), value)
  }
  t.equal(transformFeature(Math.E - 1, 'log1p'), Math.log1p(Math.E - 1))
})

t.test('scaleFeature transforms, subtracts the mean and divides by the std of that feature', async t => {
  const m = model('log1p')
  t.equal(scaleFeature(10, 0, m), (Math.log1p(10) - 3) / 2)
  t.equal(scaleFeature(10, 2, model('none')), (10 - 6) / 1.5)
})

t.test('classifyRfm returns the id of the nearest centroid in the scaled space', async t => {
  const m = model('none')
  // a point placed exactly at each centroid, expressed in raw units
  for (const segment of m.segments) {
    const raw = segment.centroidScaled.map((x, j) => x * m.scaler.std[j] + m.scaler.mean[j])
    t.equal(classifyRfm(m, { recency: raw[0], frequency: raw[1], monetary: raw[2] }), segment.id, segment.label)
  }
  // a point slightly nearer At-Risk than Regular
  t.equal(classifyValues(m, 3 + 2 * 0.6, 1 - 0.5 * 0.3, 6 - 1.5 * 0.3), 3)
})

t.test('ids come from the segment, not its position; ties go to the segment listed first', async t => {
  const m = model('none')
  m.segments = m.segments.map(s => ({ ...s, id: 10 + s.id })).reverse()
  t.equal(classifyValues(m, 3 + 2 * 1, 1 - 0.5, 6 - 1.5), 13)
  const twin = { ...m.segments[0], id: 99 }
  t.equal(nearestSegmentIndex([m.segments[0], twin], 0, 0, 0), 0)
})

t.test('rejects negative or non-finite values', async t => {
  const m = model('log1p')
  t.throws(() => classifyRfm(m, { recency: -1, frequency: 1, monetary: 1 }), RangeError)
  t.throws(() => classifyRfm(m, { recency: 1, frequency: Number.NaN, monetary: 1 }), RangeError)
  t.throws(() => classifyRfm(m, { recency: 1, frequency: 1, monetary: Infinity }), RangeError)
  t.type(classifyRfm(m, { recency: 0, frequency: 1, monetary: 0 }), 'number')
})
