// What bench:overload measured, and its README section: the same overload with load shedding off
// (BEFORE) and with the service's defaults (AFTER), side by side. Pure: tested in
// test/bench/lib/overload-report.test.ts, and `--from FILE` renders a saved run again.
import { formatBytes, formatCount, formatDate } from './format.js'
import { busyMachineNote, formatMachine, type MachineDescription } from '../../lib/machine.js'
import { markdownTable } from '../../lib/markdown.js'
import { percentile } from './percentile.js'
import { median } from './stats.js'
import type { ProbeResult } from './readiness-probe.js'

/** Docker's HEALTHCHECK --timeout in the Dockerfile: a probe slower than this counts as failed. */
export const HEALTHCHECK_TIMEOUT_MS = 5000
/**
 * The load's connections all open at once, and libuv (Node 20 and later) accepts one connection per
 * event-loop turn (libuv/libuv#3696), so for the first seconds a probe's connection waits behind
 * theirs: the worst probe sent after this point shows the steady state apart from that onset.
 */
export const ONSET_MS = 5000

export interface LatencySummary { p50: number, p99: number }

export interface PhaseRun {
  /** answers to the batch, by HTTP status (autocannon's statusCodeStats) */
  statuses: Record<string, number>
  durationS: number
  /** connection errors and request timeouts (autocannon) */
  errors: number
  /** of the 2xx answers, in ms; null when there was none */
  okLatency: LatencySummary | null
  /** of the 503 answers, in ms; null when there was none */
  shedLatency: LatencySummary | null
  probes: ProbeResult[]
  idleRssBytes: number
  peakRssBytes: number
  /** CPU time the server used during the load (user + system, all its threads), in seconds */
  serverCpuS: number
}

export interface Phase {
  label: string
  /** the load-shedding settings in effect (the service's configuration) */
  settings: Record<string, number>
  runs: PhaseRun[]
}

export interface OverloadRecord {
  startedAt: string
  command: string
  machine: MachineDescription
  version: string
  customers: number
  bodyBytes: number
  connections: number
  durationS: number
  warmupS: number
  probeIntervalMs: number
  probeTimeoutMs: number
  before: Phase
  after: Phase
}

export function latencySummary (values: readonly number[]): LatencySummary | null {
  return values.length === 0 ? null : { p50: percentile(values, 50), p99: percentile(values, 99) }
}

function countOf (statuses: Record<string, number>, match: (status: string) => boolean): number {
  return Object.entries(statuses).filter(([status]) => match(status)).reduce((sum, [, count]) => sum + count, 0)
}

const is2xx = (status: string): boolean => status.startsWith('2')
const is503 = (status: string): boolean => status === '503'

