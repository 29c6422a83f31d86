// Vega-Lite spec → static SVG markup, in Node, with no browser and no canvas: Vega's headless
// renderer ('none') builds the scene graph and serialises it to SVG. Only inline data is used,
// so nothing is ever fetched.
import * as vega from 'vega'
import { compile, type TopLevelSpec } from 'vega-lite'
import { SafeHtml, escapeHtml } from './html.js'
import { useTextWidthEstimate } from './text-width.js'
import { VEGA_LITE_CONFIG } from './theme.js'

/** A chart as it goes into the page: its SVG and a text alternative for screen readers. */
export interface Chart {
  id: string
  title: string
  /** one or two sentences saying what the chart shows, also the SVG's accessible name */
  description: string
  spec: TopLevelSpec
}

// Inline SVG in HTML needs no namespace declarations; dropping them keeps the report free of URLs.
const NAMESPACES = / xmlns(:xlink)?="[^"]*"/g
// Coordinates with 12+ decimals (1/3 of a pixel written out in full) cost bytes and say nothing.
const LONG_DECIMALS = /(\d+\.\d{2})\d+/g

/**
 * Vega numbers clip paths and gradients from a process-wide counter: renamed per chart, so ids are
 * unique in the page and the same chart gets the same ids however many were rendered before it.
 */
function localiseIds (svg: string, chartId: string): string {
  const ids = new Map<string, string>()
  for (const [, id] of svg.matchAll(/ id="([^"]+)"/g)) ids.set(id, `${chartId}-${ids.size + 1}`)
  if (ids.size === 0) return svg
  return svg.replace(/( id="|url\(#|href="#)([^")]+)/g, (match, before: string, id: string) => {
    const local = ids.get(id)
    return local ? before + local : match
  })
}

function tidySvg (svg: string, chartId: string): string {
  return localiseIds(svg, chartId).replace(NAMESPACES, '').replace(/ (d|transform|points)="([^"]*)"/g, (_, name: string, value: string) => ` ${name}="${value.replace(LONG_DECIMALS, '$1')}"`)
}

type Logger = ReturnType<typeof vega.logger>

// Vega-Lite's and Vega's default loggers write to the console, in the middle of the trainer's
// output; a warning here means a chart spec needs fixing, which the tests check for instead.
const SILENT: Logger = vega.logger(vega.None)
let warningSink: ((message: string) => void) | null = null

function sinkLogger (sink: (message: string) => void): Logger {
  const logger = {
    level: () => vega.Warn,
    error: (...args: unknown[]) => { sink(args.map(String).join(' ')); return logger },
    warn: (...args: unknown[]) => { sink(args.map(String).join(' ')); return logger },
    info: () => logger,
    debug: () => logger
  }
  return logger as unknown as Logger
}

function currentLogger (): Logger {
  return warningSink ? sinkLogger(warningSink) : SILENT
}

/**
 * Runs `build` and returns, with its result, every warning Vega-Lite and Vega gave for the charts
 * rendered meanwhile (for tests: a warning means a chart spec needs fixing).
 */
export async function collectChartWarnings<T> (build: () => Promise<T>): Promise<{ result: T, warnings: string[] }> {
  const warnings: string[] = []
  const previous = warningSink
  warningSink = (message) => warnings.push(message)
  try {
    return { result: await build(), warnings }
  } finally {
    warningSink = previous
  }
}

/** Renders a chart to SVG markup (async: Vega evaluates its dataflow asynchronously). */
export async function renderChartSvg (chart: Chart): Promise<SafeHtml> {
  useTextWidthEstimate()
  const logger = currentLogger()
  const { spec } = compile({ ...chart.spec, config: { ...VEGA_LITE_CONFIG, ...chart.spec.config } } as TopLevelSpec, { logger })
  const view = new vega.View(vega.parse(spec), { renderer: 'none', logger })
  try {
    const svg = tidySvg(await view.toSVG(), chart.id)
    const label = ` role="img" aria-label="${escapeHtml(`${chart.title}. ${chart.description}`)}"`
    return new SafeHtml(svg.replace(/^<svg /, `<svg id="chart-${escapeHtml(chart.id)}"${label} `))
  } finally {
    view.finalize()
  }
}
