import t, { type Test } from 'tap'
import { kmeans } from 'ml-kmeans'
import { initialCentres } from '../../../trainer/segments/kmeans.js'
import { assignNearest, lloyd } from '../../../trainer/segments/lloyd.js'
import type { Points } from '../../../trainer/segments/points.js'
import { pointsToRows } from '../../helpers/trainer-data.js'
import { blobs, uniformPoints } from './fixtures.js'

function rowsOf (matrix: Float64Array, k: number, dims: number): number[][] {
  return Array.from({ length: k }, (_, c) => Array.from(matrix.subarray(c * dims, (c + 1) * dims)))
}

function compareWithMlKmeans (t: Test, points: Points, initial: Float64Array, k: number, maxIterations: number, tolerance: number): void {
  const ours = lloyd(points, initial, k, { maxIterations, tolerance })
  const theirs = kmeans(pointsToRows(points), k, { initialization: rowsOf(initial, k, points.dims), maxIterations, tolerance })
  t.same(rowsOf(ours.centroids, k, points.dims), theirs.centroids, 'bit-identical centroids')
  t.equal(ours.iterations, theirs.iterations, 'same number of iterations')
  t.equal(ours.converged, theirs.converged)
}

t.test('is step for step ml-kmeans given the same initial centres', async t => {
  for (const dims of [2, 3]) {
    for (const k of [2, 4, 7]) {
      const points = uniformPoints(500, dims, 10 * dims + k)
      compareWithMlKmeans(t, points, initialCentres(points, k, k), k, 300, 1e-6)
      compareWithMlKmeans(t, points, initialCentres(points, k, k + 1), k, 3, 1e-6)
    }
  }
})

t.test('an empty cluster keeps its centre, as in ml-kmeans', async t => {
  const { points } = blobs([[0, 0, 0], [10, 10, 10]], 30, 1, 4)
  const initial = Float64Array.from([0, 0, 0, 10, 10, 10, 1000, 1000, 1000])
  compareWithMlKmeans(t, points, initial, 3, 100, 1e-6)
  const result = lloyd(points, initial, 3, { maxIterations: 100, tolerance: 1e-6 })
  t.same(Array.from(result.centroids.subarray(6)), [1000, 1000, 1000])
})

t.test('does not modify the initial centres and validates maxIterations', async t => {
  const points = uniformPoints(50, 3, 1)
  const initial = initialCentres(points, 3, 1)
  const copy = initial.slice()
  lloyd(points, initial, 3, { maxIterations: 10, tolerance: 1e-6 })
  t.same(initial, copy)
  t.throws(() => lloyd(points, initial, 3, { maxIterations: 0, tolerance: 1e-6 }), RangeError)
})

t.test('assignNearest labels each point with its nearest centre and sums the squared distances', async t => {
  for (const dims of [2, 3]) {
    const points = uniformPoints(200, dims, dims)
    const centres = initialCentres(points, 5, 3)
    const labels = new Int32Array(points.n)
    const inertia = assignNearest(points, centres, 5, labels)
    let expected = 0
    for (let i = 0; i < points.n; i++) {
      const distances = Array.from({ length: 5 }, (_, c) => {
        let sum = 0
        for (let d = 0; d < dims; d++) sum += (points.values[i * dims + d] - centres[c * dims + d]) ** 2
        return sum
      })
      const best = Math.min(...distances)
      if (labels[i] !== distances.indexOf(best)) t.fail(`point ${i} labelled ${labels[i]}`)
      expected += best
    }
    t.ok(Math.abs(inertia - expected) < 1e-9 * expected, `dims ${dims}`)
  }
})
