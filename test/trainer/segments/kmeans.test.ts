import t from 'tap'
import { fitKMeans, restartSeed } from '../../../trainer/segments/kmeans.js'
import { blobs, uniformPoints } from './fixtures.js'

t.test('recovers well-separated blobs', async t => {
  const { points, truth } = blobs([[0, 0, 0], [10, 0, 0], [0, 10, 0], [0, 0, 10]], 50, 0.5)
  const result = fitKMeans(points, 4, { seed: 1 })
  t.equal(result.k, 4)
  t.equal(result.centroids.length, 12)
  // each true blob maps to exactly one cluster
  const mapping = new Map<number, number>()
  truth.forEach((blob, i) => {
    const seen = mapping.get(blob)
    if (seen === undefined) mapping.set(blob, result.labels[i])
    else if (seen !== result.labels[i]) t.fail(`blob ${blob} split`)
  })
  t.equal(new Set(mapping.values()).size, 4)
})

t.test('inertia is the sum of squared distances to the assigned centroid', async t => {
  const points = uniformPoints(300, 3, 2)
  const result = fitKMeans(points, 5, { seed: 3 })
  let sse = 0
  for (let i = 0; i < points.n; i++) {
    const c = result.labels[i]
    for (let d = 0; d < 3; d++) sse += (points.values[i * 3 + d] - result.centroids[c * 3 + d]) ** 2
  }
  t.ok(Math.abs(result.inertia - sse) < 1e-9 * sse)
})

t.test('same seed → identical result; more restarts never do worse than the first', async t => {
  const points = uniformPoints(400, 3, 5)
  t.same(fitKMeans(points, 6, { seed: 9 }), fitKMeans(points, 6, { seed: 9 }))
  const one = fitKMeans(points, 6, { seed: 9, nInit: 1 })
  const ten = fitKMeans(points, 6, { seed: 9, nInit: 10 })
  t.ok(ten.inertia <= one.inertia)
  t.not(restartSeed(9, 0), restartSeed(9, 1))
})

t.test('validates k and nInit', async t => {
  const points = uniformPoints(5, 3, 1)
  t.throws(() => fitKMeans(points, 6), RangeError)
  t.throws(() => fitKMeans(points, 0), RangeError)
  t.throws(() => fitKMeans(points, 2, { nInit: 0 }), RangeError)
  t.equal(fitKMeans(points, 5).inertia, 0, 'k = n puts every point on its own centroid')
})
