import t, { type Test } from 'tap'
import { MetricsAccumulator, scoreRanking } from '../../../trainer/evaluate/metrics.js'

const close = (t: Test, actual: number, expected: number, what: string): void => {
  t.ok(Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≈ ${expected}`)
}
const log2 = Math.log2

t.test('hits at ranks 2 and 5 of 5, three relevant items', async (t) => {
  const at5 = scoreRanking([1, 2, 3, 4, 5], new Set([2, 5, 9]), 5)
  t.equal(at5.hitRate, 1)
  close(t, at5.precision, 2 / 5, 'precision = hits / k')
  close(t, at5.recall, 2 / 3, 'recall = hits / |R|')
  close(t, at5.ndcg, (1 / log2(3) + 1 / log2(6)) / (1 + 1 / log2(3) + 1 / log2(4)), 'NDCG, ideal over min(|R|, k) = 3 slots')
  close(t, at5.map, (1 / 2 + 2 / 5) / 3, 'AP = (P@2 + P@5) / min(|R|, k)')

  const at3 = scoreRanking([1, 2, 3, 4, 5], new Set([2, 5, 9]), 3)
  close(t, at3.precision, 1 / 3, 'only the first k count')
  close(t, at3.recall, 1 / 3, 'recall@3')
  close(t, at3.ndcg, (1 / log2(3)) / (1 + 1 / log2(3) + 1 / log2(4)), 'NDCG@3')
  close(t, at3.map, (1 / 2) / 3, 'AP@3')
})

t.test('a list shorter than k: empty slots are misses for precision, not for the rest', async (t) => {
  t.same(scoreRanking([7], new Set([7]), 10), { hitRate: 1, precision: 0.1, recall: 1, ndcg: 1, map: 1 })
  t.same(scoreRanking([], new Set([7]), 10), { hitRate: 0, precision: 0, recall: 0, ndcg: 0, map: 0 })
})

t.test('more relevant items than k: the ideal list is all hits, AP is normalised by k', async (t) => {
  const relevant = new Set(Array.from({ length: 20 }, (_, i) => i))
  t.same(scoreRanking([3, 4], relevant, 2), { hitRate: 1, precision: 1, recall: 2 / 20, ndcg: 1, map: 1 })
  const missFirst = scoreRanking([99, 4], relevant, 2)
  close(t, missFirst.ndcg, (1 / log2(3)) / (1 + 1 / log2(3)), 'NDCG with a miss first')
  close(t, missFirst.map, (1 / 2) / 2, 'AP with a miss first')
})

t.test('no hit scores zero everywhere', async (t) => {
  t.same(scoreRanking([1, 2, 3], new Set([4]), 10), { hitRate: 0, precision: 0, recall: 0, ndcg: 0, map: 0 })
})

t.test('bad input is refused', async (t) => {
  t.throws(() => scoreRanking([1], new Set(), 10), RangeError, 'no relevant item')
  t.throws(() => scoreRanking([1], new Set([1]), 0), RangeError, 'k = 0')
  t.throws(() => new MetricsAccumulator([]), RangeError, 'no cut-off')
})

t.test('the accumulator averages over customers and collects what was recommended', async (t) => {
  const metrics = new MetricsAccumulator([10, 5])
  t.same(metrics.means(0), { hitRate: 0, precision: 0, recall: 0, ndcg: 0, map: 0 }, 'zero before any customer')
  metrics.add([1, 2, 3, 4, 5, 6], new Set([6]))
  metrics.add([7, 8], new Set([7, 100]))
  t.equal(metrics.customers, 2)
  const at10 = metrics.means(0)
  t.equal(at10.hitRate, 1)
  close(t, at10.precision, (0.1 + 0.1) / 2, 'P@10')
  close(t, at10.recall, (1 + 0.5) / 2, 'R@10')
  close(t, at10.ndcg, (1 / log2(7) + 1 / (1 + 1 / log2(3))) / 2, 'NDCG@10')
  close(t, at10.map, (1 / 6 + 1 / 2) / 2, 'MAP@10')
  const at5 = metrics.means(1)
  close(t, at5.hitRate, 0.5, 'rank 6 is no hit @5')
  close(t, at5.precision, (0 + 1 / 5) / 2, 'P@5')
  t.same([...metrics.recommended].sort((a, b) => a - b), [1, 2, 3, 4, 5, 6, 7, 8])
})