export function formatMs (ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`
  return `${formatCount(ms)} ms`
}

/** `200 ×38, 503 ERR_OVERLOADED ×2`: outcomes by count, most frequent first. */
export function tally (outcomes: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([outcome, count]) => `${outcome} ×${count}`).join(', ')
}

interface PhaseSummary {
  answersPerSecond: number
  okPerSecond: number
  ok: number
  shed: number
  other: number
  errors: number
  okLatency: LatencySummary | null
  shedLatency: LatencySummary | null
  probe: { p50: number, p99: number, max: number, maxAfterOnset: number, overOneSecond: number, overTimeout: number, outcomes: string, count: number }
  idleRssBytes: number
  peakRssBytes: number
  serverCpuS: number
}

function medianLatency (latencies: Array<LatencySummary | null>): LatencySummary | null {
  const present = latencies.filter((l): l is LatencySummary => l !== null)
  return present.length === 0 ? null : { p50: median(present.map((l) => l.p50)), p99: median(present.map((l) => l.p99)) }
}

/** Per-run figures are medians over the runs; the probes of every run are pooled. */
export function summarizePhase (phase: Phase): PhaseSummary {
  const runs = phase.runs
  const answers = (r: PhaseRun): number => countOf(r.statuses, () => true)
  const probes = runs.flatMap((r) => r.probes)
  const probeMs = probes.map((p) => p.latencyMs)
  const afterOnsetMs = probes.filter((p) => p.atMs >= ONSET_MS).map((p) => p.latencyMs)
  return {
    answersPerSecond: median(runs.map((r) => answers(r) / r.durationS)),
    okPerSecond: median(runs.map((r) => countOf(r.statuses, is2xx) / r.durationS)),
    ok: median(runs.map((r) => countOf(r.statuses, is2xx))),
    shed: median(runs.map((r) => countOf(r.statuses, is503))),
    other: median(runs.map((r) => countOf(r.statuses, (s) => !is2xx(s) && !is503(s)))),
    errors: median(runs.map((r) => r.errors)),
    okLatency: medianLatency(runs.map((r) => r.okLatency)),
    shedLatency: medianLatency(runs.map((r) => r.shedLatency)),
    probe: {
      p50: probeMs.length > 0 ? percentile(probeMs, 50) : NaN,
      p99: probeMs.length > 0 ? percentile(probeMs, 99) : NaN,
      max: probeMs.length > 0 ? Math.max(...probeMs) : NaN,
      maxAfterOnset: afterOnsetMs.length > 0 ? Math.max(...afterOnsetMs) : NaN,
      overOneSecond: probeMs.filter((ms) => ms > 1000).length,
      overTimeout: probes.filter((p) => p.outcome === 'timeout' || p.latencyMs > HEALTHCHECK_TIMEOUT_MS).length,
      outcomes: tally(probes.map((p) => p.outcome)),
      count: probes.length
    },
    idleRssBytes: median(runs.map((r) => r.idleRssBytes)),
    peakRssBytes: median(runs.map((r) => r.peakRssBytes)),
    serverCpuS: median(runs.map((r) => r.serverCpuS))
  }
}

function settingsText (settings: Record<string, number>): string {
  return Object.entries(settings).map(([name, value]) => `${name}=${value}`).join(', ')
}

function latencyText (latency: LatencySummary | null): string {
  return latency === null ? '–' : `${formatMs(latency.p50)} / ${formatMs(latency.p99)}`
}

export function overloadReport (record: OverloadRecord): string {
  const before = summarizePhase(record.before)
  const after = summarizePhase(record.after)
  const runs = record.before.runs.length
  const row = (label: string, value: (s: PhaseSummary) => string): string[] => [label, value(before), value(after)]
  const table = markdownTable(
    ['', `BEFORE: ${record.before.label}`, `AFTER: ${record.after.label}`],
    [
      ['settings', settingsText(record.before.settings), settingsText(record.after.settings)],
      row('batch answers per second (all statuses)', (s) => formatCount(s.answersPerSecond)),
      row('batches classified (2xx) per second', (s) => s.okPerSecond.toFixed(1)),
      row('batches classified (2xx) in the run', (s) => formatCount(s.ok)),
      row('batches shed (503 ERR_OVERLOADED)', (s) => formatCount(s.shed)),
      row('other answers; connection errors and timeouts', (s) => `${formatCount(s.other)}; ${formatCount(s.errors)}`),
      row('latency of a classified batch, p50 / p99', (s) => latencyText(s.okLatency)),
      row('latency of a shed answer, p50 / p99', (s) => latencyText(s.shedLatency)),
      row('/health/ready latency, p50 / p99 / max', (s) => `${formatMs(s.probe.p50)} / ${formatMs(s.probe.p99)} / ${formatMs(s.probe.max)}`),
      row(`/health/ready worst latency of the probes sent after the first ${ONSET_MS / 1000} s`, (s) => formatMs(s.probe.maxAfterOnset)),
      row(`probes over 1 s; over ${HEALTHCHECK_TIMEOUT_MS / 1000} s (the HEALTHCHECK timeout) or no answer`, (s) => `${s.probe.overOneSecond}; ${s.probe.overTimeout} (of ${s.probe.count})`),
      row('/health/ready answers', (s) => s.probe.outcomes),
      row('server CPU time during the load (all its threads)', (s) => `${s.serverCpuS.toFixed(1)} s of ${record.durationS} s`),
      row('server RSS: model loaded, idle → peak under the load', (s) => `${formatBytes(s.idleRssBytes)} → ${formatBytes(s.peakRssBytes)}`)
    ],
    ['left', 'right', 'right']
  )
  const busy = busyMachineNote(record.machine)
  return [
    `- Command: \`${record.command}\` — ${formatDate(new Date(record.startedAt))}, model ${record.version}.`,
    `- Load: ${record.connections} connections, each posting the ${formatCount(record.customers)}-customer batch ` +
      `(${formatBytes(record.bodyBytes)} of JSON, real customers of the model) as fast as answers come back, for ${record.durationS} s (autocannon, after ${record.warmupS} s at 2 connections to compile the batch path); ` +
      `meanwhile GET /health/ready every ${record.probeIntervalMs} ms on a new connection from a worker thread (no answer after ${record.probeTimeoutMs / 1000} s = timeout).`,
    '- The service is `services/server.ts` as deployed (its logger at the default level, info), a fresh process per phase; ' +
      `BEFORE and AFTER alternate, ${runs} run${runs === 1 ? '' : 's'} each. Per-run figures are medians over the runs; ` +
      'probe percentiles and answers pool every probe of every run. Latencies are each answer\'s own (autocannon\'s response events, the probe\'s clock), nearest-rank percentiles.',
    `- Machine: ${formatMachine(record.machine)}. Server, autocannon and the probe share the machine.`,
    ...(busy ? [`- ${busy}`] : []),
    '',
    table,
    '',
    `The load's ${record.connections} connections open at once and libuv (Node 20 and later) accepts one new connection per event-loop turn ` +
      '([libuv#3696](https://github.com/libuv/libuv/pull/3696)), so during the first seconds a probe\'s new connection also waits behind ' +
      `theirs; the "after the first ${ONSET_MS / 1000} s" row leaves that onset out. Why the turns are long, and what bounds them: ` +
      '[services/README.md](services/README.md#load-shedding).'
  ].join('\n')
}
