// Histogram bins computed here rather than by Vega-Lite's `bin` transform, for two reasons: the
// skewed RFM values need logarithmic bins (Vega-Lite bins linearly), and stacking by segment is
// done once, explicitly, so every bar is a plain rectangle [start, end) × [y0, y1).

export interface StackedBin {
  start: number
  end: number
  /** index of the group (segment) this part of the bar counts; 0 when there are no groups */
  group: number
  count: number
  /** where this group's part of the bar starts and ends (groups stack in index order) */
  y0: number
  y1: number
}

/** A round step (1, 2 or 5 × 10^n) that cuts [min, max] into about `target` bins. */
export function niceStep (min: number, max: number, target: number): number {
  const span = max - min
  if (!(span > 0)) return 1
  const raw = span / target
  const power = 10 ** Math.floor(Math.log10(raw))
  const ratio = raw / power
  return (ratio <= 1 ? 1 : ratio <= 2 ? 2 : ratio <= 5 ? 5 : 10) * power
}

/** Equal-width edges with a round step, from ≤ min to > max. */
export function linearEdges (min: number, max: number, target = 30): number[] {
  const step = niceStep(min, max, target)
  const first = Math.floor(min / step) * step
  const count = Math.floor((max - first) / step) + 1
  return Array.from({ length: count + 1 }, (_, i) => first + i * step)
}

/**
 * Logarithmic edges, `perDecade` per power of ten, from ≤ min to > max; min must be > 0.
 * Edges are rounded to 3 significant digits, so axis labels and tooltips read as numbers.
 */
export function logEdges (min: number, max: number, perDecade = 5): number[] {
  if (!(min > 0)) throw new RangeError(`logarithmic bins need a positive minimum, got ${min}`)
  const low = Math.floor(Math.log10(min) * perDecade)
  const edges: number[] = []
  for (let i = low; ; i++) {
    const edge = Number((10 ** (i / perDecade)).toPrecision(3))
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge)
    if (edge > max) return edges
  }
}

/**
 * Edges for counts such as invoices per customer (≥ 1): one bin per value up to 10, then
 * 11–15, 16–20, 21–30, 31–50, 51–100, 101–200, 201–500 … up to max. Shown as labelled categories
 * (see `binLabel`): a count of 1 and a count of 2 are different kinds of customer, 150 and 160 not.
 */
export function countEdges (max: number): number[] {
  const edges = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
  const steps = [16, 21, 31, 51]
  for (let power = 100; edges[edges.length - 1] <= max; power *= 10) {
    for (const edge of [...steps, power + 1, 2 * power + 1, 5 * power + 1]) {
      if (edge > edges[edges.length - 1] && edges[edges.length - 1] <= max) edges.push(edge)
    }
    steps.length = 0
  }
  while (edges.length > 2 && edges[edges.length - 2] > max) edges.pop()
  return edges
}

/** "3" for the bin [3, 4) of whole numbers, "11–15" for [11, 16). */
export function binLabel (start: number, end: number): string {
  return end - start === 1 ? String(start) : `${start}–${end - 1}`
}

/** Index of the bin [edges[b], edges[b+1]) holding value, or -1 when it is outside every bin. */
export function binIndex (edges: readonly number[], value: number): number {
  if (!(value >= edges[0]) || !(value < edges[edges.length - 1])) return -1
  let lo = 0
  let hi = edges.length - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (value >= edges[mid]) lo = mid
    else hi = mid
  }
  return lo
}

export interface Histogram {
  bins: StackedBin[]
  /** values outside the edges (e.g. zeros on a logarithmic axis) */
  outside: number
}

/**
 * Counts values into bins, split by group when `groups` is given (group of value i, in
 * [0, groupCount)). Empty bin parts are left out.
 */
export function stackedHistogram (values: ArrayLike<number>, edges: readonly number[], groups?: ArrayLike<number>, groupCount = 1): Histogram {
  const bins = edges.length - 1
  const counts = new Float64Array(bins * groupCount)
  let outside = 0
  for (let i = 0; i < values.length; i++) {
    const b = binIndex(edges, values[i])
    if (b < 0) outside++
    else counts[b * groupCount + (groups ? groups[i] : 0)]++
  }
  const result: StackedBin[] = []
  for (let b = 0; b < bins; b++) {
    let y = 0
    for (let g = 0; g < groupCount; g++) {
      const count = counts[b * groupCount + g]
      if (count === 0) continue
      result.push({ start: edges[b], end: edges[b + 1], group: g, count, y0: y, y1: y + count })
      y += count
    }
  }
  return { bins: result, outside }
}

export function minMax (values: ArrayLike<number>): [number, number] {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i]
    if (values[i] > max) max = values[i]
  }
  return [min, max]
}

/** Smallest value > 0, or Infinity when there is none. */
export function minPositive (values: ArrayLike<number>): number {
  let min = Infinity
  for (let i = 0; i < values.length; i++) if (values[i] > 0 && values[i] < min) min = values[i]
  return min
}

/** Median (mean of the two middle values for an even count); NaN when empty. */
export function median (values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort()
  const n = sorted.length
  if (n === 0) return NaN
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}
