// bench:scale's curves as one static SVG file (bench/scale-chart.svg, linked from the READMEs):
// wall time, CPU time (steadier than wall time on a shared machine) and peak RSS against rows, log-log, one line through the inputs whose customers grow
// (Online Retail, its 10× and 100× clones) and separate points for Online Retail II and the input
// whose catalogue grows too. Rendered by Vega-Lite and Vega's headless renderer, as the training
// report's charts are, but kept whole (namespaces included) so the file opens on its own.
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { useTextWidthEstimate } from '../../trainer/report/text-width.js'
import { VEGA_LITE_CONFIG } from '../../trainer/report/theme.js'

export const SCALE_CHART_FILE = 'scale-chart.svg'

export interface ScalePoint {
  name: string
  rows: number
  wallSeconds: number
  cpuSeconds: number
  peakRssMiB: number
  /** the input whose catalogue was cloned too */
  catalogue: boolean
}

function series (point: ScalePoint): string {
  if (point.catalogue) return 'customers and catalogue cloned'
  return point.name.startsWith('Online Retail II') ? 'Online Retail II' : 'Online Retail, customers cloned'
}

function panel (field: 'wallSeconds' | 'cpuSeconds' | 'peakRssMiB', title: string): TopLevelSpec {
  const x = { field: 'rows', type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'rows' }
  const y = { field, type: 'quantitative' as const, scale: { type: 'log' as const }, title }
  const color = { field: 'series', type: 'nominal' as const, title: null }
  return {
    width: 260,
    height: 240,
    layer: [
      { mark: { type: 'line' }, transform: [{ filter: "datum.series === 'Online Retail, customers cloned'" }], encoding: { x, y, color } },
      { mark: { type: 'point', filled: true, size: 60 }, encoding: { x, y, color, shape: color, tooltip: [{ field: 'name' }, { field }] } }
    ]
  } as unknown as TopLevelSpec
}

export async function renderScaleChart (points: readonly ScalePoint[]): Promise<string> {
  useTextWidthEstimate()
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: 'bench:scale — the trainer against rows (log-log)',
    data: { values: points.map((p) => ({ ...p, series: series(p) })) },
    hconcat: [panel('wallSeconds', 'median wall time (s)'), panel('cpuSeconds', 'median CPU time (s)'), panel('peakRssMiB', 'peak RSS (MiB)')],
    config: { ...VEGA_LITE_CONFIG, background: 'white', legend: { ...VEGA_LITE_CONFIG.legend, orient: 'bottom', labelLimit: 400 } }
  } as unknown as TopLevelSpec
  const logger = vega.logger(vega.None)
  const view = new vega.View(vega.parse(compile(spec, { logger }).spec), { renderer: 'none', logger })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
