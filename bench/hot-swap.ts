// npm run bench:swap — does swapping model versions under load drop or slow requests? Each run
// (--runs, 3 by default; the target is judged on the median of the runs' ratios) is
// two phases of equal length with the same autocannon load on GET /recommendations/:product over
// real product codes: (1) steady, no new versions (the baseline), (2) the same load while a
// publisher writes a new version every --interval ms through publishVersion (the base version's
// files again under a fresh name, so the service loads, validates, indexes and swaps each one).
// Swaps are counted from the service itself (shopper_model_swaps_total before/after, and
// GET /models/active polled during the phase). Prints a markdown table and writes it into
// README.md between <!-- bench:swap:start --> and <!-- bench:swap:end -->.
//
//   npm run bench:swap -- [--artifacts DIR] [--duration 35] [--warmup 3] [--connections 10]
//                         [--interval 1000] [--keep 5] [--runs 3] [--set NAME=VALUE …] [--no-readme]
//
// --artifacts DIR is only read (its LATEST version is the base); versions are always published
// into a fresh temporary directory, pruned to --keep versions, and removed at the end. Without it,
// a model is trained on the bundled data first. The server is bench/api-server.ts in a child
// process with the service's default settings (POLL_INTERVAL_MS 1000, unless --set); autocannon
// runs in this process and the publisher on a worker thread, so hashing and writing versions
// never delays autocannon's clock.
// --set gives the server a setting that shapes swaps (SWAP_SETTINGS), e.g. MODEL_LOADER_NICE=0 to
// see what the loader's lower priority is worth.
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads'
import {
  listVersions, loadManifest, publishVersion, readLatest, versionDir, type ManifestDraft
} from '../lib/artifacts/index.js'
import { startWorker } from '../lib/start-worker.js'
import { formatBytes, formatDate } from './lib/format.js'
import { busyMachineNote, describeMachine, formatMachine } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { median } from './lib/stats.js'
import type { CpuSample, MemorySample, ParentMessage } from './api-server.js'
import { ask, startServer } from './lib/api-server-process.js'
import { benchModel, numberOption, serviceSettings } from './lib/bench-options.js'
import { autocannon, type AutocannonResult } from './lib/autocannon.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')
const ACTIVE_POLL_MS = 200
/** how long to wait after the load for the service to catch up with the last published version */
const SETTLE_TIMEOUT_MS = 15_000
const PUBLISHER_ROLE = 'bench-swap-publisher'
/** the service settings --set may change here: the ones a swap's cost depends on */
const SWAP_SETTINGS = ['MODEL_LOADER_NICE', 'POLL_INTERVAL_MS', 'MODEL_CACHE_SIZE']

// ---- pure helpers (tested in test/bench/hot-swap.test.ts) -------------------------------------

/**
 * The value of the first sample of `name` in a Prometheus text exposition (labels ignored), or
 * null when the metric has no sample. `name` must be the exact sample name (`…_total`).
 */
export function metricValue (exposition: string, name: string): number | null {
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#') || !line.startsWith(name)) continue
    const rest = line.slice(name.length)
    if (rest[0] !== ' ' && rest[0] !== '{') continue // a longer name sharing the prefix
    const value = rest.slice(rest[0] === '{' ? rest.lastIndexOf('}') + 1 : 0).trim().split(/\s+/)[0]
    const number = Number(value)
    if (value !== '' && !Number.isNaN(number)) return number
  }
  return null
}

export interface Publication {
  version: string
  /** Date.now() when publishVersion returned (LATEST names the version) */
  publishedAt: number
}

export interface ActiveObservation {
  version: string
  /** the service's activeSince for that version, in ms since the epoch */
  activeSince: number
}

/**
 * Milliseconds from publishing each version to the service serving it, for the versions both
 * lists know (a version the poll never saw active was skipped over by a faster successor or
 * swapped in and out between two polls).
 */
export function swapDelays (publications: readonly Publication[], observed: readonly ActiveObservation[]): number[] {
  const since = new Map(observed.map((o) => [o.version, o.activeSince]))
  const delays: number[] = []
  for (const { version, publishedAt } of publications) {
    const at = since.get(version)
    if (at !== undefined) delays.push(Math.max(0, at - publishedAt))
  }
  return delays
}

