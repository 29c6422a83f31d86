import t from 'tap'
import { formatMs, latencySummary, overloadReport, summarizePhase, tally, type OverloadRecord, type PhaseRun } from '../../../bench/lib/overload-report.js'

const machine = { cores: 2, cpuModel: 'Test CPU', totalMemoryBytes: 8 * 1024 ** 3, node: 'v20.0.0', platform: 'Linux x64', loadAverage: 0.5 }
const MIB = 1024 * 1024

function run (overrides: Partial<PhaseRun>): PhaseRun {
  return {
    statuses: { 200: 1000 },
    durationS: 20,
    errors: 0,
    okLatency: { p50: 700, p99: 1200 },
    shedLatency: null,
    probes: [{ atMs: 0, latencyMs: 3000, outcome: '200' }, { atMs: 6000, latencyMs: 6500, outcome: '200' }],
    idleRssBytes: 150 * MIB,
    peakRssBytes: 270 * MIB,
    serverCpuS: 19.5,
    ...overrides
  }
}

const record: OverloadRecord = {
  startedAt: '2026-12-01T20:00:00.000Z',
  command: 'npm run bench:overload',
  machine,
  version: '20261201T195027Z-551d18',
  customers: 10_000,
  bodyBytes: 697_455,
  connections: 50,
  durationS: 20,
  warmupS: 2,
  probeIntervalMs: 500,
  probeTimeoutMs: 10_000,
  before: {
    label: 'load shedding off',
    settings: { MAX_EVENT_LOOP_DELAY_MS: 0, MAX_CONCURRENT_BATCHES: 0 },
    runs: [run({}), run({ statuses: { 200: 1400 }, errors: 2, probes: [{ atMs: 500, latencyMs: 10_000, outcome: 'timeout' }] }), run({ statuses: { 200: 1200 } })]
  },
  after: {
    label: 'load shedding on (defaults)',
    settings: { MAX_EVENT_LOOP_DELAY_MS: 200, MAX_CONCURRENT_BATCHES: 4 },
    runs: [1, 2, 3].map((i) => run({
      statuses: { 200: 500 + i, 503: 10_000 * i, 500: i - 1 },
      okLatency: { p50: 100 + i, p99: 300 },
      shedLatency: { p50: 20, p99: 80 },
      probes: [{ atMs: 0, latencyMs: 1500, outcome: '503 ERR_OVERLOADED' }, { atMs: 5000, latencyMs: 250 + i, outcome: '200' }, { atMs: 5500, latencyMs: 300, outcome: '200' }]
    }))
  }
}

t.test('per-run figures are medians over the runs; probes pool every run', async (t) => {
  const before = summarizePhase(record.before)
  t.equal(before.ok, 1200)
  t.equal(before.okPerSecond, 60)
  t.equal(before.shed, 0)
  t.equal(before.errors, 0)
  t.equal(before.probe.count, 5)
  t.equal(before.probe.max, 10_000)
  t.equal(before.probe.maxAfterOnset, 6500, 'sent at 6 s')
  t.equal(before.probe.overOneSecond, 5)
  t.equal(before.probe.overTimeout, 3, 'the two 6.5 s probes and the timeout')
  t.equal(before.probe.outcomes, '200 ×4, timeout ×1')

  const after = summarizePhase(record.after)
  t.equal(after.ok, 502)
  t.equal(after.shed, 20_000)
  t.equal(after.other, 1, 'a 500 is neither classified nor shed')
  t.equal(after.answersPerSecond, (502 + 20_000 + 1) / 20)
  t.same(after.okLatency, { p50: 102, p99: 300 })
  t.equal(after.probe.p50, 300)
  t.equal(after.probe.maxAfterOnset, 300, 'the 1.5 s probe was sent at the start')
  t.equal(after.probe.outcomes, '200 ×6, 503 ERR_OVERLOADED ×3')
})

t.test('the README section: context lines, then BEFORE and AFTER side by side', async (t) => {
  const markdown = overloadReport(record)
  t.match(markdown, /^- Command: `npm run bench:overload` — 2026-12-01 20:00 UTC, model 20261201T195027Z-551d18\./)
  t.match(markdown, /50 connections, each posting the 10,000-customer batch \(0\.7 MiB of JSON/)
  t.match(markdown, /3 runs each/)
  t.notMatch(markdown, /The machine was busy/, 'load 0.5 on 2 cores is not busy')
  t.match(markdown, /\| {2}\| BEFORE: load shedding off \| AFTER: load shedding on \(defaults\) \|/)
  t.match(markdown, /\| settings \| MAX_EVENT_LOOP_DELAY_MS=0, MAX_CONCURRENT_BATCHES=0 \| MAX_EVENT_LOOP_DELAY_MS=200, MAX_CONCURRENT_BATCHES=4 \|/)
  t.match(markdown, /\| batches classified \(2xx\) in the run \| 1,200 \| 502 \|/)
  t.match(markdown, /\| latency of a shed answer, p50 \/ p99 \| – \| 20 ms \/ 80 ms \|/)
  t.match(markdown, /\| \/health\/ready latency, p50 \/ p99 \/ max \| 6,500 ms \/ 10,000 ms \/ 10,000 ms \| 300 ms \/ 1,500 ms \/ 1,500 ms \|/)
  t.match(markdown, /\| \/health\/ready worst latency of the probes sent after the first 5 s \| 6,500 ms \| 300 ms \|/)
  t.match(markdown, /after 2 s at 2 connections/)
  t.match(markdown, /libuv#3696/)
  t.match(markdown, /\| server RSS: model loaded, idle → peak under the load \| 150 MiB → 270 MiB \| 150 MiB → 270 MiB \|/)
  t.match(overloadReport({ ...record, machine: { ...machine, loadAverage: 5 } }), /- The machine was busy/)
})

t.test('small helpers', async (t) => {
  t.equal(formatMs(2.345), '2.3 ms')
  t.equal(formatMs(3712.4), '3,712 ms')
  t.equal(tally(['b', 'a', 'b']), 'b ×2, a ×1')
  t.equal(tally([]), '')
  t.equal(latencySummary([]), null)
  t.same(latencySummary([3, 1, 2]), { p50: 2, p99: 3 })
})
