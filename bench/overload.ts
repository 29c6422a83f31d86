// npm run bench:overload — the overload of issue 8, with load shedding off and on, in one run:
// N connections each posting the 10,000-customer POST /segments batch for --duration seconds
// (autocannon) after --warmup seconds at 2 connections (compiles the batch path), while a worker thread probes GET /health/ready every --probe-interval ms. BEFORE =
// the shedding limits at 0 (off); AFTER = the service's defaults (or --set NAME=VALUE). Each phase
// runs the real service process (services/server.ts, its logger at the default level) on
// 127.0.0.1. Prints a markdown table and writes it into README.md between
// <!-- bench:overload:start --> and <!-- bench:overload:end -->.
//
//   npm run bench:overload -- [--artifacts DIR] [--duration 20] [--warmup 2] [--connections 50] [--customers 10000]
//                             [--probe-interval 500] [--runs 3] [--set NAME=VALUE …] [--no-readme] [--from FILE]
//
// Without --artifacts (or ARTIFACTS_DIR) it trains a model on the bundled data first. Raw results
// go to bench/out/overload-<UTC time>.json; --from FILE renders the section again from one.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { listVersions, readLatest, versionDir, type Customers } from '../lib/artifacts/index.js'
import { loadConfig } from '../services/plugins/external/env.js'
import { autocannon, statusCounts } from './lib/autocannon.js'
import { benchModel, numberOption, serviceSettings } from './lib/bench-options.js'
import { customerBatch } from './lib/customer-batch.js'
import { describeMachine } from '../lib/machine.js'
import { latencySummary, overloadReport, type OverloadRecord, type Phase, type PhaseRun } from './lib/overload-report.js'
import { cpuSecondsOf, rssOf } from './lib/proc-stats.js'
import { startProbeWorker } from './lib/readiness-probe.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { loadResults, saveResults } from './lib/results-file.js'
import { alternate } from './lib/schedule.js'
import { startService } from './lib/service-process.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')
const SHEDDING_SETTINGS = ['MAX_EVENT_LOOP_DELAY_MS', 'MAX_HEAP_USED_RATIO', 'MAX_CONCURRENT_BATCHES', 'RETRY_AFTER_SECONDS'] as const
const SHEDDING_OFF = { MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_RATIO: '0', MAX_CONCURRENT_BATCHES: '0' }
/** twice Docker's HEALTHCHECK timeout: long enough to see how late a late probe is */
const PROBE_TIMEOUT_MS = 10_000

/** the warm-up's connections: enough to compile the batch path, too few to overload anything */
const WARMUP_CONNECTIONS = 2

interface LoadOptions { connections: number, durationS: number, warmupS: number, probeIntervalMs: number }

/** The load-shedding settings `env` gives the service, as it reads them (defaults filled in). */
function effectiveSettings (env: Record<string, string>): Record<string, number> {
  const config = loadConfig(env)
  return Object.fromEntries(SHEDDING_SETTINGS.map((name) => [name, config[name]]))
}

async function servingVersion (artifactsDir: string): Promise<string> {
  const version = await readLatest(artifactsDir) ?? (await listVersions(artifactsDir)).at(-1)
  if (!version) throw new Error(`no model version in ${artifactsDir}`)
  return version
}

async function measurePhase (options: LoadOptions & { artifactsDir: string, settings: Record<string, string>, body: string, logFile: string }): Promise<PhaseRun> {
  const service = await startService({ artifactsDir: options.artifactsDir, settings: options.settings, logFile: options.logFile })
  try {
    const idleRssBytes = rssOf(service.pid)
    const requests = [{ method: 'POST', path: '/segments', body: options.body, headers: { 'content-type': 'application/json' } }]
    if (options.warmupS > 0) await autocannon({ url: service.url, connections: WARMUP_CONNECTIONS, duration: options.warmupS, requests })
    const probe = await startProbeWorker({
      url: `${service.url}/health/ready`,
      intervalMs: options.probeIntervalMs,
      count: Math.floor((options.durationS * 1000) / options.probeIntervalMs),
      timeoutMs: PROBE_TIMEOUT_MS,
      serverPid: service.pid
    })
    const okMs: number[] = []
    const shedMs: number[] = []
    const load = autocannon({
      url: service.url,
      connections: options.connections,
      duration: options.durationS,
      requests
    }).on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) okMs.push(ms)
      else if (status === 503) shedMs.push(ms)
    })
    const cpuBefore = cpuSecondsOf(service.pid)
    const [result, probes] = await Promise.all([load, probe.start()])
    const serverCpuS = cpuSecondsOf(service.pid) - cpuBefore
    return {
      statuses: statusCounts(result),
      durationS: options.durationS,
      errors: result.errors + result.timeouts,
      okLatency: latencySummary(okMs),
      shedLatency: latencySummary(shedMs),
      probes: probes.probes,
      idleRssBytes,
      peakRssBytes: probes.peakRssBytes,
      serverCpuS
    }
  } finally {
    await service.stop()
  }
}

