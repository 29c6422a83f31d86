// npm run bench:api — the service under load, in one run: a bare Fastify route on the same server
// (the ceiling), GET /recommendations/:product over a mix of real product codes (plain, compressed
// as browsers and fetch() ask for it, and revalidated with If-None-Match), POST /segments with 100
// real customers, and GET /products?q= over typed queries (exact, substring, typos). req/s and
// p50/p99 latency per endpoint (median of --runs), the server's CPU time per request (steadier
// than req/s on a shared machine: it does not count time the server spent waiting for a core),
// the bytes of log per request, and the server's memory before and after the load. GET
// /customers/:id/recommendations runs over a spread of real customers (the same number from each
// decile by distinct products bought, and the heaviest buyers), as served (answers cached per
// customer and limit) and recomputed on every request (an `exclude` that matches nothing). Prints a
// markdown table and writes it into README.md between <!-- bench:api:start --> and
// <!-- bench:api:end -->.
//
//   npm run bench:api -- [--artifacts DIR] [--duration 10] [--warmup 2] [--connections 10] [--runs 3] [--levels info,warn] [--no-readme]
//
// The service logs as deployed: one server process per --levels entry (the first is the default
// LOG_LEVEL, where every endpoint is measured; the others measure the bare route and
// recommendations again, to show what logging costs), each with the pino logger of
// services/logger.ts writing to a regular file, as a container runtime writes a container's
// stdout for a log shipper to read. Not /dev/null (writes would be nearly free) and not a
// terminal (slower than production). The files are removed at the end.
//
// Without --artifacts (or ARTIFACTS_DIR) it trains a model on the bundled data into a temporary
// directory first. The servers run in child processes and autocannon in this one; on a 2-core
// machine they share the cores, so absolute numbers are a floor and the ratio to the bare route
// is the figure to compare.
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatDate } from './lib/format.js'
import { describeMachine, formatMachine } from '../lib/machine.js'
import { writeReadmeSection } from './lib/readme-section.js'
import type { CpuSample, MemorySample, ParentMessage, ServerReady } from './api-server.js'
import { ask, startServer } from './lib/api-server-process.js'
import { benchModel, numberOption } from './lib/bench-options.js'
import { autocannon, type AutocannonRequest } from './lib/autocannon.js'
import { medianOf, renderApiReport, type Measured, type ScenarioKind } from './lib/api-report.js'
import { ConfigSchema } from '../services/plugins/external/env.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')

// queries a shopper types: whole names, words, several words in any order, typos
const SEARCH_QUERIES = [
  'heart', 'cakestnd', 'regency teacup', 'lantern', 'white hanging heart t-light holder', 'christmas', 'jumbo bag red',
  'vintage', 'lunch box', 'holdr', 'retrospot', 'paper chain kit', 'alarm clok', 'chalkboard', 'wicker heart', 'dormat',
  'bunting', 'tea towel', 'jam making set', 'cake cases', '22423', 'teapot roses', 'glass jar', 'spaceboy'
]

/** what a browser sends (and undici's fetch() sends gzip, deflate) */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd'

interface Scenario {
  name: string
  kind: ScenarioKind
  /** measured at every log level (the others only at the default one) */
  everyLevel: boolean
  requests: AutocannonRequest[]
}

interface Server {
  level: string
  child: ChildProcess
  ready: ServerReady
  url: string
  logFile: string
}

const recommendationPath = (code: string): string => `/recommendations/${encodeURIComponent(code)}`
const customerPath = (id: string): string => `/customers/${encodeURIComponent(id)}/recommendations`

/** The ETag each product's recommendations answer carries now (for the revalidation scenario). */
async function entityTags (url: string, codes: string[]): Promise<Map<string, string>> {
  const tags = new Map<string, string>()
  for (const code of codes) {
    const response = await fetch(url + recommendationPath(code))
    await response.arrayBuffer()
    const etag = response.headers.get('etag')
    if (etag !== null) tags.set(code, etag)
  }
  return tags
}