export interface PhaseResult {
  name: string
  durationSeconds: number
  requests: number
  reqPerSec: number
  non2xx: number
  errors: number
  timeouts: number
  p50: number
  p99: number
  p999: number
  max: number
  /** server CPU time (user + system) over the phase, in milliseconds */
  serverCpuMs: number
  /** largest event-loop delay the server saw during the phase (prom-client), in ms; null if not exposed */
  eventLoopMaxMs: number | null
}

export interface SwapSummary {
  publishes: number
  intervalMs: number
  /** shopper_model_swaps_total during the loaded phase */
  swapsDuringLoad: number
  /** swaps after the load stopped, while the service caught up with the last version */
  swapsAfterLoad: number
  /** distinct versions GET /models/active reported during the phase, besides the base one */
  versionsSeenActive: number
  loadFailures: number
  /** publish → serving, in ms, for the versions the poll saw */
  delays: number[]
  caughtUp: boolean
  keep: number
}

export interface ReportContext {
  command: string
  date: Date
  machine: string
  busyNote: string | null
  version: string
  codes: number
  connections: number
  warmupSeconds: number
  memoryBefore: MemorySample
  memoryAfter: MemorySample
  minSwaps: number
  /** the --set settings the server ran with (the service's defaults otherwise) */
  settings: Record<string, string>
}

const ms = (value: number): string => `${Number.isInteger(value) ? value : value.toFixed(1)} ms`

/** One run: the steady phase, then the swapping phase, back to back. */
export interface SwapRun {
  baseline: PhaseResult
  swapping: PhaseResult
  swaps: SwapSummary
}

// issue 12's target: swaps invisible at p99.9 (within 2× of the steady phase's); a p99.9 of 0 ms
// (autocannon's whole milliseconds) counts as 1 ms so the ratio stays defined
const tailRatio = (run: SwapRun): number => run.swapping.p999 / Math.max(1, run.baseline.p999)

/**
 * The README section: context, one row per phase of each run, the per-run ratios with their
 * median (the target is judged on it: one run's p99.9 moves with whatever else the 2 cores did
 * in those seconds), and the swap evidence.
 */
