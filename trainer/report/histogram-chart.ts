// A histogram chart from pre-computed bins (see histogram.ts), optionally stacked by segment,
// on a linear or logarithmic x axis, with optional marker lines (median, mean).
import type { Chart } from './chart.js'
import type { Histogram } from './histogram.js'
import { COLOURS, SHORT_NUMBER } from './theme.js'

export interface Marker { value: number, label: string }

export interface HistogramChartOptions {
  id: string
  title: string
  description: string
  histogram: Histogram
  xTitle: string
  /** 'categories': one labelled band per bin (see `labels`), for bins of whole numbers */
  scale: 'linear' | 'log' | 'categories'
  /** with 'categories', the name of each bin by its start */
  labels?: ReadonlyMap<number, string>
  width: number
  height?: number
  /** segment names and colours by group index; without them the bars take the accent colour */
  groups?: { labels: readonly string[], colours: readonly string[] }
  markers?: readonly Marker[]
}

/** Round tick values for a logarithmic axis: powers of ten, plus 2× and 5× when that is too few. */
export function logTicks (min: number, max: number): number[] {
  const ticks: number[] = []
  const multiples = Math.log10(max / min) < 2.5 ? [1, 2, 5] : [1]
  for (let power = Math.floor(Math.log10(min)); power <= Math.ceil(Math.log10(max)); power++) {
    for (const m of multiples) {
      const tick = Number((m * 10 ** power).toPrecision(3))
      if (tick >= min && tick <= max) ticks.push(tick)
    }
  }
  return ticks
}

export function histogramChart (options: HistogramChartOptions): Chart {
  const { histogram, groups } = options
  const bins = histogram.bins.map(b => ({ ...b, segment: groups ? groups.labels[b.group] : '', bin: options.labels?.get(b.start) ?? String(b.start) }))
  const min = bins.length > 0 ? Math.min(...bins.map(b => b.start)) : 1
  const max = bins.length > 0 ? Math.max(...bins.map(b => b.end)) : 10
  const color = groups
    ? { color: { field: 'segment', type: 'nominal' as const, scale: { domain: [...groups.labels], range: [...groups.colours] }, legend: null } }
    : {}
  const y = { field: 'y0', type: 'quantitative' as const, title: 'customers', axis: { tickCount: 4, labelExpr: SHORT_NUMBER } }
  const bars = options.scale === 'categories'
    ? {
        mark: { type: 'bar' as const, color: COLOURS.accent, aria: false },
        encoding: {
          x: { field: 'bin', type: 'ordinal' as const, sort: [...new Set(bins.map(b => b.bin))], title: options.xTitle, axis: { labelAngle: -90, labelAlign: 'right' as const, labelBaseline: 'middle' as const } },
          y,
          y2: { field: 'y1' },
          ...color
        }
      }
    : {
        mark: { type: 'rect' as const, stroke: 'white', strokeWidth: 0.5, color: COLOURS.accent, aria: false },
        encoding: {
          x: {
            field: 'start',
            type: 'quantitative' as const,
            scale: options.scale === 'log' ? { type: 'log' as const, domain: [min, max], nice: false } : { domain: [min, max], nice: false, zero: false },
            axis: options.scale === 'log' ? { values: logTicks(min, max), labelExpr: SHORT_NUMBER, grid: false } : { grid: false, tickCount: 6 },
            title: options.xTitle
          },
          x2: { field: 'end' },
          y,
          y2: { field: 'y1' },
          ...color
        }
      }
  // Each marker's label on its own line, so labels of close markers do not overlap.
  const markers = options.scale === 'categories'
    ? []
    : (options.markers ?? [])
        .filter(m => Number.isFinite(m.value) && m.value >= min && m.value <= max)
        .map((m, line) => ({ ...m, labelY: 2 + line * 16 }))
  return {
    id: options.id,
    title: options.title,
    description: options.description,
    spec: {
      width: options.width,
      height: options.height ?? 180,
      layer: [
        { data: { values: bins }, ...bars },
        ...(markers.length > 0
          ? [{
              data: { values: markers },
              layer: [
                { mark: { type: 'rule' as const, color: COLOURS.highlight, strokeDash: [4, 3], strokeWidth: 1.5 }, encoding: { x: { field: 'value', type: 'quantitative' as const } } },
                {
                  mark: { type: 'text' as const, color: COLOURS.highlight, align: 'left' as const, dx: 4, baseline: 'top' as const, fontWeight: 'bold' as const },
                  encoding: { x: { field: 'value', type: 'quantitative' as const }, y: { field: 'labelY', type: 'quantitative' as const, scale: null }, text: { field: 'label', type: 'nominal' as const } }
                }
              ]
            }]
          : [])
      ]
    }
  }
}
