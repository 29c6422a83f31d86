// npm run bench:api — the service under load, in one run: a bare Fastify route on the same server
// (the ceiling), GET /recommendations/:product over a mix of real product codes, POST /segments
// with 100 real customers, and GET /products?q= over typed queries (exact, substring, typos).
// req/s and p50/p99 latency per endpoint (median of --runs), the server's CPU time per request
// (steadier than req/s on a shared machine: it does not count time the server spent waiting for a
// core), and the server's memory before and after the load. Prints a markdown table and writes it into README.md between
// <!-- bench:api:start --> and <!-- bench:api:end -->.
//
//   npm run bench:api -- [--artifacts DIR] [--duration 10] [--warmup 2] [--connections 10] [--runs 3] [--no-readme]
//
// Without --artifacts (or ARTIFACTS_DIR) it trains a model on the bundled data into a temporary
// directory first. The server runs in a child process and autocannon in this one; on a 2-core
// machine they share the cores, so absolute numbers are a floor and the ratio to the bare route
// is the figure to compare.
import type { ChildProcess } from 'node:child_process'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatBytes, formatDate } from './lib/format.js'
import { describeMachine, formatMachine } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { median } from './lib/stats.js'
import type { CpuSample, MemorySample, ParentMessage, ServerReady } from './api-server.js'
import { ask, startServer } from './lib/api-server-process.js'
import { benchModel, numberOption } from './lib/bench-options.js'
import { autocannon, type AutocannonRequest } from './lib/autocannon.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')

// queries a shopper types: whole names, words, several words in any order, typos
const SEARCH_QUERIES = [
  'heart', 'cakestnd', 'regency teacup', 'lantern', 'white hanging heart t-light holder', 'christmas', 'jumbo bag red',
  'vintage', 'lunch box', 'holdr', 'retrospot', 'paper chain kit', 'alarm clok', 'chalkboard', 'wicker heart', 'dormat',
  'bunting', 'tea towel', 'jam making set', 'cake cases', '22423', 'teapot roses', 'glass jar', 'spaceboy'
]

interface Scenario {
  name: string
  requests: AutocannonRequest[]
}

interface Measured {
  name: string
  reqPerSec: number
  /** server CPU time (user + system) per completed request, in microseconds */
  cpuPerRequest: number
  p50: number
  p99: number
  requests: number
  non2xx: number
  errors: number
}

function scenarios (ready: ServerReady): Scenario[] {
  const body = JSON.stringify({ customers: ready.customers })
  return [
    { name: 'bare route (GET /bench/bare)', requests: [{ path: '/bench/bare' }] },
    {
      name: `GET /recommendations/:product (${ready.productCodes.length} codes)`,
      requests: ready.productCodes.map((code) => ({ path: `/recommendations/${encodeURIComponent(code)}` }))
    },
    {
      name: `POST /segments (${ready.customers.length} customers)`,
      requests: [{ method: 'POST', path: '/segments', body, headers: { 'content-type': 'application/json' } }]
    },
    {
      name: `GET /products?q= (${SEARCH_QUERIES.length} queries)`,
      requests: SEARCH_QUERIES.map((q) => ({ path: `/products?q=${encodeURIComponent(q)}` }))
    }
  ]
}

async function measure (child: ChildProcess, url: string, scenario: Scenario, options: { duration: number, warmup: number, connections: number }): Promise<Measured> {
  if (options.warmup > 0) await autocannon({ url, connections: options.connections, duration: options.warmup, requests: scenario.requests })
  const cpuBefore: CpuSample = await ask(child, 'cpu')
  const result = await autocannon({ url, connections: options.connections, duration: options.duration, requests: scenario.requests })
  const cpuAfter: CpuSample = await ask(child, 'cpu')
  const cpu = cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system
  return {
    name: scenario.name,
    reqPerSec: result.requests.average,
    cpuPerRequest: result.requests.total > 0 ? cpu / result.requests.total : NaN,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts
  }
}

