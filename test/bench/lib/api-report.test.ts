// The bench:api section: medians over runs, the table (a row per endpoint and log level, ratios to
// the bare route at the same level), and the verdicts computed from the rows present.
import t from 'tap'
import { medianOf, renderApiReport, verdicts, type Measured } from '../../../bench/lib/api-report.js'

function row (overrides: Partial<Measured>): Measured {
  return {
    name: 'bare route (GET /bench/bare)',
    kind: 'bare',
    level: 'info',
    reqPerSec: 10_000,
    cpuPerRequest: 50,
    logBytesPerRequest: 250,
    p50: 0,
    p99: 2,
    requests: 100_000,
    notModified: 0,
    non2xx: 0,
    errors: 0,
    ...overrides
  }
}

const memory = { type: 'memory' as const, rss: 150 * 2 ** 20, heapUsed: 20 * 2 ** 20, heapTotal: 60 * 2 ** 20, arrayBuffers: 2 * 2 ** 20 }

const results: Measured[] = [
  row({}),
  row({ name: 'GET /recommendations/:product (198 codes)', kind: 'recommendations', reqPerSec: 8500, cpuPerRequest: 60, logBytesPerRequest: 300, p99: 3 }),
  row({ name: 'compressed', kind: 'recommendations-compressed', reqPerSec: 5000, cpuPerRequest: 100 }),
  row({ name: 'revalidated', kind: 'recommendations-revalidated', reqPerSec: 9500, cpuPerRequest: 45, notModified: 100_000 }),
  row({ level: 'warn', reqPerSec: 12_000, cpuPerRequest: 40, logBytesPerRequest: 0 }),
  row({ name: 'GET /recommendations/:product (198 codes)', kind: 'recommendations', level: 'warn', reqPerSec: 10_000, cpuPerRequest: 48, logBytesPerRequest: 0 })
]

t.test('medianOf: medians of the rates, sums of the counts', async (t) => {
  const m = medianOf([row({ reqPerSec: 1, requests: 10, non2xx: 1 }), row({ reqPerSec: 3, requests: 20 }), row({ reqPerSec: 2, requests: 30, notModified: 5 })])
  t.equal(m.reqPerSec, 2)
  t.equal(m.requests, 60)
  t.equal(m.non2xx, 1)
  t.equal(m.notModified, 5)
})

t.test('verdicts: the target at the default level, then logging, compression and revalidation', async (t) => {
  const lines = verdicts(results, ['info', 'warn'])
  t.equal(lines.length, 4)
  t.match(lines[0], /at the default log level \(info\): ≥ 80% .* → \*\*85%\*\* and 3 ms \(by server CPU per request: 83% /)
  t.match(lines[1], /^Logging: at info .* serves 85% of its req\/s at warn .* 12 µs more server CPU per request, 300 bytes of log per request; the bare route 83%\./)
  t.match(lines[2], /^Compression: .* costs 40 µs more server CPU per request and serves 59% /)
  t.match(lines[3], /^Revalidation: .* answers 304 \(100% of its answers.*\) at 112% of the full answer's req\/s, 45 µs of server CPU instead of 60\./)
  t.same(verdicts(results.slice(0, 2), ['info']).length, 1, 'only what was measured')
})

t.test('verdicts: the personal-recommendation route against issue 10\'s target, cached and recomputed', async (t) => {
  const customers = [
    row({}),
    row({ name: 'customers', kind: 'customer-recommendations', reqPerSec: 8200, cpuPerRequest: 61, p99: 2 }),
    row({ name: 'customers, recomputed', kind: 'customer-recommendations-uncached', reqPerSec: 6000, cpuPerRequest: 95, p99: 4 })
  ]
  const [line] = verdicts(customers, ['info'])
  t.match(line, /^Target for GET \/customers\/:id\/recommendations at info \(issue 10\): .* → \*\*82%\*\* and 2 ms against 2 ms \(1\.00×\); recomputed on every request instead of cached: 60%, p99 4 ms, 34 µs more server CPU per request\.$/)
  t.match(verdicts(customers.slice(0, 2), ['info'])[0], /\(1\.00×\)\.$/, 'without the recomputed row')
})

t.test('the section: how it was measured, one row per endpoint and level, ratios within a level', async (t) => {
  const text = renderApiReport(results, { before: memory, after: memory }, {
    command: 'npm run bench:api',
    date: '2026-12-01 21:00 UTC',
    version: 'v1',
    machine: '2 cores (x), 1-min load average at start 3.10',
    loadAtEnd: 2.5,
    cores: 2,
    levels: ['info', 'warn'],
    duration: 10,
    warmup: 2,
    connections: 10,
    runs: 3
  })
  t.match(text, /^`npm run bench:api` — 2026-12-01 21:00 UTC, model v1; 10 connections, 10 s per endpoint after 2 s of warm-up, median of 3 runs/)
  t.match(text, /The machine was busy/)
  t.match(text, /stdout written to a regular file/)
  t.match(text, /\| bare route \(GET \/bench\/bare\) \| info \(default\) \| 10,000 \| 100% \| 50 µs \| 100% \| 0 ms \| 2 ms \| 250 B \| 100,000 \| 0 \| 0 \|/)
  t.match(text, /\| bare route \(GET \/bench\/bare\) \| warn \| 12,000 \| 100% \|/)
  t.match(text, /\| GET \/recommendations\/:product \(198 codes\) \| warn \| 10,000 \| 83% \|/, 'against the bare route at its own level')
  t.match(text, /\| before the load \(model loaded\) \| 150 MiB \|/)
})
