import t from 'tap'
import type { Points } from '../../../trainer/segments/points.js'
import { pointsFromRows } from '../../helpers/trainer-data.js'
import { sampleIndices } from '../../../trainer/segments/seed.js'
import { silhouetteScore, silhouetteScores } from '../../../trainer/segments/silhouette.js'
import { blobs, uniformPoints } from './fixtures.js'
import { createRandom } from '../../../trainer/segments/seed.js'

/** sklearn's definition, written the obvious way. */
function naiveSilhouette (rows: number[][], labels: number[]): number {
  const distance = (a: number[], b: number[]): number => Math.sqrt(a.reduce((sum, x, d) => sum + (x - b[d]) ** 2, 0))
  const clusters = [...new Set(labels)]
  const scores = rows.map((row, i) => {
    const mean = (c: number, excludeSelf: boolean): number => {
      const members = rows.filter((_, j) => labels[j] === c && !(excludeSelf && j === i))
      return members.reduce((sum, other) => sum + distance(row, other), 0) / members.length
    }
    if (labels.filter(l => l === labels[i]).length === 1) return 0
    const a = mean(labels[i], true)
    const b = Math.min(...clusters.filter(c => c !== labels[i]).map(c => mean(c, false)))
    return (b - a) / Math.max(a, b)
  })
  return scores.reduce((a, b) => a + b, 0) / scores.length
}

function rowsOf (points: Points): number[][] {
  return Array.from({ length: points.n }, (_, i) => Array.from(points.values.subarray(i * points.dims, (i + 1) * points.dims)))
}

function randomLabels (n: number, k: number, seed: number): Int32Array {
  const random = createRandom(seed)
  return Int32Array.from({ length: n }, (_, i) => (i < k ? i : Math.floor(random() * k)))
}

t.test('a hand-computed example', async t => {
  const points = pointsFromRows([[0], [1], [10], [11]])
  // a = 1 for every point; b = 10.5 for 0 and 11, 9.5 for 1 and 10
  const expected = ((10.5 - 1) / 10.5 * 2 + (9.5 - 1) / 9.5 * 2) / 4
  t.ok(Math.abs((silhouetteScore(points, Int32Array.from([0, 0, 1, 1]), 2) as number) - expected) < 1e-15)
})

t.test('matches the direct definition, one labelling or many at once', async t => {
  const { points } = blobs([[0, 0, 0], [3, 0, 0], [0, 3, 1]], 40, 1, 11)
  const labellings = [2, 3, 4, 6].map((k, s) => ({ k, labels: randomLabels(points.n, k, s) }))
  const together = silhouetteScores(points, labellings)
  labellings.forEach(({ k, labels }, l) => {
    const expected = naiveSilhouette(rowsOf(points), Array.from(labels))
    t.ok(Math.abs((together[l] as number) - expected) < 1e-12, `k = ${k} together`)
    t.ok(Math.abs((silhouetteScore(points, labels, k) as number) - expected) < 1e-12, `k = ${k} alone`)
  })
  const twoDims = uniformPoints(60, 2, 4)
  const labels = randomLabels(60, 3, 9)
  t.ok(Math.abs((silhouetteScore(twoDims, labels, 3) as number) - naiveSilhouette(rowsOf(twoDims), Array.from(labels))) < 1e-12, 'generic dimension path')
})

t.test('singletons score 0 and empty clusters are ignored', async t => {
  const points = pointsFromRows([[0, 0], [0, 1], [5, 5], [9, 9]])
  const labels = Int32Array.from([0, 0, 3, 1]) // cluster 2 empty, clusters 1 and 3 singletons
  t.ok(Math.abs((silhouetteScore(points, labels, 4) as number) - naiveSilhouette(rowsOf(points), Array.from(labels))) < 1e-12)
})

t.test('undefined (null) with one cluster or with every point alone', async t => {
  const points = uniformPoints(5, 3, 1)
  t.equal(silhouetteScore(points, new Int32Array(5), 1), null)
  t.equal(silhouetteScore(points, new Int32Array(5), 3), null, 'k = 3 but only one non-empty cluster')
  t.equal(silhouetteScore(points, Int32Array.from([0, 1, 2, 3, 4]), 5), null)
  t.same(silhouetteScores(points, []), [])
})

t.test('above sampleSize it scores a seeded sample, the same for every labelling', async t => {
  const { points } = blobs([[0, 0, 0], [4, 4, 4]], 150, 1, 2)
  const labels = randomLabels(points.n, 3, 1)
  const sample = sampleIndices(points.n, 100, 77)
  const rows = rowsOf(points)
  const expected = naiveSilhouette(Array.from(sample, i => rows[i]), Array.from(sample, i => labels[i]))
  const [first, second] = silhouetteScores(points, [{ labels, k: 3 }, { labels, k: 3 }], { sampleSize: 100, seed: 77 })
  t.ok(Math.abs((first as number) - expected) < 1e-12)
  t.equal(first, second)
  t.not(silhouetteScore(points, labels, 3, { sampleSize: 100, seed: 78 }), first, 'another seed, another sample')
})

t.test('rejects labels that do not fit', async t => {
  const points = uniformPoints(4, 3, 1)
  t.throws(() => silhouetteScore(points, Int32Array.from([0, 1, 2, 0]), 2), RangeError)
  t.throws(() => silhouetteScore(points, Int32Array.from([0, 1]), 2), RangeError)
})
