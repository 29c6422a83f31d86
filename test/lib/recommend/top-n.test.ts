import t from 'tap'
import { selectTop } from '../../../lib/recommend/top-n.js'
import { seededRandom } from './fixtures.js'

t.test('selectTop returns the same as a full sort, best first', async (t) => {
  const random = seededRandom(42)
  for (let trial = 0; trial < 50; trial++) {
    const values = Array.from({ length: Math.floor(random() * 60) }, () => Math.floor(random() * 10))
    const ids = values.map((_, i) => i)
    // value descending, then id ascending: a strict total order
    const before = (a: number, b: number): boolean => values[a] !== values[b] ? values[a] > values[b] : a < b
    const limit = Math.floor(random() * 20)
    const expected = [...ids].sort((a, b) => (values[b] - values[a]) || (a - b)).slice(0, limit)
    t.same(selectTop(ids, ids.length, limit, before), expected, `trial ${trial}`)
  }
})

t.test('selectTop reads only the first `count` candidates and handles a zero limit', async (t) => {
  const before = (a: number, b: number): boolean => a > b
  t.same(selectTop(Uint32Array.from([5, 9, 1, 7]), 3, 2, before), [9, 5])
  t.same(selectTop([3, 2], 2, 0, before), [])
})
