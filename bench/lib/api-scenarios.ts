// The endpoints bench:api measures and how one is measured, shared with bench:large-model (the
// same load on a 10M-customer model beside the small one).
import { stat } from 'node:fs/promises'
import { setTimeout } from 'node:timers/promises'
import type { ChildProcess } from 'node:child_process'
import type { CpuSample, ServerReady } from '../api-server.js'
import { BARE_PATH, ask } from './api-server-process.js'
import { autocannon, outcome, statusCounts, type AutocannonRequest } from './autocannon.js'
import type { Measured, ScenarioKind } from './api-report.js'
import { allThreads, cycleEstimate, mainThread, overSubtracted, withoutIdle, type Callgrind, type EventCounts } from './callgrind.js'

// queries a shopper types: whole names, words, several words in any order, typos
const SEARCH_QUERIES = [
  'heart', 'cakestnd', 'regency teacup', 'lantern', 'white hanging heart t-light holder', 'christmas', 'jumbo bag red',
  'vintage', 'lunch box', 'holdr', 'retrospot', 'paper chain kit', 'alarm clok', 'chalkboard', 'wicker heart', 'dormat',
  'bunting', 'tea towel', 'jam making set', 'cake cases', '22423', 'teapot roses', 'glass jar', 'spaceboy'
]

/** what a browser sends (and undici's fetch() sends gzip, deflate) */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd'

export interface Scenario {
  name: string
  kind: ScenarioKind
  /** measured at every log level (the others only at the default one) */
  everyLevel: boolean
  requests: AutocannonRequest[]
}

export interface Server {
  level: string
  child: ChildProcess
  ready: ServerReady
  url: string
  logFile: string
}

const recommendationPath = (code: string): string => `/recommendations/${encodeURIComponent(code)}`
const customerPath = (id: string): string => `/customers/${encodeURIComponent(id)}/recommendations`

/** The ETag each product's recommendations answer carries now (for the revalidation scenario). */
export async function entityTags (url: string, codes: string[]): Promise<Map<string, string>> {
  const tags = new Map<string, string>()
  for (const code of codes) {
    const response = await fetch(url + recommendationPath(code))
    await response.arrayBuffer()
    const etag = response.headers.get('etag')
    if (etag !== null) tags.set(code, etag)
  }
  return tags
}

export function scenarios (ready: ServerReady, etags: Map<string, string>): Scenario[] {
  const body = JSON.stringify({ customers: ready.customers })
  const codes = ready.productCodes
  const all: Scenario[] = [
    { name: `bare route (GET ${BARE_PATH})`, kind: 'bare', everyLevel: true, requests: [{ path: BARE_PATH }] },
    {
      name: `GET /recommendations/:product (${codes.length} codes)`,
      kind: 'recommendations',
      everyLevel: true,
      requests: codes.map((code) => ({ path: recommendationPath(code) }))
    },
    {
      name: `GET /recommendations/:product, Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}`,
      kind: 'recommendations-compressed',
      everyLevel: false,
      requests: codes.map((code) => ({ path: recommendationPath(code), headers: { 'accept-encoding': BROWSER_ACCEPT_ENCODING } }))
    },
    {
      name: 'GET /recommendations/:product, If-None-Match: its ETag (304)',
      kind: 'recommendations-revalidated',
      everyLevel: false,
      requests: codes.filter((code) => etags.has(code)).map((code) => ({ path: recommendationPath(code), headers: { 'if-none-match': etags.get(code) ?? '' } }))
    },
    {
      name: `GET /customers/:id/recommendations (${ready.customerIds.length} customers, ${ready.historySizes.min}–${ready.historySizes.max} products bought, median ${ready.historySizes.median})`,
      kind: 'customer-recommendations',
      everyLevel: false,
      requests: ready.customerIds.map((id) => ({ path: customerPath(id) }))
    },
    {
      name: 'GET /customers/:id/recommendations, recomputed (exclude=NOPE: not cached)',
      kind: 'customer-recommendations-uncached',
      everyLevel: false,
      requests: ready.customerIds.map((id) => ({ path: `${customerPath(id)}?exclude=NOPE` }))
    },
    {
      name: `POST /segments (${ready.customers.length} customers)`,
      kind: 'segments',
      everyLevel: false,
      requests: [{ method: 'POST', path: '/segments', body, headers: { 'content-type': 'application/json' } }]
    },
    {
      name: `GET /products?q= (${SEARCH_QUERIES.length} queries)`,
      kind: 'search',
      everyLevel: false,
      requests: SEARCH_QUERIES.map((q) => ({ path: `/products?q=${encodeURIComponent(q)}` }))
    }
  ]
  // a service that sends no ETag has nothing to revalidate
  return all.filter((scenario) => scenario.requests.length > 0)
}

export async function measure (server: Server, scenario: Scenario, options: { duration: number, warmup: number, connections: number }): Promise<Measured> {
  const { url, child } = server
  if (options.warmup > 0) await autocannon({ url, connections: options.connections, duration: options.warmup, requests: scenario.requests })
  const cpuBefore: CpuSample = await ask(child, 'cpu')
  const logBefore = (await stat(server.logFile)).size
  const result = await autocannon({ url, connections: options.connections, duration: options.duration, requests: scenario.requests })
  const cpuAfter: CpuSample = await ask(child, 'cpu')
  const logAfter = (await stat(server.logFile)).size
  const cpu = cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system
  const { requests: total, notModified, non2xx, errors } = outcome(result)
  return {
    name: scenario.name,
    kind: scenario.kind,
    level: server.level,
    reqPerSec: result.requests.average,
    cpuPerRequest: total > 0 ? cpu / total : NaN,
    logBytesPerRequest: total > 0 ? (logAfter - logBefore) / total : NaN,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: total,
    notModified,
    non2xx,
    errors
  }
}

