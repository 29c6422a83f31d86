import t from 'tap'
import { buildRecommendIndex, nextEpoch } from '../../../lib/recommend/recommend-index.js'
import { SMALL_CATALOGUE, SMALL_NEIGHBOURS, neighboursOf } from './fixtures.js'

t.test('the index holds the neighbours and popularity as typed arrays', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  t.equal(index.products, 7)
  t.ok(index.offsets instanceof Uint32Array)
  t.same(Array.from(index.offsets), SMALL_NEIGHBOURS.offsets)
  t.same(Array.from(index.neighbour), SMALL_NEIGHBOURS.neighbour)
  t.same(Array.from(index.score), SMALL_NEIGHBOURS.score)
  t.same(Array.from(index.sharedCustomers), SMALL_NEIGHBOURS.sharedCustomers)
  t.same(Array.from(index.recommendable), [1, 1, 1, 1, 0, 1, 1])
  t.same(Array.from(index.popularity), [0, 1, 2, 3, 5, 6])
  t.same(Array.from(index.popularityRank), [0, 1, 2, 3, 7, 4, 5], 'POST is outside the ranking')
  t.equal(index.scratch.candidates.length, 7)
})

t.test('neighbours that do not match the catalogue are refused', async (t) => {
  t.throws(() => buildRecommendIndex(neighboursOf([[], []]), SMALL_CATALOGUE), RangeError)
})

t.test('nextEpoch counts up and clears the stamps when it wraps', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  t.equal(nextEpoch(index.scratch), 1)
  t.equal(nextEpoch(index.scratch), 2)
  index.scratch.excludedStamp[3] = 0xffffffff
  index.scratch.epoch = 0xffffffff
  t.equal(nextEpoch(index.scratch), 1)
  t.equal(index.scratch.excludedStamp[3], 0)
})