async function publish (record: OverloadRecord, writeReadme: boolean): Promise<void> {
  const markdown = overloadReport(record)
  console.log(markdown)
  if (writeReadme) {
    await writeReadmeSection('overload', markdown, path.join(PROJECT, 'README.md'))
    console.error('README.md updated (section bench:overload)')
  }
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      artifacts: { type: 'string' },
      duration: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      customers: { type: 'string', default: '10000' },
      'probe-interval': { type: 'string', default: '500' },
      runs: { type: 'string', default: '3' },
      set: { type: 'string', multiple: true, default: [] },
      'no-readme': { type: 'boolean', default: false },
      from: { type: 'string' }
    }
  })
  if (values.from) return publish(await loadResults<OverloadRecord>(values.from), !values['no-readme'])

  const load: LoadOptions = {
    connections: Math.floor(numberOption('connections', values.connections, 1)),
    durationS: numberOption('duration', values.duration, 1),
    warmupS: numberOption('warmup', values.warmup, 0),
    probeIntervalMs: numberOption('probe-interval', values['probe-interval'], 50)
  }
  const runs = Math.floor(numberOption('runs', values.runs, 1))
  const customers = Math.floor(numberOption('customers', values.customers, 1))
  const afterSettings = serviceSettings(values.set, SHEDDING_SETTINGS)
  const startedAt = new Date().toISOString()
  const machine = describeMachine()

  const { artifactsDir, temporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'bench-overload-')
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'bench-overload-logs-'))
  try {
    const version = await servingVersion(path.resolve(artifactsDir))
    const known = (JSON.parse(await readFile(path.join(versionDir(path.resolve(artifactsDir), version), 'customers.json'), 'utf8')) as Customers).customers
    const body = JSON.stringify({ customers: customerBatch(known, customers) })

    const before: Phase = { label: 'load shedding off', settings: effectiveSettings(SHEDDING_OFF), runs: [] }
    const after: Phase = { label: Object.keys(afterSettings).length > 0 ? 'load shedding on (--set)' : 'load shedding on (defaults)', settings: effectiveSettings(afterSettings), runs: [] }
    const order = alternate('before', runs, 'after', runs)
    for (const [i, which] of order.entries()) {
      const phase = which === 'before' ? before : after
      console.error(`run ${i + 1}/${order.length}: ${which} (${phase.label}), ${load.durationS} s …`)
      phase.runs.push(await measurePhase({
        ...load,
        artifactsDir: path.resolve(artifactsDir),
        settings: which === 'before' ? SHEDDING_OFF : afterSettings,
        body,
        logFile: path.join(logDir, `${i + 1}-${which}.log`)
      }))
    }

    const command = `npm run bench:overload${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
    const record: OverloadRecord = {
      startedAt,
      command,
      machine,
      version,
      customers,
      bodyBytes: Buffer.byteLength(body),
      connections: load.connections,
      durationS: load.durationS,
      warmupS: load.warmupS,
      probeIntervalMs: load.probeIntervalMs,
      probeTimeoutMs: PROBE_TIMEOUT_MS,
      before,
      after
    }
    await saveResults('overload', startedAt, record)
    await publish(record, !values['no-readme'])
  } finally {
    await rm(logDir, { recursive: true, force: true })
    if (temporary) await rm(temporary, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