export function swapReport (runs: readonly SwapRun[], context: ReportContext): string {
  if (runs.length === 0) throw new RangeError('swapReport needs at least one run')
  const row = (run: number, r: PhaseResult): string[] => [
    runs.length > 1 ? `run ${run}: ${r.name}` : r.name,
    `${r.durationSeconds} s`,
    r.requests.toLocaleString('en-US'),
    Math.round(r.reqPerSec).toLocaleString('en-US'),
    String(r.non2xx),
    `${r.errors} / ${r.timeouts}`,
    ms(r.p50),
    ms(r.p99),
    ms(r.p999),
    ms(r.max),
    r.eventLoopMaxMs === null ? 'n/a' : ms(Math.round(r.eventLoopMaxMs * 10) / 10),
    `${(r.serverCpuMs / 1000).toFixed(1)} s`
  ]
  const table = markdownTable(
    ['Phase', 'duration', 'requests', 'req/s', 'non-2xx', 'errors / timeouts', 'p50', 'p99', 'p99.9', 'max', 'server event-loop max delay', 'server CPU'],
    runs.flatMap((r, i) => [row(i + 1, r.baseline), row(i + 1, r.swapping)])
  )
  const ratios = runs.map(tailRatio)
  const medianTail = median(ratios)
  // autocannon's whole milliseconds: a p99 of 0 ms has no ratio (n/a when no run has one)
  const p99Ratios = runs.filter((r) => r.baseline.p99 > 0).map((r) => r.swapping.p99 / r.baseline.p99)
  const p99Ratio = p99Ratios.length > 0 ? median(p99Ratios) : NaN
  const rateRatio = median(runs.map((r) => r.swapping.reqPerSec / r.baseline.reqPerSec))
  const failed = runs.reduce((sum, r) => sum + r.swapping.non2xx + r.swapping.errors + r.swapping.timeouts, 0)
  const sum = (pick: (s: SwapSummary) => number): number => runs.reduce((total, r) => total + pick(r.swaps), 0)
  const fewestSwaps = Math.min(...runs.map((r) => r.swaps.swapsDuringLoad))
  const delays = runs.flatMap((r) => r.swaps.delays)
  const { intervalMs, keep } = runs[0].swaps
  const each = runs.length > 1 ? ' in each run' : ''
  const behind = runs.flatMap((r, i) => r.swaps.caughtUp ? [] : [i + 1])
  const delayText = delays.length > 0
    ? `publish → serving: median ${Math.round(median(delays))} ms, max ${Math.round(Math.max(...delays))} ms over ${delays.length} versions the poll saw`
    : 'publish → serving: no version was seen active by the poll'
  const perRun = runs.map((r, i) => `run ${i + 1} ${ratios[i].toFixed(2)}× (${ms(r.swapping.p999)} vs ${ms(r.baseline.p999)})`).join(', ')
  return [
    `- Command: \`${context.command}\` — ${formatDate(context.date)}, base model ${context.version}; GET /recommendations/:product over ` +
      `${context.codes} real product codes, ${context.connections} connections, ${context.warmupSeconds} s of warm-up, then ` +
      (runs.length > 1 ? `${runs.length} runs, each the two phases back to back.` : 'the two phases back to back in one run.'),
    `- Machine: ${context.machine}. Server (child process), autocannon and the publisher (a worker thread of the load process) share the machine.`,
    `- Server settings: ${Object.keys(context.settings).length === 0 ? 'the service\'s defaults' : Object.entries(context.settings).map(([name, value]) => `${name}=${value}`).join(', ') + ', the rest the service\'s defaults'}.`,
    ...(context.busyNote ? [`- ${context.busyNote}`] : []),
    '- Latencies are autocannon\'s, whole milliseconds (its histogram records integers), so a ratio of small p99s is coarse.',
    '',
    table,
    '',
    `- Swaps under load: ${sum((s) => s.publishes)} versions published, one every ${intervalMs} ms (same files, new name; pruned to ${keep} versions); ` +
      `the service counted ${sum((s) => s.swapsDuringLoad)} swaps during the swapping phases (shopper_model_swaps_total) and ${sum((s) => s.swapsAfterLoad)} more while catching up; ` +
      `GET /models/active, polled every ${ACTIVE_POLL_MS} ms, showed ${sum((s) => s.versionsSeenActive)} new versions; ${sum((s) => s.loadFailures)} load failures; ` +
      `${behind.length === 0 ? `it served the last published version at the end${each}` : `it had NOT caught up with the last published version at the end of ${runs.length > 1 ? `run ${behind.join(', ')}` : 'the run'}`}.`,
    `- ${delayText}.`,
    `- p99.9 with swaps ÷ without: ${runs.length > 1 ? `median ${medianTail.toFixed(2)}× (${perRun})` : `${medianTail.toFixed(2)}× (${ms(runs[0].swapping.p999)} vs ${ms(runs[0].baseline.p999)})`}; ` +
      `p99: ${Number.isFinite(p99Ratio) ? `${p99Ratio.toFixed(2)}×` : 'no ratio (0 ms without swaps in every run)'}; req/s with swaps ÷ without: ${rateRatio.toFixed(2)}×${runs.length > 1 ? ' (medians over the runs)' : ''}.`,
    `- Targets: 0 non-2xx, errors and timeouts during swaps → ${failed === 0 ? 'met' : `NOT met (${failed})`}; ` +
      `at least ${context.minSwaps} swaps under load${each} → ${fewestSwaps >= context.minSwaps ? 'met' : `NOT met (${fewestSwaps})`}; ` +
      `p99.9 with swaps within 2× of without → ${medianTail <= 2 ? 'met' : `NOT met (${medianTail.toFixed(2)}×)`}.`,
    `- Server memory after a full GC: RSS ${formatBytes(context.memoryBefore.rss)} before the phases, ${formatBytes(context.memoryAfter.rss)} after the swaps ` +
      `(heap used ${formatBytes(context.memoryBefore.heapUsed)} → ${formatBytes(context.memoryAfter.heapUsed)}).`
  ].join('\n')
}

