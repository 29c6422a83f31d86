// Text helpers for product search: one normal form for names and queries, word splitting,
// padded trigrams and a bounded edit distance.

/** Lower case, every run of whitespace or control characters one space, trimmed. */
export function normaliseSearchText (text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.toLowerCase().replace(/[\s\u0000-\u001f]+/g, ' ').trim()
}

/** Letters-and-digits words of normalised text ("t-light holder" → t, light, holder). */
export function searchWords (normalised: string): string[] {
  return normalised.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)
}

// Trigrams as small integers over a 40-symbol alphabet (a–z, 0–9, space, '-', everything else,
// and a padding mark), so a trigram index is a dense array of 40³ lists instead of a map from
// strings. Characters outside the alphabet share one symbol: that can only add candidates, and
// every candidate is verified against the real text.
const ALPHABET = 40
const PAD_ID = 0
const SPACE_ID = 37
const DASH_ID = 38
const OTHER_ID = 39
export const TRIGRAM_SPACE = ALPHABET ** 3

function charId (text: string, i: number): number {
  if (i < 0 || i >= text.length) return PAD_ID
  const code = text.charCodeAt(i)
  if (code >= 97 && code <= 122) return code - 96 // a–z: 1..26
  if (code >= 48 && code <= 57) return code - 21 // 0–9: 27..36
  return code === 32 ? SPACE_ID : code === 45 ? DASH_ID : OTHER_ID
}

/**
 * Trigram ids of normalised `text`. `padded` adds two marks on each side, so short words have
 * trigrams and word starts and ends count; `distinct: false` keeps repeats (cheaper for long texts
 * whose caller deduplicates anyway).
 */
export function trigramIds (text: string, padded: boolean, distinct = true): number[] {
  const ids: number[] = []
  const first = padded ? -2 : 0
  const last = padded ? text.length - 1 : text.length - 3
  for (let i = first; i <= last; i++) {
    const id = (charId(text, i) * ALPHABET + charId(text, i + 1)) * ALPHABET + charId(text, i + 2)
    if (!distinct || !ids.includes(id)) ids.push(id)
  }
  return ids
}

/** Distinct padded trigram ids of `word`. */
export function paddedTrigrams (word: string): number[] {
  return trigramIds(word, true)
}

/** Typos tolerated in a word of this length: none up to 3 letters, 1 up to 7, then 2. */
export function allowedTypos (length: number): number {
  return length <= 3 ? 0 : length <= 7 ? 1 : 2
}

let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)]

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions and transpositions of
 * adjacent letters, the usual typing errors) between a and b, or `max + 1` as soon as it is known
 * to exceed `max`.
 */
export function boundedEditDistance (a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (a === b) return 0
  const width = b.length + 1
  if (rows[0].length < width) rows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)]
  let before = rows[0] // row i - 2
  let previous = rows[1] // row i - 1
  let current = rows[2]
  for (let j = 0; j < width; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let rowMin = i
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, before[j - 2] + 1)
      }
      current[j] = value
      if (value < rowMin) rowMin = value
    }
    if (rowMin > max) return max + 1
    const recycled = before
    before = previous
    previous = current
    current = recycled
  }
  const distance = previous[width - 1]
  return distance > max ? max + 1 : distance
}