function scenarios (ready: ServerReady, etags: Map<string, string>): Scenario[] {
  const body = JSON.stringify({ customers: ready.customers })
  const codes = ready.productCodes
  const all: Scenario[] = [
    { name: 'bare route (GET /bench/bare)', kind: 'bare', everyLevel: true, requests: [{ path: '/bench/bare' }] },
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

async function measure (server: Server, scenario: Scenario, options: { duration: number, warmup: number, connections: number }): Promise<Measured> {
  const { url, child } = server
  if (options.warmup > 0) await autocannon({ url, connections: options.connections, duration: options.warmup, requests: scenario.requests })
  const cpuBefore: CpuSample = await ask(child, 'cpu')
  const logBefore = (await stat(server.logFile)).size
  const result = await autocannon({ url, connections: options.connections, duration: options.duration, requests: scenario.requests })
  const cpuAfter: CpuSample = await ask(child, 'cpu')
  const logAfter = (await stat(server.logFile)).size
  const cpu = cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system
  const total = result.requests.total
  const notModified = result.statusCodeStats['304']?.count ?? 0
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
    non2xx: result.non2xx - notModified,
    errors: result.errors + result.timeouts
  }
}

async function main (): Promise<void> {
  const defaultLevel = String((ConfigSchema.properties.LOG_LEVEL as { default?: unknown }).default)
  const { values } = parseArgs({
    options: {
      artifacts: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      runs: { type: 'string', default: '3' },
      levels: { type: 'string', default: `${defaultLevel},warn` },
      'no-readme': { type: 'boolean', default: false }
    }
  })
  const number = numberOption
  const options = {
    duration: number('duration', values.duration, 1),
    warmup: number('warmup', values.warmup, 0),
    connections: Math.floor(number('connections', values.connections, 1)),
    runs: Math.floor(number('runs', values.runs, 1))
  }
  const levels = [...new Set(values.levels.split(',').map((level) => level.trim()).filter(Boolean))]
  if (levels.length === 0) throw new RangeError('--levels must name at least one LOG_LEVEL')
  const machine = formatMachine(describeMachine())

  const { artifactsDir, temporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'bench-api-')
  const logDir = await mkdtemp(path.join(os.tmpdir(), 'bench-api-logs-'))
  const servers: Server[] = []
  try {
    for (const level of levels) {
      const logFile = path.join(logDir, `service-${level}.log`)
      const { child, ready } = await startServer(path.resolve(artifactsDir), { level, file: logFile })
      servers.push({ level, child, ready, url: `http://127.0.0.1:${ready.port}`, logFile })
    }
    const [main] = servers
    const etags = await entityTags(main.url, main.ready.productCodes)
    const list = scenarios(main.ready, etags)
    const before: MemorySample = await ask(main.child, 'memory')
    const plan = servers.flatMap((server, i) => list.filter((scenario) => i === 0 || scenario.everyLevel).map((scenario) => ({ server, scenario })))
    const runs: Measured[][] = plan.map(() => [])
    for (let run = 1; run <= options.runs; run++) {
      for (const [i, { server, scenario }] of plan.entries()) {
        console.error(`run ${run}/${options.runs}: ${scenario.name} at LOG_LEVEL=${server.level} …`)
        runs[i].push(await measure(server, scenario, options))
      }
    }
    const after: MemorySample = await ask(main.child, 'memory')
    const command = `npm run bench:api${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
    const markdown = renderApiReport(runs.map(medianOf), { before, after }, {
      ...options,
      command,
      date: formatDate(new Date()),
      version: main.ready.version,
      machine,
      loadAtEnd: os.loadavg()[0],
      cores: os.cpus().length,
      levels
    })
    console.log(markdown)
    if (!values['no-readme']) {
      await writeReadmeSection('api', markdown, path.join(PROJECT, 'README.md'))
      console.error('README.md updated (section bench:api)')
    }
  } finally {
    for (const { child } of servers) child.send({ type: 'close' } satisfies ParentMessage)
    await rm(logDir, { recursive: true, force: true })
    if (temporary) await rm(temporary, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
