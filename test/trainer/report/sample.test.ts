import t from 'tap'
import { fnv1a, sampleIndices } from '../../../trainer/report/sample.js'

t.test('fnv1a: the reference 32-bit FNV-1a values', async (t) => {
  t.equal(fnv1a(''), 0x811c9dc5)
  t.equal(fnv1a('a'), 0xe40c292c)
  t.equal(fnv1a('foobar'), 0xbf9cf968)
})

t.test('sampleIndices: all when few, at most max otherwise, sorted and distinct', async (t) => {
  const ids = Array.from({ length: 5000 }, (_, i) => String(12000 + i))
  t.same(sampleIndices(ids.slice(0, 10), 3000), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  const sample = sampleIndices(ids, 3000)
  t.equal(sample.length, 3000)
  t.equal(new Set(sample).size, 3000)
  t.ok(sample.every((v, i) => i === 0 || v > sample[i - 1]), 'increasing')
  t.same(sampleIndices(ids, 3000), sample, 'the same ids give the same sample')
})

t.test('sampleIndices picks the same customers whatever the row order', async (t) => {
  const ids = Array.from({ length: 2000 }, (_, i) => `C${i * 7}`)
  const reversed = [...ids].reverse()
  const picked = new Set(sampleIndices(ids, 500).map(i => ids[i]))
  const pickedReversed = new Set(sampleIndices(reversed, 500).map(i => reversed[i]))
  t.same([...picked].sort(), [...pickedReversed].sort())
  // spread over the whole id range, not just its start
  const positions = sampleIndices(ids, 500)
  t.ok(positions[0] < 100 && positions[positions.length - 1] > 1900)
})
