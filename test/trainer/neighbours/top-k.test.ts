import t from 'tap'
import { TopKHeaps } from '../../../trainer/neighbours/top-k.js'
import { seededRandom } from './fixtures.js'

function drained (heaps: TopKHeaps, list: number): Array<[number, number, number]> {
  const out = { index: new Int32Array(heaps.capacity), score: new Float64Array(heaps.capacity), support: new Int32Array(heaps.capacity) }
  const count = heaps.drain(list, out)
  return Array.from({ length: count }, (_, u) => [out.index[u], out.score[u], out.support[u]])
}

t.test('keeps the best K of every list, best first, ties to the lower index', async (t) => {
  const random = seededRandom(1)
  const lists = 5
  const heaps = new TopKHeaps(lists, 4)
  const offered: Array<Array<[number, number, number]>> = Array.from({ length: lists }, () => [])
  for (let n = 0; n < 400; n++) {
    const list = Math.floor(random() * lists)
    const index = Math.floor(random() * 1000)
    const score = Math.floor(random() * 8) / 8 // coarse, so ties are frequent
    heaps.offer(list, index, score, n)
    offered[list].push([index, score, n])
  }
  for (let list = 0; list < lists; list++) {
    const expected = [...offered[list]].sort((a, b) => (b[1] - a[1]) || (a[0] - b[0])).slice(0, 4)
    t.same(drained(heaps, list), expected, `list ${list}`)
  }
})

t.test('floor: −∞ until full, then the worst kept score; draining empties the list', async (t) => {
  const heaps = new TopKHeaps(2, 2)
  heaps.offer(0, 7, 0.5, 1)
  t.equal(heaps.floor[0], Number.NEGATIVE_INFINITY)
  heaps.offer(0, 8, 0.9, 1)
  t.equal(heaps.floor[0], 0.5)
  heaps.offer(0, 9, 0.7, 1)
  t.equal(heaps.floor[0], 0.7)
  heaps.offer(0, 1, 0.7, 1) // same score, lower index: ranks above index 9
  t.same(drained(heaps, 0), [[8, 0.9, 1], [1, 0.7, 1]])
  t.equal(heaps.size[0], 0)
  t.equal(heaps.floor[0], Number.NEGATIVE_INFINITY)
  t.same(drained(heaps, 1), [], 'a list never offered to is empty')
})

t.test('capacity must be a positive integer', async (t) => {
  t.throws(() => new TopKHeaps(1, 0), RangeError)
})
