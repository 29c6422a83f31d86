import t from 'tap'
import { GrowableFloat64, KeyIndex } from '../../../trainer/aggregates/key-index.js'
import { seededRandom } from '../../../lib/seeded-random.js'

t.test('numbers each distinct pair once, in order of first insertion, through many doublings', async (t) => {
  const index = new KeyIndex(4)
  const seen = new Map<string, number>()
  const next = seededRandom(3)
  for (let i = 0; i < 50_000; i++) {
    const a = Math.floor(next() * 3000)
    const b = Math.floor(next() * 40)
    const key = `${a},${b}`
    const expected = seen.get(key) ?? seen.size
    if (!seen.has(key)) seen.set(key, expected)
    const id = index.id(a, b)
    if (id !== expected) {
      t.fail(`pair ${key}: id ${id}, expected ${expected}`)
      return
    }
  }
  t.equal(index.size, seen.size)
  for (const [key, id] of seen) {
    const [a, b] = key.split(',').map(Number)
    if (index.a[id] !== a || index.b[id] !== b || index.find(a, b) !== id) {
      t.fail(`entry ${id} is not ${key}`)
      return
    }
  }
  t.equal(index.find(3000, 0), -1)
  t.equal(index.find(0, 40), -1)
})

t.test('(a, b) and (b, a) are different pairs; large keys hash apart', async (t) => {
  const index = new KeyIndex()
  t.equal(index.id(1, 2), 0)
  t.equal(index.id(2, 1), 1)
  t.equal(index.id(2 ** 31 - 1, 0), 2)
  t.equal(index.id(0, 2 ** 31 - 1), 3)
  t.equal(index.id(1, 2), 0)
  index.freeze()
  t.same(Array.from(index.a), [1, 2, 2 ** 31 - 1, 0])
  t.throws(() => { for (let i = 0; i < 100; i++) index.id(i, i) })
})

t.test('GrowableFloat64 keeps its values when it grows', async (t) => {
  const values = new GrowableFloat64(2)
  for (let i = 0; i < 100; i++) values.reserve(i + 1)[i] = i * 1.5
  t.equal(values.values[99], 148.5)
  t.equal(values.values[3], 4.5)
  t.ok(values.values.length >= 100)
})
