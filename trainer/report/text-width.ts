// Text widths for Vega's layout in Node. Without a canvas Vega estimates every character at
// 0.8 em, which for "WHITE HANGING HEART T-LIGHT HOLDER" is 40 % too wide: axis labels get cut
// short ("Cancelled invo…") and charts waste a third of their width on padding. This estimate
// uses per-character widths close to DejaVu Sans, the widest of the common sans-serif fonts
// `system-ui` resolves to, so a label that fits here fits on every machine. Vega documents the
// hook: a user-defined `textMetrics.width` is used as is (vl-convert does the same).
import * as vega from 'vega'

const NARROW = new Set("iljI.,:;'|!`")
const SEMI = new Set('frt()[]{}/\\-"*° ')
const WIDE = new Set('mwMW%@—')

/** Width of one character in em. */
export function charWidth (c: string): number {
  if (NARROW.has(c)) return 0.3
  if (SEMI.has(c)) return 0.4
  if (WIDE.has(c)) return 0.95
  if (c >= '0' && c <= '9') return 0.64
  if (c >= 'A' && c <= 'Z') return 0.72
  if (c >= 'a' && c <= 'z') return 0.61
  return 0.7
}

interface TextItem { fontSize?: number | string, fontWeight?: number | string }

/** Estimated width in pixels of `text` drawn in the item's font. */
export function estimateTextWidth (item: TextItem, text: unknown): number {
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11
  const value = text == null ? '' : String(text).trim()
  let em = 0
  for (const c of value) em += charWidth(c)
  const bold = item.fontWeight === 'bold' || Number(item.fontWeight) >= 600
  return em * size * (bold ? 1.06 : 1)
}

interface TextMetrics { width: (item: TextItem, text: unknown) => number }

/** Makes Vega lay text out with `estimateTextWidth` (idempotent). */
export function useTextWidthEstimate (): void {
  (vega as unknown as { textMetrics: TextMetrics }).textMetrics.width = estimateTextWidth
}
