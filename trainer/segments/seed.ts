// Seeded randomness for the segment stage: small, fast, and identical on every platform, so the
// same seed always gives the same restarts and the same silhouette sample.
import { sampleIndices, seededRandom as createRandom } from '../../lib/seeded-random.js'

/** A well-mixed 32-bit seed for stream `stream` of base seed `seed` (splitmix32 finaliser). */
export function deriveSeed (seed: number, stream: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(stream + 1, 0x85ebca6b)) | 0
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad)
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97)
  return (z ^ (z >>> 15)) >>> 0
}

// mulberry32 and the sample live in lib/seeded-random.ts (the value stage samples too); re-exported under this module's names
export { createRandom, sampleIndices }
