// npm run bench:large-model — issue 12's target for the service: a model of 10 million customers
// and 100k products loads with RSS ≤ 3 GiB in ≤ 15 s, and serves bench:api's endpoints within
// 10 % of the small model's numbers. The large model is either WRITTEN BY THIS BENCH, not trained
// (bench/lib/large-model-builder.ts: the small real model grown, through lib/artifacts'
// encoder and the normal publish path), or a trained one given with --large DIR. Then one server process per model (bench/api-server.ts,
// logging at info as deployed), one at a time: the load time is the model store's
// own figure (its "model version loaded and indexed" log line: read, sha256, validate and index in
// the loader's worker, assemble on the main thread), RSS after a full GC and the peak (VmHWM). Then
// bench:api's scenarios against it, the server pinned to one core and autocannon to the other
// (bench/lib/cpu-pinning.ts; --no-pin to share them). Every run measures both models, each in a
// new process (which goes first alternates from run to run): a process's CPU per request depends
// on its own luck (see main), so the figures are medians over processes, load figures included,
// and the ratios medians of the per-run ratios (bench/lib/paired-runs.ts). Prints markdown
// and writes it into README.md between <!-- bench:large-model:start --> and <!-- …:end -->.
//
//   npm run bench:large-model -- [--artifacts SMALL_DIR] [--customers 10000000] [--products 100000]
//     [--large DIR (reuse a large model published there, or publish it there and keep it)]
//     [--duration 5] [--warmup 2] [--settle 5 (s of every endpoint, mixed, after each start)]
//     [--connections 10] [--runs 5] [--no-pin] [--no-readme]
//     [--kinds bare,customer-recommendations (only these scenarios, by kind; implies --no-readme)]
//     [--readme-section large-model (the README's <!-- bench:NAME:start --> section to write;
//      large-model-trained for a trained --large model, so both kinds keep their numbers)]
//     [--meter instructions [--requests 3000] [--warmup-requests 5000]: every server under
//      valgrind's callgrind, each endpoint's cost per request COUNTED (instructions, and cycles
//      estimated with simulated cache misses) instead of timed; --readme-section defaults to
//      large-model-instructions. See countedReport.]
import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { encodeModelFiles, loadManifest, loadVersion, publishVersion, readLatest } from '../lib/artifacts/index.js'
import { busyMachineNote, describeMachine, formatMachine } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import type { MemorySample, ParentMessage, ServerReady } from './api-server.js'
import { ask, startServer, type ServerWrapper } from './lib/api-server-process.js'
import type { Measured, ScenarioKind } from './lib/api-report.js'
import { cacheFillRequests, countScenario, entityTags, IDLE_MS, measure, scenarios, SWEEP_PAUSE_MS, type Counted, type Server } from './lib/api-scenarios.js'
import { Callgrind, callgrindArguments, callgrindAvailable, FIRST_LEVEL_CACHE, LAST_LEVEL_CACHE, VALGRIND } from './lib/callgrind.js'
import { autocannon } from './lib/autocannon.js'
import { benchModel, numberOption } from './lib/bench-options.js'
import { formatBytes, formatDate } from './lib/format.js'
import { describePinning, machinePinning, pinProcess, type PinningPlan } from './lib/cpu-pinning.js'
import { buildLargeModel } from './lib/large-model-builder.js'
import { pairRuns, spread, type PairedComparison, type RatioSpread } from './lib/paired-runs.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { median } from './lib/stats.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')
const GIB = 1024 ** 3
const TARGET_RSS = 3 * GIB
const TARGET_LOAD_MS = 15_000
const TARGET_RATIO = 0.9

interface Loaded {
  name: string
  server: Server
  ready: ServerReady
  customers: number
  products: number
  bytes: number
  /** the store's figure: read, check, index (worker) and assemble (main thread) */
  loadMs: number
  /** fork to ready: process start, tsx, the app's plugins and the first load */
  startMs: number
  memory: MemorySample
  peakRss: number
  /** the server runs under callgrind (--meter instructions) */
  callgrind?: Callgrind
}