// ---- the publisher (worker thread) ------------------------------------------------------------

interface PublisherData {
  role: typeof PUBLISHER_ROLE
  dir: string
  files: Record<string, Uint8Array>
  draft: ManifestDraft
  intervalMs: number
  keep: number
}
type PublisherCommand = { type: 'start' } | { type: 'stop' }
type PublisherMessage =
  | { type: 'ready' }
  | ({ type: 'published' } & Publication)
  | { type: 'stopped' }
  | { type: 'failed', message: string }

function runPublisher (data: PublisherData, port: NonNullable<typeof parentPort>): void {
  let stopping = false
  const sleep = (delay: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, delay))
  const loop = async (): Promise<void> => {
    const started = Date.now()
    for (let i = 1; !stopping; i++) {
      // the next publish is due on a fixed grid, so a slow publish does not shift all the next ones
      const due = started + i * data.intervalMs
      if (due > Date.now()) await sleep(due - Date.now())
      if (stopping) break
      const published = await publishVersion(data.dir, data.files, data.draft, { now: new Date(), keep: data.keep })
      port.postMessage({ type: 'published', version: published.version, publishedAt: Date.now() } satisfies PublisherMessage)
    }
  }
  port.on('message', (command: PublisherCommand) => {
    if (command.type === 'start') {
      stopping = false
      loop().then(
        () => port.postMessage({ type: 'stopped' } satisfies PublisherMessage),
        (error: unknown) => port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies PublisherMessage)
      )
    } else {
      stopping = true
    }
  })
  port.postMessage({ type: 'ready' } satisfies PublisherMessage)
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === PUBLISHER_ROLE && parentPort) {
  runPublisher(workerData as PublisherData, parentPort)
}

// ---- the load process -------------------------------------------------------------------------

async function scrape (url: string): Promise<{ swaps: number, failures: number, eventLoopMaxMs: number | null }> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const lag = metricValue(text, 'nodejs_eventloop_lag_max_seconds')
  return {
    swaps: metricValue(text, 'shopper_model_swaps_total') ?? 0,
    failures: metricValue(text, 'shopper_model_load_failures_total') ?? 0,
    eventLoopMaxMs: lag === null ? null : lag * 1000
  }
}

async function activeVersion (url: string): Promise<ActiveObservation | null> {
  const response = await fetch(`${url}/models/active`)
  if (!response.ok) return null
  const body = await response.json() as { active: string | null, activeSince: string | null }
  return body.active && body.activeSince ? { version: body.active, activeSince: Date.parse(body.activeSince) } : null
}

/** Polls GET /models/active until stopped; keeps the first observation of each version. */
function pollActive (url: string): { stop: () => Promise<ActiveObservation[]> } {
  const seen = new Map<string, ActiveObservation>()
  let running = true
  const loop = (async () => {
    while (running) {
      const observation = await activeVersion(url).catch(() => null)
      if (observation && !seen.has(observation.version)) seen.set(observation.version, observation)
      await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS))
    }
  })()
  return {
    stop: async () => {
      running = false
      await loop
      return [...seen.values()]
    }
  }
}

/** The base version's files and manifest draft, from `sourceDir`'s LATEST (or newest) version. */
async function readBaseVersion (sourceDir: string): Promise<{ version: string, files: Record<string, Uint8Array>, draft: ManifestDraft }> {
  const version = (await readLatest(sourceDir)) ?? (await listVersions(sourceDir)).at(-1)
  if (!version) throw new Error(`no model version in ${sourceDir}`)
  const manifest = await loadManifest(sourceDir, version)
  const dir = versionDir(sourceDir, version)
  const files: Record<string, Uint8Array> = {}
  for (const name of Object.keys(manifest.files)) files[name] = await readFile(path.join(dir, name))
  const { version: _version, createdAt: _createdAt, files: _files, schemaVersion: _schemaVersion, ...draft } = manifest
  return { version, files, draft }
}

