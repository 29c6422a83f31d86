// The bench:api section of the README: one table of every endpoint at every log level measured
// (medians over the runs), the verdict on issue 9's target, what logging, compression and
// revalidation cost, and the server's memory. Pure: bench/api.ts measures, this renders.
import { markdownTable } from '../../lib/markdown.js'
import { formatBytes } from './format.js'
import { median } from './stats.js'
import type { MemorySample } from '../api-server.js'

/** What one scenario is, for the verdicts: they find the rows they compare by kind. */
export type ScenarioKind = 'bare' | 'recommendations' | 'recommendations-compressed' | 'recommendations-revalidated' | 'segments' | 'search' |
  'customer-recommendations' | 'customer-recommendations-uncached'

export interface Measured {
  name: string
  kind: ScenarioKind
  /** the service's LOG_LEVEL for this row */
  level: string
  reqPerSec: number
  /** server CPU time (user + system) per completed request, in microseconds */
  cpuPerRequest: number
  /** bytes the service's log grew by per request */
  logBytesPerRequest: number
  p50: number
  p99: number
  requests: number
  /** 304 answers (the revalidation scenario's expected answer): not counted in non2xx */
  notModified: number
  non2xx: number
  errors: number
}

/** Medians of one scenario's runs (counts summed). */
export function medianOf (runs: Measured[]): Measured {
  return {
    name: runs[0].name,
    kind: runs[0].kind,
    level: runs[0].level,
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    cpuPerRequest: median(runs.map((r) => r.cpuPerRequest)),
    logBytesPerRequest: median(runs.map((r) => r.logBytesPerRequest)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    notModified: runs.reduce((sum, r) => sum + r.notModified, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0)
  }
}

export interface ApiReportContext {
  command: string
  date: string
  version: string
  machine: string
  /** 1-minute load average when the measurements ended */
  loadAtEnd: number
  cores: number
  /** the levels measured, the default first */
  levels: string[]
  duration: number
  warmup: number
  connections: number
  runs: number
}

const percent = (ratio: number): string => `${Math.round(ratio * 100)}%`

function find (results: Measured[], kind: ScenarioKind, level: string): Measured | undefined {
  return results.find((r) => r.kind === kind && r.level === level)
}

/** The sentences under the table: the target, then what each feature costs, from the rows present. */
export function verdicts (results: Measured[], levels: string[]): string[] {
  const [level, quieter] = levels
  const bare = find(results, 'bare', level)
  const recommendations = find(results, 'recommendations', level)
  const lines: string[] = []
  if (bare && recommendations) {
    lines.push(`Target for GET /recommendations/:product at the default log level (${level}): ≥ 80% of the bare route's req/s with p99 ≤ 5 ms → ` +
      `**${percent(recommendations.reqPerSec / bare.reqPerSec)}** and ${recommendations.p99} ms (by server CPU per request: ` +
      `${percent(bare.cpuPerRequest / recommendations.cpuPerRequest)} of the bare route's throughput).`)
  }
  const customer = find(results, 'customer-recommendations', level)
  if (bare && customer) {
    const uncached = find(results, 'customer-recommendations-uncached', level)
    const recomputed = uncached === undefined
      ? '.'
      : `; recomputed on every request instead of cached: ${percent(uncached.reqPerSec / bare.reqPerSec)}, p99 ${uncached.p99} ms, ` +
        `${Math.round(uncached.cpuPerRequest - customer.cpuPerRequest)} µs more server CPU per request.`
    lines.push(`Target for GET /customers/:id/recommendations at ${level} (issue 10): ≥ 80% of the bare route's req/s and p99 ≤ 1.25× its p99 → ` +
      `**${percent(customer.reqPerSec / bare.reqPerSec)}** and ${customer.p99} ms against ${bare.p99} ms (${(customer.p99 / Math.max(bare.p99, Number.EPSILON)).toFixed(2)}×)${recomputed}`)
  }
  const quietRecommendations = quieter === undefined ? undefined : find(results, 'recommendations', quieter)
  const quietBare = quieter === undefined ? undefined : find(results, 'bare', quieter)
  if (recommendations && quietRecommendations) {
    lines.push(`Logging: at ${level} GET /recommendations/:product serves ${percent(recommendations.reqPerSec / quietRecommendations.reqPerSec)} of its req/s at ` +
      `${quieter} (no request lines), ${Math.round(recommendations.cpuPerRequest - quietRecommendations.cpuPerRequest)} µs more server CPU per request, ` +
      `${Math.round(recommendations.logBytesPerRequest)} bytes of log per request` +
      (bare && quietBare ? `; the bare route ${percent(bare.reqPerSec / quietBare.reqPerSec)}.` : '.'))
  }
  const compressed = find(results, 'recommendations-compressed', level)
  if (recommendations && compressed) {
    lines.push('Compression: asked for it as browsers and fetch() ask (gzip chosen), GET /recommendations/:product costs ' +
      `${Math.round(compressed.cpuPerRequest - recommendations.cpuPerRequest)} µs more server CPU per request and serves ` +
      `${percent(compressed.reqPerSec / recommendations.reqPerSec)} of its uncompressed req/s.`)
  }
  const revalidated = find(results, 'recommendations-revalidated', level)
  if (recommendations && revalidated) {
    lines.push('Revalidation: with If-None-Match naming the ETag it was given, GET /recommendations/:product answers 304 ' +
      `(${percent(revalidated.notModified / Math.max(1, revalidated.requests))} of its answers; 304s are not counted as non-2xx) at ` +
      `${percent(revalidated.reqPerSec / recommendations.reqPerSec)} of the full answer's req/s, ` +
      `${Math.round(revalidated.cpuPerRequest)} µs of server CPU instead of ${Math.round(recommendations.cpuPerRequest)}.`)
  }
  return lines
}

export function renderApiReport (results: Measured[], memory: { before: MemorySample, after: MemorySample }, context: ApiReportContext): string {
  const bareAt = new Map(results.filter((r) => r.kind === 'bare').map((r) => [r.level, r]))
  const table = markdownTable(
    ['Endpoint', 'LOG_LEVEL', 'req/s', 'vs bare route', 'server CPU per request', 'bare CPU / this CPU', 'p50 latency', 'p99 latency', 'log per request', 'requests', 'non-2xx', 'errors'],
    results.map((r) => {
      const bare = bareAt.get(r.level)
      return [
        r.name,
        r.level === context.levels[0] ? `${r.level} (default)` : r.level,
        Math.round(r.reqPerSec).toLocaleString('en-US'),
        bare ? percent(r.reqPerSec / bare.reqPerSec) : '–',
        `${Math.round(r.cpuPerRequest)} µs`,
        bare ? percent(bare.cpuPerRequest / r.cpuPerRequest) : '–',
        `${r.p50} ms`,
        `${r.p99} ms`,
        `${Math.round(r.logBytesPerRequest)} B`,
        r.requests.toLocaleString('en-US'),
        String(r.non2xx),
        String(r.errors)
      ]
    })
  )
  const memoryRow = (label: string, m: MemorySample): string[] =>
    [label, formatBytes(m.rss), formatBytes(m.heapUsed), formatBytes(m.heapTotal), formatBytes(m.arrayBuffers)]
  const memoryTable = markdownTable(
    ['Server memory (after a full GC)', 'RSS', 'heap used', 'heap total', 'array buffers (typed arrays)'],
    [memoryRow('before the load (model loaded)', memory.before), memoryRow('after the load', memory.after)]
  )
  const busy = Math.max(context.loadAtEnd, Number(/load average at start ([\d.]+)/.exec(context.machine)?.[1] ?? 0)) > context.cores
  return [
    `\`${context.command}\` — ${context.date}, model ${context.version}; ${context.connections} connections, ` +
      `${context.duration} s per endpoint after ${context.warmup} s of warm-up, median of ${context.runs} run${context.runs === 1 ? '' : 's'} ` +
      '(requests, non-2xx and errors summed over the runs); one server process per log level, measured in turn within each run.',
    `Machine: ${context.machine}, at the end ${context.loadAtEnd.toFixed(2)}. Server and load generator share the machine.` +
      (busy ? ` The machine was busy (load above its ${context.cores} cores): req/s are depressed and noisy, server CPU per request is the steadier figure.` : ''),
    'The service runs as deployed: the configuration loaded from its defaults, the pino logger of services/logger.ts at LOG_LEVEL, ' +
      'its stdout written to a regular file (as a container runtime writes a container\'s log for a shipper to read; /dev/null or a ' +
      'terminal would make the writes cheaper or dearer than in production). "log per request": the bytes the file grew by.',
    '',
    table,
    '',
    ...verdicts(results, context.levels).flatMap((line) => [line, '']),
    memoryTable
  ].join('\n')
}