/** The model store's "model version loaded and indexed" time for `version`, from the service's JSON log. */
async function storeLoadMs (logFile: string, version: string): Promise<number> {
  for (const line of (await readFile(logFile, 'utf8')).split('\n')) {
    if (!line.includes('model version loaded and indexed')) continue
    const entry = JSON.parse(line) as { version?: string, ms?: number }
    if (entry.version === version && typeof entry.ms === 'number') return entry.ms
  }
  return NaN
}

/** The process's peak resident set (VmHWM), in bytes; NaN off Linux. */
async function peakRss (pid: number | undefined): Promise<number> {
  if (pid === undefined) return NaN
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const match = /^VmHWM:\s+(\d+) kB/m.exec(status)
  return match ? Number(match[1]) * 1024 : NaN
}

async function versionBytes (dir: string, version: string): Promise<number> {
  const manifest = JSON.parse(await readFile(path.join(dir, version, 'manifest.json'), 'utf8')) as { files: Record<string, { bytes: number }> }
  return Object.values(manifest.files).reduce((sum, f) => sum + f.bytes, 0)
}

async function start (name: string, artifactsDir: string, logDir: string, run: number, counted: boolean): Promise<Loaded> {
  const logFile = path.join(logDir, `${name}-${run}.log`)
  const outPrefix = path.join(logDir, `callgrind-${name}-${run}`)
  const wrapper: ServerWrapper | undefined = counted ? { command: VALGRIND, args: callgrindArguments(outPrefix) } : undefined
  const started = performance.now()
  const { child, ready } = await startServer(path.resolve(artifactsDir), { logging: { level: 'info', file: logFile }, wrapper, shedding: !counted })
  const startMs = performance.now() - started
  const server: Server = { level: 'info', child, ready, url: `http://127.0.0.1:${ready.port}`, logFile }
  const memory: MemorySample = await ask(child, 'memory')
  const manifest = JSON.parse(await readFile(path.join(artifactsDir, ready.version, 'manifest.json'), 'utf8')) as { cleaning: { customers: number }, recommendations: { products: number } }
  return {
    name,
    server,
    ready,
    customers: manifest.cleaning.customers,
    products: manifest.recommendations.products,
    bytes: await versionBytes(artifactsDir, ready.version),
    loadMs: await storeLoadMs(logFile, ready.version),
    startMs,
    memory,
    peakRss: await peakRss(child.pid),
    ...(counted && child.pid !== undefined ? { callgrind: new Callgrind(child.pid, outPrefix) } : {})
  }
}

/** Asks a bench server to close and waits until its process has exited (its memory is free for the next run's). */
async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.send({ type: 'close' } satisfies ParentMessage)
  await exited
}

/** One model's load figures over the runs' processes: the medians (the version and counts are the same in every run). */
function medianLoad (runs: Loaded[]): Loaded {
  const mid = (pick: (l: Loaded) => number): number => median(runs.map(pick))
  return {
    ...runs[0],
    loadMs: mid((l) => l.loadMs),
    startMs: mid((l) => l.startMs),
    memory: { ...runs[0].memory, rss: mid((l) => l.memory.rss), heapUsed: mid((l) => l.memory.heapUsed), arrayBuffers: mid((l) => l.memory.arrayBuffers) },
    peakRss: mid((l) => l.peakRss)
  }
}

