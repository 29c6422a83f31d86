import t from 'tap'
import { kmeansPlusPlus } from '../../../trainer/segments/init.js'
import { pointsFromRows } from '../../helpers/trainer-data.js'
import { blobs } from './fixtures.js'

t.test('picks one seed in each of k well-separated blobs', async t => {
  const centres = [[0, 0, 0], [50, 0, 0], [0, 50, 0], [0, 0, 50], [50, 50, 50]]
  const { points, truth } = blobs(centres, 60, 1)
  for (let seed = 0; seed < 10; seed++) {
    const chosen = kmeansPlusPlus(points, 5, seed)
    t.same(new Set(Array.from(chosen, i => truth[i])).size, 5, `seed ${seed}`)
  }
})

t.test('is reproducible for a seed and varies with it', async t => {
  const { points } = blobs([[0, 0], [5, 5]], 100, 2)
  t.same(kmeansPlusPlus(points, 4, 7), kmeansPlusPlus(points, 4, 7))
  t.notSame(kmeansPlusPlus(points, 4, 7), kmeansPlusPlus(points, 4, 8))
})

t.test('copes with more centres than distinct points (duplicates are unavoidable, no NaN)', async t => {
  const points = pointsFromRows([[1, 1], [1, 1], [2, 2], [2, 2]])
  const chosen = kmeansPlusPlus(points, 3, 1)
  t.equal(chosen.length, 3)
  t.ok(Array.from(chosen).every(i => i >= 0 && i < 4))
})
