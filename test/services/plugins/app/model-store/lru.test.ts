import t from 'tap'
import { LruMap } from '../../../../../services/plugins/app/model-store/lru.js'

t.test('evicts the least recently used entry beyond capacity', async (t) => {
  const lru = new LruMap<string, number>(2)
  t.same(lru.set('a', 1), [])
  t.same(lru.set('b', 2), [])
  t.equal(lru.get('a'), 1, 'reading a makes b the least recently used')
  t.same(lru.set('c', 3), ['b'])
  t.same(lru.keys(), ['a', 'c'])
  t.equal(lru.has('b'), false)
  t.equal(lru.size, 2)
})

t.test('re-setting a key refreshes it without growing', async (t) => {
  const lru = new LruMap<string, number>(2)
  lru.set('a', 1)
  lru.set('b', 2)
  t.same(lru.set('a', 10), [])
  t.same(lru.keys(), ['b', 'a'])
  t.equal(lru.get('a'), 10)
})

t.test('capacity 0 keeps nothing; a bad capacity is refused', async (t) => {
  const lru = new LruMap<string, number>(0)
  t.same(lru.set('a', 1), ['a'])
  t.equal(lru.get('a'), undefined)
  t.throws(() => new LruMap(-1), RangeError)
  t.throws(() => new LruMap(1.5), RangeError)
})

t.test('delete removes an entry', async (t) => {
  const lru = new LruMap<string, number>(3)
  lru.set('a', 1)
  t.equal(lru.delete('a'), true)
  t.equal(lru.delete('a'), false)
  t.same(lru.keys(), [])
})