/** The large model's directory: reused when `given` has a version, else built and published there (or in a temporary one). */
async function largeModel (smallDir: string, given: string | undefined, customers: number, products: number): Promise<{ dir: string, temporary?: string, note: string }> {
  const reused = given === undefined ? null : await readLatest(given)
  if (given !== undefined && reused !== null) {
    // a version this bench grew names itself in its input (largeModel below); any other was trained
    const { input } = await loadManifest(given, reused)
    const grown = input.fileName.includes('by bench:large-model')
    return { dir: given, note: grown ? `reused from ${given}, where this bench wrote it earlier (not trained)` : `trained by the trainer (${given}, input ${input.fileName})` }
  }
  const dir = given ?? await mkdtemp(path.join(os.tmpdir(), 'bench-large-model-'))
  const smallVersion = await readLatest(smallDir)
  if (smallVersion === null) throw new Error(`no LATEST in ${smallDir}`)
  const started = performance.now()
  const base = await loadVersion(smallDir, smallVersion)
  const { input, draft } = buildLargeModel(base, { customers, products })
  const built = performance.now()
  const files = encodeModelFiles(input)
  const encoded = performance.now()
  const published = await publishVersion(dir, files, draft)
  const done = performance.now()
  const note = `written by this bench from ${smallVersion} (not trained): grown in ${((built - started) / 1000).toFixed(1)} s, encoded in ` +
    `${((encoded - built) / 1000).toFixed(1)} s, published (sha256, fsync, rename) in ${((done - encoded) / 1000).toFixed(1)} s`
  console.error(`large model ${published.version}: ${note}`)
  return { dir, ...(given ? {} : { temporary: dir }), note }
}

/** A scenario's name without its parenthesised detail (the codes or customers it was given). */
function endpointName (scenarioName: string): string {
  return scenarioName.replace(/ \(.*\)$/, '')
}

function report (small: Loaded, large: Loaded, results: PairedComparison[], context: { command: string, note: string, machine: string, busy: string | null, pinning: PinningPlan | null, options: { duration: number, warmup: number, settle: number, connections: number, runs: number } }): string {
  const loadRow = (l: Loaded): string[] => [
    l.name, l.ready.version, l.customers.toLocaleString('en-GB'), l.products.toLocaleString('en-GB'), formatBytes(l.bytes),
    `${(l.loadMs / 1000).toFixed(2)} s`, `${(l.startMs / 1000).toFixed(2)} s`, formatBytes(l.memory.rss), formatBytes(l.peakRss),
    formatBytes(l.memory.heapUsed), formatBytes(l.memory.arrayBuffers)
  ]
  const loads = markdownTable(
    ['Model', 'version', 'customers', 'products', 'files', 'load (store: worker + assemble)', 'process start → ready', 'RSS after GC', 'peak RSS', 'heap used', 'array buffers'],
    [loadRow(small), loadRow(large)])
  const ratio = (a: number, b: number): string => Number.isFinite(a / b) ? `${Math.round(100 * a / b)}%` : 'n/a'
  const us = (v: number): string => Number.isFinite(v) ? `${Math.round(v)} µs` : 'n/a'
  const within = (r: RatioSpread): string => Number.isFinite(r.median) ? `${ratio(r.median, 1)} (${ratio(r.min, 1)}–${ratio(r.max, 1)})` : 'n/a'
  const rows = results.map(({ small: s, large: l, cpu, rate }) => [
    endpointName(s.name),
    Math.round(s.reqPerSec).toLocaleString('en-US'), Math.round(l.reqPerSec).toLocaleString('en-US'), within(rate),
    us(s.cpuPerRequest), us(l.cpuPerRequest), within(cpu),
    `${s.p99} / ${l.p99} ms`, `${s.non2xx + s.errors} / ${l.non2xx + l.errors}`
  ])
  const api = markdownTable(
    ['Endpoint', 'small req/s', 'large req/s', 'large ÷ small, per run (range)', 'small CPU/req', 'large CPU/req', 'small ÷ large CPU, per run (range)', 'p99 small / large', 'non-2xx + errors small / large'],
    rows)
  const worst = (pick: (r: PairedComparison) => number): { value: number, name: string } =>
    results.map((r) => ({ value: pick(r), name: endpointName(r.small.name) })).reduce((a, b) => (b.value < a.value ? b : a))
  const byCpu = worst((r) => r.cpu.median)
  const byRate = worst((r) => r.rate.median)
  const met = (ok: boolean): string => ok ? 'met' : 'NOT met'
  return [
    `- Command: \`${context.command}\` — ${formatDate(new Date())}. The large model is ${context.note}.`,
    `- Machine: ${context.machine}. Each server is a child process (LOG_LEVEL=info, logs to a file), a new one for every model and run, alone while it is measured; ${describePinning(context.pinning)}.`,
    ...(context.busy ? [`- ${context.busy}`] : []),
    `- Load: ${context.options.connections} connections, ${context.options.duration} s per endpoint after ${context.options.warmup} s of warm-up (and ${context.options.settle} s of every endpoint, mixed, after each start), ${context.options.runs} runs, each measuring both models (which goes first alternates by run). req/s and CPU/req are each model's medians; the ratios are the medians of the per-run ratios (bench/lib/paired-runs.ts), with their range, and the targets are judged on them; the load figures are medians over the processes.`,
    '',
    loads,
    '',
    api,
    '',
    `- Targets: RSS ≤ 3 GiB → ${met(large.memory.rss <= TARGET_RSS && !(large.peakRss > TARGET_RSS))} (${formatBytes(large.memory.rss)} after GC, peak ${formatBytes(large.peakRss)}); ` +
      `load ≤ 15 s → ${met(large.loadMs <= TARGET_LOAD_MS)} (${(large.loadMs / 1000).toFixed(1)} s); ` +
      `every endpoint within 10 % of the small model → by server CPU per request ${met(byCpu.value >= TARGET_RATIO)} (worst ${ratio(1, 1 / byCpu.value)}, ${byCpu.name}), ` +
      `by req/s ${met(byRate.value >= TARGET_RATIO)} (worst ${ratio(1, 1 / byRate.value)}, ${byRate.name}).`
  ].join('\n')
}

