// Above segmentFitSample customers K-Means fits a seeded sample (10M customers: the
// --segment-fit-sample option); below it nothing changes. The boundary is an option, so a small table shows both.
import t from 'tap'
import { buildSegmentModel, DEFAULT_SEGMENT_OPTIONS } from '../../../trainer/segments/index.js'
import { fourKindsOfCustomers } from './fixtures.js'

const rfm = fourKindsOfCustomers()
const FAST = { nInit: 3 }

t.test('at or below the sample size: the model fitted on every customer, unchanged', async (t) => {
  t.ok(rfm.customerIds.length < DEFAULT_SEGMENT_OPTIONS.segmentFitSample)
  t.strictSame(buildSegmentModel(rfm, { ...FAST, segmentFitSample: rfm.customerIds.length }), buildSegmentModel(rfm, FAST))
})

t.test('above it: fitted on a sample, every customer classified, inertia over all of them', async (t) => {
  const n = rfm.customerIds.length
  const sampled = buildSegmentModel(rfm, { ...FAST, segmentFitSample: 60 })
  t.equal(sampled.assignments.length, n)
  t.equal(sampled.sizes.reduce((a, b) => a + b, 0), n)
  t.same(sampled.model.segments.map((s) => s.label), ['High-Value', 'Regular', 'Occasional', 'At-Risk'], 'four kinds still found from 60 of 160')
  t.ok(sampled.inertia > sampled.sweep[2].inertia, 'the sweep is the sample\'s (60 points), the chosen inertia is over all 160')
  t.strictSame(buildSegmentModel(rfm, { ...FAST, segmentFitSample: 60 }), sampled, 'the same sample every time')
})
