import t from 'tap'
import { Counter, Gauge, Registry } from 'prom-client'
import { metricValue, swapDelays, swapReport, type PhaseResult, type ReportContext, type SwapSummary } from '../../bench/hot-swap.js'

t.test('metricValue reads samples from a real prom-client exposition', async (t) => {
  const registry = new Registry()
  const swaps = new Counter({ name: 'shopper_model_swaps_total', help: 'swaps', registers: [registry] })
  // a longer name sharing the prefix must not be mistaken for it
  const other = new Counter({ name: 'shopper_model_swaps_total_extra', help: 'decoy', registers: [registry] })
  const info = new Gauge({ name: 'shopper_model_active_info', help: 'active', labelNames: ['version'], registers: [registry] })
  other.inc(99)
  swaps.inc()
  swaps.inc(2)
  info.set({ version: '20261125T154500Z-3fa9c1' }, 1)
  const text = await registry.metrics()
  t.equal(metricValue(text, 'shopper_model_swaps_total'), 3)
  t.equal(metricValue(text, 'shopper_model_swaps_total_extra'), 99)
  t.equal(metricValue(text, 'shopper_model_active_info'), 1, 'labels are skipped')
  t.equal(metricValue(text, 'nodejs_eventloop_lag_max_seconds'), null, 'absent metric')
})

t.test('metricValue: label values holding braces or spaces do not confuse it', async (t) => {
  const registry = new Registry()
  const gauge = new Gauge({ name: 'g', help: 'g', labelNames: ['l'], registers: [registry] })
  gauge.set({ l: 'a } b' }, 0.25)
  t.equal(metricValue(await registry.metrics(), 'g'), 0.25)
})

t.test('swapDelays pairs each publication with the time the service served it', async (t) => {
  const publications = [
    { version: 'v1', publishedAt: 1_000 },
    { version: 'v2', publishedAt: 2_000 },
    { version: 'v3', publishedAt: 3_000 }
  ]
  const observed = [
    { version: 'v0', activeSince: 500 },
    { version: 'v1', activeSince: 1_150 },
    { version: 'v3', activeSince: 3_400 }
  ]
  t.same(swapDelays(publications, observed), [150, 400], 'v2 was never seen active, v0 was never published')
  t.same(swapDelays(publications, []), [])
})

function phase (name: string, overrides: Partial<PhaseResult> = {}): PhaseResult {
  return {
    name,
    durationSeconds: 35,
    requests: 140_000,
    reqPerSec: 4_000,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    p50: 2,
    p99: 8,
    p999: 20,
    max: 40,
    serverCpuMs: 30_000,
    eventLoopMaxMs: 12.34,
    ...overrides
  }
}

const memory = { type: 'memory' as const, rss: 150 * 1024 ** 2, heapUsed: 20 * 1024 ** 2, heapTotal: 40 * 1024 ** 2, arrayBuffers: 5 * 1024 ** 2 }
const context: ReportContext = {
  command: 'npm run bench:swap',
  date: new Date(Date.UTC(2026, 10, 25, 17, 40)),
  machine: '2 cores (test CPU)',
  busyNote: null,
  version: '20261125T154500Z-3fa9c1',
  codes: 200,
  connections: 10,
  warmupSeconds: 3,
  memoryBefore: memory,
  memoryAfter: memory,
  minSwaps: 30,
  settings: {}
}
const swaps: SwapSummary = {
  publishes: 35,
  intervalMs: 1000,
  swapsDuringLoad: 34,
  swapsAfterLoad: 1,
  versionsSeenActive: 35,
  loadFailures: 0,
  delays: [100, 200, 300],
  caughtUp: true,
  keep: 5
}