interface CountedComparison {
  small: Counted[]
  large: Counted[]
  /** small ÷ large per request, per run: ≥ 1 when the large model's request costs no more */
  mainCycles: RatioSpread
  allCycles: RatioSpread
  mainInstructions: RatioSpread
}

function compareCounts (small: Counted[], large: Counted[]): CountedComparison {
  if (small.length !== large.length || small.length === 0) throw new Error(`counted runs do not pair: ${small.length} on the small model, ${large.length} on the large one`)
  const ratios = (pick: (c: Counted) => number): RatioSpread => spread(small.map((s, i) => pick(s) / pick(large[i])))
  return { small, large, mainCycles: ratios((c) => c.main.cycles), allCycles: ratios((c) => c.all.cycles), mainInstructions: ratios((c) => c.main.instructions) }
}

/** The range of one per-count figure over every endpoint, model and run: `min–max (median m)`. */
function idleSummary (results: CountedComparison[], pick: (c: Counted) => number, format: (v: number) => string): string {
  const values = results.flatMap((r) => [...r.small, ...r.large]).map(pick).filter(Number.isFinite)
  if (values.length === 0) return 'n/a'
  return `${format(Math.min(...values))}–${format(Math.max(...values))} (median ${format(median(values))})`
}

/**
 * --meter instructions: what callgrind counted per request, both models, every run. The timing
 * meter's verdict cannot be read on this VM (identical processes differ by more than the 10 %
 * judged); counts of the same work repeat across processes. The cycle estimate (instructions +
 * 10 an L1 miss + 100 a last-level miss, on a simulated 32 MiB last-level cache) is what the
 * target is judged on, because the 10M model's cost is its memory: instructions alone would not
 * see a lookup that misses the cache. Thread 1 is the event loop, what bounds a process's req/s;
 * all threads is the CPU a request costs, V8's helpers included.
 */
