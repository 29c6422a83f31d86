// Seeded randomness for the segment stage: small, fast, and identical on every platform, so the
// same seed always gives the same restarts and the same silhouette sample.
import { seededRandom as createRandom } from '../../lib/seeded-random.js'
import { fillBy } from '../../lib/typed-arrays.js'

/** A well-mixed 32-bit seed for stream `stream` of base seed `seed` (splitmix32 finaliser). */
export function deriveSeed (seed: number, stream: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b)) | 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

/** `size` distinct indices of 0..n-1 drawn without replacement, ascending (partial Fisher–Yates). */
export function sampleIndices (n: number, size: number, seed: number): Int32Array {
  if (size >= n) return fillBy(new Int32Array(n), (i) => i)
  const random = createRandom(seed)
  const pool = fillBy(new Int32Array(n), (i) => i)
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(random() * (n - i))
    const swap = pool[i]
    pool[i] = pool[j]
    pool[j] = swap
  }
  return pool.slice(0, size).sort()
}

// mulberry32 lives in lib/seeded-random.ts; re-exported under this module's name
export { createRandom }
