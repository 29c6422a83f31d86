// mulberry32: a small, fast, seedable generator of uniform numbers in [0, 1), identical on every
// platform, so the same seed gives the same K-Means restarts, silhouette sample, synthetic data
// and random test fixtures.
import { fillBy } from './typed-arrays.js'

export function seededRandom (seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * `size` distinct indices of 0..n-1 drawn without replacement by `random`, ascending (partial
 * Fisher–Yates); all of them, drawing nothing, when `size` ≥ n.
 */
export function drawIndices (n: number, size: number, random: () => number): Int32Array {
  const pool = fillBy(new Int32Array(n), (i) => i)
  if (size >= n) return pool
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i))
    const swap = pool[i]
    pool[i] = pool[j]
    pool[j] = swap
  }
  return pool.slice(0, size).sort()
}

/** `size` distinct indices of 0..n-1 drawn without replacement with seed `seed`, ascending. */
export function sampleIndices (n: number, size: number, seed: number): Int32Array {
  return drawIndices(n, size, seededRandom(seed))
}