/** Idle time after the full GC before the idle windows (valgrind runs the process's threads one at a time). */
export const SWEEP_PAUSE_MS = 2000
/** Each of the two idle windows; the second one's rate is taken off the counted window (callgrind.ts withoutIdle). */
export const IDLE_MS = 3000
/**
 * The first idle window's event-loop rate over the second's past which the count is flagged: the
 * first still held the GC's tail (its sweeping, V8's idle-time tasks), so the server was not yet
 * idle when the second began either.
 */
export const IDLE_DRIFT_LIMIT = 1.25

/** Requests counted and thrown away before a window, while the simulated caches fill: a tenth of the window's, at least one a connection. */
export function cacheFillRequests (options: { requests: number, connections: number }): number {
  return Math.max(options.connections, Math.ceil(options.requests / 10))
}

/** Per request, from callgrind's counts: instructions, and the cycle estimate with the cache misses. */
export interface Cost {
  instructions: number
  cycles: number
}

/** One scenario counted under callgrind (bench/lib/callgrind.ts). */
export interface Counted {
  name: string
  kind: ScenarioKind
  requests: number
  /** thread 1: the event loop */
  main: Cost
  /** every thread: the event loop and V8's helpers (GC marking and sweeping, compilation) */
  all: Cost
  non2xx: number
  errors: number
  /** answers per HTTP status */
  statuses: Record<string, number>
  /** the share of the event loop's counted instructions taken off as idle work (withoutIdle) */
  idleShare: number
  /** the first idle window's event-loop instruction rate over the second's (1 when the server had settled) */
  idleDrift: number
  /** what makes this count doubtful, in words (empty when nothing does) */
  warnings: string[]
}

function perRequest (counts: EventCounts, requests: number): Cost {
  if (requests === 0) return { instructions: NaN, cycles: NaN }
  return { instructions: (counts.Ir ?? 0) / requests, cycles: cycleEstimate(counts) / requests }
}

/** Instructions a millisecond on the event loop. */
const mainRate = (dump: { threads: Array<{ thread: number, counts: EventCounts }> }, ms: number): number => (mainThread(dump).Ir ?? 0) / ms

/**
 * `scenario` on a server running under callgrind with collection off, in this order:
 * 1. `warmup` requests uncounted (V8 compiles the hot paths at valgrind's plain speed);
 * 2. collection on, a full GC (every window starts from the same heap state, so a major GC does
 *    not land in one window and not the next) and a pause for its sweeping;
 * 3. two idle windows: the first shows whether the GC's tail had settled (idleDrift), the
 *    second's rate is what comes off the counted window;
 * 4. a tenth of `requests` counted and thrown away, so the simulated caches hold the endpoint's
 *    working set when the window opens (after the GC, which walks the whole heap through them and
 *    would evict the larger model's more);
 * 5. `requests` counted, less the idle rate over the time they took (withoutIdle).
 * A window's length runs from the zero (or the dump before) to its dump, stamped as each
 * callgrind_control call returns, not after its files are read.
 */
export async function countScenario (server: Server, callgrind: Callgrind, scenario: Scenario, options: { requests: number, warmup: number, connections: number }): Promise<Counted> {
  const { url, child } = server
  const run = (amount: number): ReturnType<typeof autocannon> => autocannon({ url, connections: options.connections, amount, requests: scenario.requests })
  if (options.warmup > 0) await run(options.warmup)
  callgrind.instrument(true)
  try {
    await ask(child, 'memory') // collects all garbage first (bench/api-server.ts)
    // V8's helpers sweep what that collection freed; idle, the event loop leaves them the (one,
    // under valgrind) core, so the sweeping is done before the idle windows open
    await setTimeout(SWEEP_PAUSE_MS)
    const idleStarted = callgrind.zero()
    await setTimeout(IDLE_MS)
    const settling = await callgrind.dump() // a dump zeroes the counters: the next window starts here
    await setTimeout(IDLE_MS)
    const idle = await callgrind.dump()
    const settlingMs = settling.at - idleStarted
    const idleMs = idle.at - settling.at
    await run(cacheFillRequests(options))
    const started = callgrind.zero()
    const result = await run(options.requests)
    const gross = await callgrind.dump()
    const windowMs = gross.at - started
    const dump = withoutIdle(gross, windowMs, idle, idleMs)
    const { requests: total, non2xx, errors } = outcome(result)
    const idleDrift = mainRate(settling, settlingMs) / mainRate(idle, idleMs)
    const warnings = [
      ...(idleDrift > IDLE_DRIFT_LIMIT ? [`the first idle window ran ${idleDrift.toFixed(2)}× the second's event-loop rate: the server had not settled after the GC`] : []),
      // the event loop's counts are what is judged; V8's helper threads vary too much from window to window to flag
      ...overSubtracted(gross, windowMs, idle, idleMs).filter((what) => what.startsWith('thread 1:')).map((what) => `the idle rate over the window exceeds its count (${what}): that count is clamped at 0`)
    ]
    return {
      name: scenario.name,
      kind: scenario.kind,
      requests: total,
      main: perRequest(mainThread(dump), total),
      all: perRequest(allThreads(dump), total),
      non2xx,
      errors,
      statuses: statusCounts(result),
      idleShare: (mainThread(gross).Ir ?? 0) > 0 ? 1 - (mainThread(dump).Ir ?? 0) / mainThread(gross).Ir : NaN,
      idleDrift,
      warnings
    }
  } finally {
    callgrind.instrument(false)
  }
}
