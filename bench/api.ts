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
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { formatDate } from './lib/format.js'
import { describeMachine, formatMachine } from '../lib/machine.js'
import { writeReadmeSection } from './lib/readme-section.js'
import type { MemorySample, ParentMessage } from './api-server.js'
import { ask, startServer } from './lib/api-server-process.js'
import { benchModel, numberOption } from './lib/bench-options.js'
import { medianOf, renderApiReport, type Measured } from './lib/api-report.js'
import { entityTags, measure, scenarios, type Server } from './lib/api-scenarios.js'
import { ConfigSchema } from '../services/plugins/external/env.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const PROJECT = path.resolve(HERE, '..')

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
      const { child, ready } = await startServer(path.resolve(artifactsDir), { logging: { level, file: logFile } })
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
