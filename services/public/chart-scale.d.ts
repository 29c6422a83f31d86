// Types of chart-scale.js (plain JS served to the browser), for the tests that import it.
export function logScale (lo: number, hi: number, start: number, end: number): (value: number) => number
export function logTicks (min: number, max: number, multipliers?: readonly number[]): number[]
export interface LabelItem { x: number, y: number, width: number, height: number, gap: number }
export interface Box { left: number, top: number, width: number, height: number }
export interface LabelBounds { left: number, top: number, right: number, bottom: number }
export interface PlacedLabel { x: number, y: number, anchor: 'start' | 'end' | 'middle' }
export function placeLabels (items: readonly LabelItem[], obstacles: readonly Box[], bounds: LabelBounds): PlacedLabel[]
