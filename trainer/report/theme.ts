// One colour scheme for the whole report. The four business segments keep the same colour in
// every chart and table of every version, so "At-Risk is red" holds across reports; other labels
// (composite names for k ≠ 4) take the remaining colours in segment-id order.
import type { Config } from 'vega-lite'

export const COLOURS = {
  /** bars and lines that are not about a segment */
  accent: '#4e79a7',
  /** what the reader should look at first: the chosen k, a median */
  highlight: '#c2410c',
  muted: '#9aa5b1',
  text: '#1f2933',
  grid: '#e4e7eb'
} as const

export const SEGMENT_COLOURS: Readonly<Record<string, string>> = {
  'High-Value': '#2e8b57',
  Regular: '#3b6fb6',
  Occasional: '#e0a100',
  'At-Risk': '#d1495b',
  'All Customers': '#4e79a7'
}

/** For labels without a fixed colour; none of them is close to a fixed one. */
const OTHER_SEGMENT_COLOURS = ['#8e6bbf', '#17a2a6', '#a0522d', '#e377c2', '#7f7f7f', '#bcbd22', '#1f3a93', '#ff7f0e', '#6b8e23', '#b03060']

/** Colour of each segment, in the order given (segment-id order). */
export function segmentColours (labels: readonly string[]): string[] {
  let next = 0
  return labels.map(label => SEGMENT_COLOURS[label] ?? OTHER_SEGMENT_COLOURS[next++ % OTHER_SEGMENT_COLOURS.length])
}

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'

/** Chart widths in CSS pixels; the page scales an SVG down to its column, never up. */
export const CHART_WIDTH = 400
export const WIDE_CHART_WIDTH = 640
/** plot width of the charts shown three abreast */
export const SMALL_CHART_WIDTH = 250

/** Vega-Lite config shared by every chart: readable type sizes once scaled down on a phone. */
export const VEGA_LITE_CONFIG: Config = {
  font: FONT,
  background: 'white',
  padding: 4,
  view: { stroke: null },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    labelColor: COLOURS.text,
    titleColor: COLOURS.text,
    domainColor: COLOURS.muted,
    tickColor: COLOURS.muted,
    gridColor: COLOURS.grid,
    titlePadding: 8
  },
  legend: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 600, symbolSize: 120, labelColor: COLOURS.text, titleColor: COLOURS.text },
  title: { fontSize: 14, fontWeight: 600, color: COLOURS.text, anchor: 'start' },
  text: { fontSize: 11, color: COLOURS.text },
  bar: { color: COLOURS.accent },
  line: { color: COLOURS.accent, strokeWidth: 2 },
  point: { color: COLOURS.accent, filled: true, size: 50 }
}

/**
 * Axis labels as short numbers: 0, 500, 2.5k, 1M, and 0.25 below 1. Vega's own "~s" format
 * gives every tick the same SI prefix ("0k", "100k") and writes 0.5 as "500m".
 */
export const SHORT_NUMBER = "datum.value < 1 ? format(datum.value, '~g') : format(datum.value, '~s')"