function startPublisher (data: Omit<PublisherData, 'role'>): Promise<{ worker: Worker, messages: (listener: (message: PublisherMessage) => void) => void }> {
  const worker = startWorker(import.meta.url, './hot-swap', { workerData: { ...data, role: PUBLISHER_ROLE } satisfies PublisherData })
  return new Promise((resolve, reject) => {
    worker.once('error', reject)
    worker.on('message', function onMessage (message: PublisherMessage) {
      if (message.type !== 'ready') return
      worker.off('message', onMessage)
      resolve({ worker, messages: (listener) => worker.on('message', listener) })
    })
  })
}

type Phase = (name: string, during?: { start: () => void, stop: () => void }) => Promise<{ result: PhaseResult, before: Scrape, after: Scrape }>
type Scrape = Awaited<ReturnType<typeof scrape>>

interface PublisherControl {
  start: () => void
  stop: () => void
  listen: (published: (publication: Publication) => void, stopped: (error?: Error) => void) => void
}

/** One run: the steady phase, then the same load while the publisher publishes, then the service catching up. */
async function swapRun (phase: Phase, url: string, publisher: PublisherControl, options: { intervalMs: number, keep: number },
  settle: () => Promise<unknown>): Promise<SwapRun> {
  // every baseline starts from a collected heap: the previous run's swapped-out versions are not
  // left to be collected during it
  await settle()
  const baseline = await phase('1. steady load, no swaps')
  const publications: Publication[] = []
  const publisherStopped = new Promise<void>((resolve, reject) => {
    publisher.listen((publication) => publications.push(publication), (error) => error ? reject(error) : resolve())
  })
  publisherStopped.catch(() => {}) // awaited after the phase; a failure must not crash the load first
  let poller: ReturnType<typeof pollActive> | undefined
  const swapping = await phase(`2. same load, a new version every ${options.intervalMs} ms`, {
    start: () => {
      poller = pollActive(url)
      publisher.start()
    },
    stop: publisher.stop
  })
  await publisherStopped
  const last = publications.at(-1)?.version
  const settleUntil = Date.now() + SETTLE_TIMEOUT_MS
  let caughtUp = false
  while (last !== undefined && Date.now() < settleUntil) {
    if ((await activeVersion(url))?.version === last) {
      caughtUp = true
      break
    }
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS))
  }
  const observed = (await poller?.stop()) ?? []
  const settled = await scrape(url)
  const published = new Set(publications.map((p) => p.version))
  return {
    baseline: baseline.result,
    swapping: swapping.result,
    swaps: {
      publishes: publications.length,
      intervalMs: options.intervalMs,
      swapsDuringLoad: swapping.after.swaps - swapping.before.swaps,
      swapsAfterLoad: settled.swaps - swapping.after.swaps,
      versionsSeenActive: observed.filter((o) => published.has(o.version)).length,
      loadFailures: settled.failures - swapping.before.failures,
      delays: swapDelays(publications, observed),
      caughtUp,
      keep: options.keep
    }
  }
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      artifacts: { type: 'string' },
      duration: { type: 'string', default: '35' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      interval: { type: 'string', default: '1000' },
      keep: { type: 'string', default: '5' },
      'min-swaps': { type: 'string', default: '30' },
      runs: { type: 'string', default: '3' },
      set: { type: 'string', multiple: true, default: [] },
      'no-readme': { type: 'boolean', default: false }
    }
  })
  const number = numberOption
  const options = {
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: Math.floor(number('connections', values.connections, 1)),
    intervalMs: Math.floor(number('interval', values.interval, 50)),
    keep: Math.floor(number('keep', values.keep, 2)),
    minSwaps: Math.floor(number('min-swaps', values['min-swaps'], 0)),
    runs: Math.floor(number('runs', values.runs, 1))
  }
  const settings = serviceSettings(values.set, SWAP_SETTINGS)
  if ((options.duration * 1000) / options.intervalMs < options.minSwaps) {
    console.error(`warning: ${options.duration} s at one version every ${options.intervalMs} ms cannot reach ${options.minSwaps} swaps`)
  }
  const machine = describeMachine()

  const temporaries: string[] = []
  let child: ChildProcess | undefined
  let publisher: Worker | undefined
  try {
    const { artifactsDir: sourceDir, temporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'bench-swap-model-')
    if (temporary) temporaries.push(temporary)
    const base = await readBaseVersion(path.resolve(sourceDir))
    const workDir = await mkdtemp(path.join(os.tmpdir(), 'bench-swap-'))
    temporaries.push(workDir)
    await publishVersion(workDir, base.files, base.draft)

    const server = await startServer(workDir, { settings })
    child = server.child
    const url = `http://127.0.0.1:${server.ready.port}`
    const requests = server.ready.productCodes.map((code) => ({ path: `/recommendations/${encodeURIComponent(code)}` }))
    const load = (duration: number): Promise<AutocannonResult> => autocannon({ url, connections: options.connections, duration, requests })

    const started = await startPublisher({ dir: workDir, files: base.files, draft: base.draft, intervalMs: options.intervalMs, keep: options.keep })
    publisher = started.worker
    // the publisher's messages go to the run in progress (one phase of publishing at a time)
    let onPublished: (publication: Publication) => void = () => {}
    let onStopped: (error?: Error) => void = () => {}
    started.messages((message) => {
      if (message.type === 'published') onPublished({ version: message.version, publishedAt: message.publishedAt })
      else if (message.type === 'stopped') onStopped()
      else if (message.type === 'failed') onStopped(new Error(`the publisher failed: ${message.message}`))
    })

    if (options.warmup > 0) {
      console.error(`warm-up: ${options.warmup} s …`)
      await load(options.warmup)
    }
    const memoryBefore: MemorySample = await ask(child, 'memory')

    const phase: Phase = async (name, during) => {
      console.error(`${name}: ${options.duration} s …`)
      const before = await scrape(url) // also resets the event-loop delay histogram
      const cpuBefore: CpuSample = await ask(child!, 'cpu')
      during?.start()
      const measured = await load(options.duration)
      during?.stop()
      const after = await scrape(url)
      const cpuAfter: CpuSample = await ask(child!, 'cpu')
      return {
        before,
        after,
        result: {
          name,
          durationSeconds: options.duration,
          requests: measured.requests.total,
          reqPerSec: measured.requests.average,
          non2xx: measured.non2xx,
          errors: measured.errors,
          timeouts: measured.timeouts,
          p50: measured.latency.p50,
          p99: measured.latency.p99,
          p999: measured.latency.p99_9,
          max: measured.latency.max,
          serverCpuMs: (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / 1000,
          eventLoopMaxMs: after.eventLoopMaxMs
        }
      }
    }

    const runs: SwapRun[] = []
    for (let run = 1; run <= options.runs; run++) {
      if (options.runs > 1) console.error(`run ${run} of ${options.runs}`)
      runs.push(await swapRun(phase, url, {
        start: () => { started.worker.postMessage({ type: 'start' } satisfies PublisherCommand) },
        stop: () => { started.worker.postMessage({ type: 'stop' } satisfies PublisherCommand) },
        listen: (published, stopped) => { onPublished = published; onStopped = stopped }
      }, options, () => ask(child!, 'memory')))
    }
    const memoryAfter: MemorySample = await ask(child, 'memory')
    const command = `npm run bench:swap${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
    const markdown = swapReport(runs, {
      command,
      date: new Date(),
      machine: formatMachine(machine),
      busyNote: busyMachineNote(machine),
      version: server.ready.version,
      codes: requests.length,
      connections: options.connections,
      warmupSeconds: options.warmup,
      memoryBefore,
      memoryAfter,
      minSwaps: options.minSwaps,
      settings
    })
    console.log(markdown)
    if (!values['no-readme']) {
      await writeReadmeSection('swap', markdown, path.join(PROJECT, 'README.md'))
      console.error('README.md updated (section bench:swap)')
    }
  } finally {
    await publisher?.terminate()
    child?.send({ type: 'close' } satisfies ParentMessage)
    for (const dir of temporaries) await rm(dir, { recursive: true, force: true })
  }
}

const invokedDirectly = isMainThread && process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (invokedDirectly) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
