// For each trigram id, the positions of the texts that contain it, ascending: compressed rows over
// the dense trigram space (see text-match.ts), built in two passes without maps.
import { TRIGRAM_SPACE, trigramIds } from './text-match.js'

export interface TrigramPostings {
  /** texts containing trigram g: items[offsets[g] .. offsets[g + 1]) */
  readonly offsets: Uint32Array
  readonly items: Uint32Array
  /** distinct trigrams of each text (capped at 255) */
  readonly distinct: Uint8Array
}

export function buildTrigramPostings (texts: readonly string[], padded: boolean): TrigramPostings {
  const counts = new Uint32Array(TRIGRAM_SPACE + 1)
  // lastText[g] = 1 + the last text counted for g: a trigram repeated within a text counts once
  const lastText = new Uint32Array(TRIGRAM_SPACE)
  const distinct = new Uint8Array(texts.length)
  const idsOf: number[][] = new Array(texts.length)
  for (let t = 0; t < texts.length; t++) {
    const ids = trigramIds(texts[t], padded, false)
    idsOf[t] = ids
    let unique = 0
    for (const id of ids) {
      if (lastText[id] === t + 1) continue
      lastText[id] = t + 1
      counts[id + 1]++
      unique++
    }
    distinct[t] = Math.min(255, unique)
  }
  const offsets = new Uint32Array(TRIGRAM_SPACE + 1)
  for (let g = 0; g < TRIGRAM_SPACE; g++) offsets[g + 1] = offsets[g] + counts[g + 1]
  const items = new Uint32Array(offsets[TRIGRAM_SPACE])
  const next = offsets.slice(0, TRIGRAM_SPACE)
  lastText.fill(0)
  for (let t = 0; t < texts.length; t++) {
    for (const id of idsOf[t]) {
      if (lastText[id] === t + 1) continue
      lastText[id] = t + 1
      items[next[id]++] = t
    }
  }
  return { offsets, items, distinct }
}
