// BG/NBD customers drawn from known parameters, for tests that fit them back: a seeded generator,
// λ ~ Gamma(r, α), p ~ Beta(a, b); each is observed for T days from their first purchase.
import type { BgNbdParameters } from '../../../trainer/value/bgnbd.js'

/** mulberry32: small, seeded, good enough for simulation in tests */
export function seededRandom (seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6D2B79F5) >>> 0
    let z = s
    z = Math.imul(z ^ (z >>> 15), z | 1)
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61)
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296
  }
}

function normal (random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

/** Marsaglia & Tsang; shape < 1 by the usual boost */
export function gammaDraw (random: () => number, shape: number, rate: number): number {
  if (shape < 1) return gammaDraw(random, shape + 1, rate) * random() ** (1 / shape)
  const d = shape - 1 / 3
  const c = 1 / Math.sqrt(9 * d)
  while (true) {
    const z = normal(random)
    const v = (1 + c * z) ** 3
    if (v > 0 && Math.log(1 - random()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return (d * v) / rate
  }
}

export function simulateCustomers (p: BgNbdParameters, customers: number, maxAge: number, seed: number): { x: number[], tx: number[], T: number[] } {
  const random = seededRandom(seed)
  const x: number[] = []
  const tx: number[] = []
  const T: number[] = []
  for (let c = 0; c < customers; c++) {
    const lambda = gammaDraw(random, p.r, p.alpha)
    const ga = gammaDraw(random, p.a, 1)
    const dropout = ga / (ga + gammaDraw(random, p.b, 1))
    const age = maxAge * (0.2 + 0.8 * random())
    let time = 0
    let count = 0
    let last = 0
    while (true) {
      time += -Math.log(1 - random()) / lambda
      if (time > age) break
      count++
      last = time
      if (random() < dropout) break
    }
    x.push(count)
    tx.push(last)
    T.push(age)
  }
  return { x, tx, T }
}