t.test('swapReport: one table row per phase, the p99 ratio and the targets', async (t) => {
  const text = swapReport([{ baseline: phase('1. steady'), swapping: phase('2. swapping', { p99: 12, reqPerSec: 3_000 }), swaps }], context)
  const rows = text.split('\n').filter((line) => line.startsWith('| '))
  t.equal(rows.length, 4, 'header, rule, two phases')
  t.match(rows[2], /^\| 1\. steady \| 35 s \| 140,000 \| 4,000 \| 0 \| 0 \/ 0 \| 2 ms \| 8 ms \| 20 ms \| 40 ms \| 12\.3 ms \| 30\.0 s \|$/)
  t.match(text, /p99\.9 with swaps ÷ without: 1\.00× \(20 ms vs 20 ms\); p99: 1\.50×; req\/s with swaps ÷ without: 0\.75×\./)
  t.match(text, /median 200 ms, max 300 ms over 3 versions/)
  t.match(text, /during swaps → met; at least 30 swaps under load → met; p99\.9 with swaps within 2× of without → met/)
  t.match(text, /^- Command: `npm run bench:swap` — 2026-11-25 17:40 UTC/)
  t.notMatch(text, /busy/)
  t.match(text, /^- Server settings: the service's defaults\.$/m)
  t.match(swapReport([{ baseline: phase('1'), swapping: phase('2'), swaps }], { ...context, settings: { MODEL_LOADER_NICE: '0' } }),
    /^- Server settings: MODEL_LOADER_NICE=0, the rest the service's defaults\.$/m, 'a --set setting is reported')
})

t.test('swapReport says which target was missed, and by how much', async (t) => {
  const text = swapReport(
    [{ baseline: phase('1'), swapping: phase('2', { non2xx: 2, timeouts: 1, p999: 50 }), swaps: { ...swaps, swapsDuringLoad: 12, delays: [], caughtUp: false } }],
    { ...context, busyNote: 'The machine was busy.' }
  )
  t.match(text, /during swaps → NOT met \(3\)/)
  t.match(text, /at least 30 swaps under load → NOT met \(12\); p99\.9 with swaps within 2× of without → NOT met \(2\.50×\)/)
  t.match(text, /no version was seen active by the poll/)
  t.match(text, /had NOT caught up/)
  t.match(text, /^- The machine was busy\.$/m)
})

t.test('swapReport over several runs: a row per phase of each run, the target judged on the median of the per-run ratios', async (t) => {
  const runs = [
    { baseline: phase('1. steady', { p999: 5 }), swapping: phase('2. swapping', { p999: 14, non2xx: 1 }), swaps },
    { baseline: phase('1. steady', { p999: 6 }), swapping: phase('2. swapping', { p999: 8 }), swaps: { ...swaps, swapsDuringLoad: 31 } },
    { baseline: phase('1. steady', { p999: 6 }), swapping: phase('2. swapping', { p999: 9 }), swaps: { ...swaps, delays: [50] } }
  ]
  const text = swapReport(runs, context)
  const rows = text.split('\n').filter((line) => line.startsWith('| '))
  t.equal(rows.length, 8, 'header, rule, two phases × three runs')
  t.match(rows[4], /^\| run 2: 1\. steady \|/)
  t.match(text, /then 3 runs, each the two phases back to back\./)
  t.match(text, /median 1\.50× \(run 1 2\.80× \(14 ms vs 5 ms\), run 2 1\.33× \(8 ms vs 6 ms\), run 3 1\.50× \(9 ms vs 6 ms\)\)/)
  t.match(text, /105 versions published/)
  t.match(text, /during swaps → NOT met \(1\); at least 30 swaps under load in each run → met; p99\.9 with swaps within 2× of without → met\./)
  t.match(text, /median 200 ms, max 300 ms over 7 versions/)
  t.throws(() => swapReport([], context), RangeError)
  const zero = swapReport([{ baseline: phase('1', { p99: 0 }), swapping: phase('2', { p99: 0 }), swaps: { ...swaps, caughtUp: false } }, runs[1]], context)
  t.match(zero, /p99: 1\.00×/, 'a run whose p99 is 0 ms has no p99 ratio; the others still do')
  t.match(zero, /had NOT caught up with the last published version at the end of run 1\./)
  t.match(swapReport([{ baseline: phase('1', { p99: 0 }), swapping: phase('2', { p99: 0 }), swaps }], context), /p99: no ratio \(0 ms without swaps in every run\);/)
})
