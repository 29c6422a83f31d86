import t from 'tap'
import { fitKMeans } from '../../../trainer/segments/kmeans.js'
import { silhouetteScore } from '../../../trainer/segments/silhouette.js'
import { sweepK } from '../../../trainer/segments/sweep.js'
import { blobs } from './fixtures.js'

t.test('records inertia and silhouette for every k, consistent with fitting each k alone', async t => {
  const { points } = blobs([[0, 0, 0], [6, 0, 0], [0, 6, 0]], 40, 1, 8)
  const sweep = sweepK(points, { seed: 5, kMin: 2, kMax: 6 })
  t.same(sweep.points.map(p => p.k), [2, 3, 4, 5, 6])
  t.same(sweep.clusterings.map(c => c.k), [2, 3, 4, 5, 6])
  sweep.points.forEach((point, i) => {
    const alone = fitKMeans(points, point.k, { seed: 5 })
    t.equal(point.inertia, alone.inertia, `k = ${point.k} inertia`)
    // summed in another order when scored alone: equal up to rounding
    const alone1 = silhouetteScore(points, alone.labels, point.k, { seed: 5 }) as number
    t.ok(Math.abs((point.silhouette as number) - alone1) < 1e-12, `k = ${point.k} silhouette`)
    t.same(sweep.clusterings[i], alone)
  })
  // the elbow: inertia falls with k, and the three true blobs score best
  t.ok(sweep.points.every((p, i) => i === 0 || p.inertia <= sweep.points[i - 1].inertia))
  const best = sweep.points.reduce((a, b) => ((b.silhouette as number) > (a.silhouette as number) ? b : a))
  t.equal(best.k, 3)
})

t.test('stops at maxK and defaults to k = 2..10', async t => {
  const { points } = blobs([[0, 0, 0], [6, 0, 0]], 10, 1, 1)
  t.same(sweepK(points, {}, 4).points.map(p => p.k), [2, 3, 4])
  t.same(sweepK(points, { nInit: 1 }).points.map(p => p.k), [2, 3, 4, 5, 6, 7, 8, 9, 10])
})