function medianOf (runs: Measured[]): Measured {
  return {
    name: runs[0].name,
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    cpuPerRequest: median(runs.map((r) => r.cpuPerRequest)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0)
  }
}

function report (results: Measured[], memory: { before: MemorySample, after: MemorySample }, context: {
  version: string, duration: number, warmup: number, connections: number, runs: number, command: string
}): string {
  const bare = results[0].reqPerSec
  const bareCpu = results[0].cpuPerRequest
  const table = markdownTable(
    ['Endpoint', 'req/s', 'vs bare route', 'server CPU per request', 'bare CPU / this CPU', 'p50 latency', 'p99 latency', 'requests', 'non-2xx', 'errors'],
    results.map((r) => [
      r.name,
      Math.round(r.reqPerSec).toLocaleString('en-US'),
      `${Math.round((r.reqPerSec / bare) * 100)}%`,
      `${Math.round(r.cpuPerRequest)} µs`,
      `${Math.round((bareCpu / r.cpuPerRequest) * 100)}%`,
      `${r.p50} ms`,
      `${r.p99} ms`,
      r.requests.toLocaleString('en-US'),
      String(r.non2xx),
      String(r.errors)
    ])
  )
  const memoryRow = (label: string, m: MemorySample): string[] =>
    [label, formatBytes(m.rss), formatBytes(m.heapUsed), formatBytes(m.heapTotal), formatBytes(m.arrayBuffers)]
  const memoryTable = markdownTable(
    ['Server memory (after a full GC)', 'RSS', 'heap used', 'heap total', 'array buffers (typed arrays)'],
    [memoryRow('before the load (model loaded)', memory.before), memoryRow('after the load', memory.after)]
  )
  const recommendations = results[1]
  const verdict = 'Target for GET /recommendations/:product: ≥ 80% of the bare route\'s req/s with p99 ≤ 5 ms → ' +
    `${Math.round((recommendations.reqPerSec / bare) * 100)}% and ${recommendations.p99} ms ` +
    `(by server CPU per request: ${Math.round((bareCpu / recommendations.cpuPerRequest) * 100)}% of the bare route's throughput).`
  return [
    `\`${context.command}\` — ${formatDate(new Date())}, model ${context.version}; ${context.connections} connections, ` +
      `${context.duration} s per endpoint after ${context.warmup} s of warm-up, median of ${context.runs} run${context.runs === 1 ? '' : 's'} ` +
      '(requests, non-2xx and errors summed over the runs).',
    `Machine: ${formatMachine(describeMachine())}. Server and load generator share the machine.`,
    '',
    table,
    '',
    verdict,
    '',
    memoryTable
  ].join('\n')
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: {
      artifacts: { type: 'string' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      runs: { type: 'string', default: '3' },
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

  const { artifactsDir, temporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'bench-api-')

  const { child, ready } = await startServer(path.resolve(artifactsDir))
  try {
    const url = `http://127.0.0.1:${ready.port}`
    const list = scenarios(ready)
    const before: MemorySample = await ask(child, 'memory')
    const runs: Measured[][] = list.map(() => [])
    for (let run = 1; run <= options.runs; run++) {
      for (const [i, scenario] of list.entries()) {
        console.error(`run ${run}/${options.runs}: ${scenario.name} …`)
        runs[i].push(await measure(child, url, scenario, options))
      }
    }
    const after: MemorySample = await ask(child, 'memory')
    const command = `npm run bench:api${process.argv.length > 2 ? ' -- ' + process.argv.slice(2).join(' ') : ''}`
    const markdown = report(runs.map(medianOf), { before, after }, { ...options, version: ready.version, command })
    console.log(markdown)
    if (!values['no-readme']) {
      await writeReadmeSection('api', markdown, path.join(PROJECT, 'README.md'))
      console.error('README.md updated (section bench:api)')
    }
  } finally {
    child.send({ type: 'close' } satisfies ParentMessage)
    if (temporary) await rm(temporary, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
