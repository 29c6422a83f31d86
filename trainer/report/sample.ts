// A deterministic sample of customers for the scatter plot: the `max` customers whose ids hash
// lowest. Unlike every n-th row it does not depend on the input's row order, and the same data
// always plots the same points (the report must be byte-identical between runs).

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a (text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Indices of at most `max` of the ids, in increasing index order. */
export function sampleIndices (ids: readonly string[], max: number): number[] {
  const all = ids.map((_, i) => i)
  if (ids.length <= max) return all
  const hashes = ids.map(fnv1a)
  all.sort((a, b) => (hashes[a] - hashes[b]) || (a - b))
  return all.slice(0, max).sort((a, b) => a - b)
}
