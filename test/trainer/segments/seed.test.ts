import t from 'tap'
import { createRandom, deriveSeed, sampleIndices } from '../../../trainer/segments/seed.js'

t.test('deriveSeed is deterministic, 32-bit, and different per stream and per base seed', async t => {
  t.equal(deriveSeed(42, 3), deriveSeed(42, 3))
  const seeds = new Set<number>()
  for (let seed = 0; seed < 20; seed++) {
    for (let stream = 0; stream < 20; stream++) seeds.add(deriveSeed(seed, stream))
  }
  t.ok([...seeds].every(value => Number.isInteger(value) && value >= 0 && value < 2 ** 32))
  t.equal(seeds.size, 400)
})

t.test('createRandom gives reproducible numbers in [0, 1) with a plausible mean', async t => {
  const a = Array.from({ length: 10_000 }, createRandom(9))
  t.same(a, Array.from({ length: 10_000 }, createRandom(9)))
  t.ok(a.every(x => x >= 0 && x < 1))
  const sum = a.reduce((total, x) => total + x, 0)
  t.ok(Math.abs(sum / 10_000 - 0.5) < 0.02)
  t.not(createRandom(9)(), createRandom(10)())
})

t.test('sampleIndices draws distinct sorted indices, all of them when size ≥ n', async t => {
  const sample = sampleIndices(1000, 100, 5)
  t.equal(sample.length, 100)
  t.equal(new Set(sample).size, 100)
  t.ok(sample.every((v, i) => v >= 0 && v < 1000 && (i === 0 || v > sample[i - 1])))
  t.same(sample, sampleIndices(1000, 100, 5))
  t.notSame(sample, sampleIndices(1000, 100, 6))
  t.same(Array.from(sampleIndices(5, 10, 1)), [0, 1, 2, 3, 4])
})
