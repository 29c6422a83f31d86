import t from 'tap'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { compareSegmentTransforms } from '../../../trainer/evaluate/segment-transform.js'
import { randomLog } from './fixtures.js'

t.test('both transforms at the same k: sizes cover every customer, largest first', async (t) => {
  const table = randomLog(31)
  const comparison = compareSegmentTransforms(aggregateTable(table), { k: 3, seed: 42, nInit: 3 })
  t.same(comparison.map((c) => c.transform), ['log1p', 'none'])
  for (const c of comparison) {
    t.equal(c.k, 3)
    t.equal(c.sizes.reduce((a, b) => a + b, 0), table.customerIds.length, `${c.transform}: every customer in a segment`)
    t.same(c.sizes, [...c.sizes].sort((a, b) => b - a), 'largest first')
    t.equal(c.labels.length, 3)
    t.equal(c.largestShare, c.sizes[0] / table.customerIds.length)
    t.ok(c.silhouette !== null && c.silhouette >= -1 && c.silhouette <= 1, `silhouette ${c.silhouette}`)
  }
  t.same(compareSegmentTransforms(aggregateTable(table), { k: 3, seed: 42, nInit: 3 }), comparison, 'seeded: the same twice')
})