function countedReport (results: CountedComparison[], small: Loaded, large: Loaded, context: { command: string, note: string, machine: string, pinning: PinningPlan | null, options: { requests: number, warmupRequests: number, connections: number, runs: number } }): string {
  const k = (v: number): string => Number.isFinite(v) ? `${Math.round(v / 1000).toLocaleString('en-US')}k` : 'n/a'
  const ratio = (v: number): string => Number.isFinite(v) ? `${Math.round(100 * v)}%` : 'n/a'
  const within = (r: RatioSpread): string => `${ratio(r.median)} (${ratio(r.min)}–${ratio(r.max)})`
  const mid = (runs: Counted[], pick: (c: Counted) => number): number => median(runs.map(pick))
  const rows = results.map((r) => [
    endpointName(r.small[0].name),
    `${k(mid(r.small, (c) => c.main.instructions))} / ${k(mid(r.large, (c) => c.main.instructions))}`,
    within(r.mainInstructions),
    `${k(mid(r.small, (c) => c.main.cycles))} / ${k(mid(r.large, (c) => c.main.cycles))}`,
    within(r.mainCycles),
    `${k(mid(r.small, (c) => c.all.cycles))} / ${k(mid(r.large, (c) => c.all.cycles))}`,
    within(r.allCycles),
    `${r.small.reduce((n, c) => n + c.non2xx + c.errors, 0)} / ${r.large.reduce((n, c) => n + c.non2xx + c.errors, 0)}`
  ])
  const table = markdownTable(
    ['Endpoint', 'event loop instructions/req small / large', 'small ÷ large, per run (range)', 'event loop est. cycles/req small / large', 'small ÷ large, per run (range)', 'all threads est. cycles/req small / large', 'small ÷ large, per run (range)', 'non-2xx + errors small / large'],
    rows)
  const worst = (pick: (r: CountedComparison) => RatioSpread): { value: number, name: string } =>
    results.map((r) => ({ value: pick(r).median, name: endpointName(r.small[0].name) })).reduce((a, b) => (b.value < a.value ? b : a))
  const byMain = worst((r) => r.mainCycles)
  const byAll = worst((r) => r.allCycles)
  const met = (ok: boolean): string => ok ? 'met' : 'NOT met'
  const { bytes, ways, line } = LAST_LEVEL_CACHE
  const warnings = results.flatMap((r) => [...r.small.map((c, run) => ({ c, run, model: 'small' })), ...r.large.map((c, run) => ({ c, run, model: 'large' }))]
    .flatMap(({ c, run, model }) => c.warnings.map((w) => `${endpointName(c.name)}, ${model} model, run ${run + 1}: ${w}`)))
  const { options } = context
  return [
    `- Command: \`${context.command}\` — ${formatDate(new Date())}. The large model (${large.customers.toLocaleString('en-GB')} customers, ${large.products.toLocaleString('en-GB')} products, ${large.ready.version}) is ${context.note}; the small one is ${small.ready.version}.`,
    `- Machine: ${context.machine}. Each server runs under valgrind's callgrind (bench/lib/callgrind.ts: collection off while it loads, every thread counted, cache simulator with a ${formatBytes(bytes)} ${ways}-way last-level cache of ${line}-byte lines), a new process for every model and run, alone while it is counted; ${describePinning(context.pinning)}. Instruction counts do not depend on the machine's load or clock (the idle correction uses wall time); load time and RSS under valgrind mean nothing and are the timing meter's (bench:large-model without --meter).`,
    `- Each endpoint: ${options.warmupRequests} requests uncounted (V8 compiles its hot paths); then, counting, a full GC, ${SWEEP_PAUSE_MS / 1000} s for its sweeping, two idle windows of ${IDLE_MS / 1000} s (the first shows whether the server had settled, the second's rate is the idle rate), ${cacheFillRequests(options)} requests counted and dropped (the simulated caches fill with the endpoint's working set, after the GC walked the heap through them), then ${options.requests} counted, less the idle rate over their duration (the server's work by the clock — the model store's poll, the load-shedding sampler — which valgrind's ~50× slowdown would otherwise charge to requests at ~50× its share), over ${options.connections} connections; ${options.runs} run${options.runs === 1 ? '' : 's'}, each counting both models (which goes first alternates). Windows are timed from the callgrind_control calls that open and close them. Per request: instructions, and cycles estimated as instructions + 10 an L1 miss + 100 a last-level miss (kcachegrind's estimate; ${FIRST_LEVEL_CACHE.bytes / 1024} KiB ${FIRST_LEVEL_CACHE.ways}-way L1 caches). The ratios are medians of the per-run ratios, with their range; the figures each model's medians.`,
    `- Idle work taken off the event loop's count: ${idleSummary(results, (c) => c.idleShare, (v) => `${Math.round(100 * v)}%`)}; first idle window's rate ÷ second's: ${idleSummary(results, (c) => c.idleDrift, (v) => `${v.toFixed(2)}×`)}. ${warnings.length === 0 ? 'No count was flagged.' : `Flagged counts (${warnings.length}):`}`,
    ...warnings.map((w) => `  - ${w}`),
    '',
    table,
    '',
    `- Target, every endpoint within 10 % of the small model: by the event loop's estimated cycles per request (what bounds req/s) ${met(byMain.value >= TARGET_RATIO)} (worst ${ratio(byMain.value)}, ${byMain.name}); ` +
      `by every thread's (CPU per request) ${met(byAll.value >= TARGET_RATIO)} (worst ${ratio(byAll.value)}, ${byAll.name}).`
  ].join('\n')
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      artifacts: { type: 'string' },
      large: { type: 'string' },
      customers: { type: 'string', default: '10000000' },
      products: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '5' },
      warmup: { type: 'string', default: '2' },
      settle: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      runs: { type: 'string', default: '5' },
      'no-pin': { type: 'boolean', default: false },
      kinds: { type: 'string' },
      'no-readme': { type: 'boolean', default: false },
      'readme-section': { type: 'string' },
      meter: { type: 'string', default: 'time' },
      requests: { type: 'string', default: '3000' },
      'warmup-requests': { type: 'string', default: '5000' }
    }
  })
  if (values.meter !== 'time' && values.meter !== 'instructions') throw new Error(`--meter: time or instructions, not ${values.meter}`)
  const counted = values.meter === 'instructions'
  if (counted && !callgrindAvailable()) throw new Error('--meter instructions needs valgrind (Debian package valgrind)')
  const options = {
    duration: numberOption('duration', values.duration, 1),
    warmup: numberOption('warmup', values.warmup, 0),
    settle: numberOption('settle', values.settle, 0),
    connections: Math.floor(numberOption('connections', values.connections, 1)),
    runs: Math.floor(numberOption('runs', values.runs, 1)),
    requests: Math.floor(numberOption('requests', values.requests, 1)),
    warmupRequests: Math.floor(numberOption('warmup-requests', values['warmup-requests'], 0))
  }
  const customers = Math.floor(numberOption('customers', values.customers, 1))
  const products = Math.floor(numberOption('products', values.products, 1))
  const machineAtStart = describeMachine()
  const { artifactsDir: smallDir, temporary: smallTemporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'bench-large-small-')
  const large = await largeModel(smallDir, values.large, customers, products)
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'bench-large-logs-'))
  const pinning = machinePinning(!values['no-pin'])
  const only = values.kinds?.split(',').map((kind) => kind.trim())
  const loads = { small: [] as Loaded[], large: [] as Loaded[] }
  try {
    const measured = new Map<ScenarioKind, { small: Measured[], large: Measured[] }>()
    const countedRuns = new Map<ScenarioKind, { small: Counted[], large: Counted[] }>()
    const models = [{ which: 'small', dir: smallDir }, { which: 'large', dir: large.dir }] as const
    for (let run = 1; run <= options.runs; run++) {
      // A fresh server process for every model and run, alone on the machine while it is measured.
      // The same build on the same model measured 37 µs of CPU a request in one process and 50 µs
      // in the next (the bare route, which reads no model data: where V8 and the allocator
      // happened to put things), so one process per model would compare two draws of that luck,
      // not two models. And a second server on the measured server's core may still be returning
      // its load's memory: single runs with both up fell as low as 22 % on the bare route. Which
      // model goes first alternates by run, so a drift over the runs falls on both.
      for (const { which, dir } of run % 2 === 1 ? models : [models[1], models[0]]) {
        if (pinning !== null) pinProcess(process.pid, pinning.every) // the server loads on every core, as deployed
        const loaded = await start(which, dir, logDir, run, counted)
        try {
          loads[which].push(loaded)
          console.error(`run ${run}/${options.runs}: ${which} model loaded in ${loaded.loadMs} ms (RSS ${formatBytes(loaded.memory.rss)}, peak ${formatBytes(loaded.peakRss)})`)
          if (pinning !== null) {
            if (loaded.server.child.pid !== undefined) pinProcess(loaded.server.child.pid, pinning.server)
            pinProcess(process.pid, pinning.load)
          }
          const plan = scenarios(loaded.ready, await entityTags(loaded.server.url, loaded.ready.productCodes))
          // a new process's first seconds of traffic compile its hot paths: every endpoint's requests,
          // mixed, before the first measurement (whose own warm-up is that endpoint's alone)
          if (options.settle > 0) await autocannon({ url: loaded.server.url, connections: options.connections, duration: options.settle, requests: plan.flatMap((scenario) => scenario.requests) })
          if (run === 1 && only !== undefined) {
            const unknown = only.filter((kind) => !plan.some((scenario) => scenario.kind === kind))
            if (unknown.length > 0) throw new Error(`--kinds: no scenario of kind ${unknown.join(', ')} (kinds: ${plan.map((scenario) => scenario.kind).join(', ')})`)
          }
          for (const scenario of plan) {
            if (only !== undefined && !only.includes(scenario.kind)) continue
            if (loaded.callgrind !== undefined) {
              const row = countedRuns.get(scenario.kind) ?? { small: [], large: [] }
              countedRuns.set(scenario.kind, row)
              const result = await countScenario(loaded.server, loaded.callgrind, scenario, { requests: options.requests, warmup: options.warmupRequests, connections: options.connections })
              row[which].push(result)
              console.error(`run ${run}/${options.runs}, ${which} model: ${scenario.name}: event loop ${Math.round(result.main.instructions)} instructions, ${Math.round(result.main.cycles)} est. cycles a request; all threads ${Math.round(result.all.cycles)}; statuses ${JSON.stringify(result.statuses)}, ${result.errors} errors; idle work taken off: ${Math.round(100 * result.idleShare)} % of the event loop's count`)
              continue
            }
            const row = measured.get(scenario.kind) ?? { small: [], large: [] }
            measured.set(scenario.kind, row)
            const result = await measure(loaded.server, scenario, options)
            row[which].push(result)
            console.error(`run ${run}/${options.runs}, ${which} model: ${scenario.name}: ${Math.round(result.reqPerSec)} req/s, ${Math.round(result.cpuPerRequest)} µs CPU a request`)
          }
        } finally {
          await stop(loaded.server.child)
        }
      }
    }
    const command = `npm run bench:large-model${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
    const section = values['readme-section'] ?? (counted ? 'large-model-instructions' : 'large-model')
    const writeReadme = !values['no-readme'] && only === undefined
    if (counted) {
      const compared = [...countedRuns.values()].filter((row) => row.small.length === options.runs && row.large.length === options.runs)
      const markdown = countedReport(compared.map((row) => compareCounts(row.small, row.large)), loads.small[0], loads.large[0], {
        command, note: large.note, machine: formatMachine(machineAtStart), pinning, options
      })
      console.log(markdown)
      if (writeReadme) {
        await writeReadmeSection(section, markdown, path.join(PROJECT, 'README.md'))
        console.error(`README.md updated (section bench:${section})`)
      }
      return
    }
    // an endpoint one of the models does not serve (no purchases file, no ETag) is not compared
    const compared = [...measured.values()].filter((row) => row.small.length === options.runs && row.large.length === options.runs)
    const results = compared.map((row) => pairRuns(row.small, row.large))
    const markdown = report(medianLoad(loads.small), medianLoad(loads.large), results, {
      command,
      note: large.note,
      machine: formatMachine(machineAtStart),
      busy: busyMachineNote(machineAtStart),
      pinning,
      options
    })
    console.log(markdown)
    // a selection of the endpoints is an experiment, not the section's measurement
    if (writeReadme) {
      await writeReadmeSection(section, markdown, path.join(PROJECT, 'README.md'))
      console.error(`README.md updated (section bench:${section})`)
    }
  } finally {
    await rm(logDir, { recursive: true, force: true })
    if (large.temporary) await rm(large.temporary, { recursive: true, force: true })
    if (smallTemporary) await rm(smallTemporary, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error)
  process.exit(1)
})
