// npm run bench:version-flood: the attack of issue 8, finding 1, replayed against the real server
// process: a flood of well-formed but unknown `?version=` names (no token needed). Before the fix
// each name was remembered forever and logged at error level (RSS 208 → 410 MB and rising, 198 MB
// of log in 60 s). Measured here: the server's RSS over time, the bytes it logs, and the answers.
//
//   npm run bench:version-flood -- [--artifacts DIR] [--seconds 60] [--connections 10] [--log-level warn]
import { spawn } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import { autocannon } from './lib/autocannon.js'
import { benchModel, numberOption } from './lib/bench-options.js'
import { describeMachine, formatMachine } from '../lib/machine.js'
import { writeReadmeSection } from './lib/readme-section.js'

const PROJECT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const SAMPLE_EVERY_MS = 5000

const { values } = parseArgs({
  options: {
    artifacts: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '10' },
    'log-level': { type: 'string', default: 'warn' },
    'no-readme': { type: 'boolean', default: false }
  }
})
const seconds = numberOption('seconds', values.seconds, 5)
const connections = numberOption('connections', values.connections, 1)
const logLevel = values['log-level']

async function rssMiB (pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN)
  return kb / 1024
}

/** A well-formed version name nobody published: a fresh one per request. */
function unknownVersion (i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0')
  return `2000010${1 + (i % 9)}T0000${day}Z-${((i * 2654435761) >>> 0).toString(16).padStart(8, '0').slice(0, 6)}`
}

async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function waitUntilReady (base: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const status = await fetch(`${base}/health/ready`).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the server at ${base} was not ready within 30 s`)
}

const port = await freePort()
const { artifactsDir, temporary } = await benchModel(values.artifacts ?? process.env.ARTIFACTS_DIR, 'shopper-version-flood-')
const server = spawn(process.execPath, ['--import', 'tsx', 'services/server.ts'], {
  cwd: PROJECT,
  env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: String(port), ARTIFACTS_DIR: artifactsDir, TRAIN_ON_START: 'false', LOG_LEVEL: logLevel },
  stdio: ['ignore', 'pipe', 'inherit']
})
let logBytes = 0
let logLines = 0
let errorLines = 0
let buffered = ''
server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
  logBytes += Buffer.byteLength(chunk)
  buffered += chunk
  const lines = buffered.split('\n')
  buffered = lines.pop() ?? ''
  logLines += lines.length
  errorLines += lines.filter((line) => /"level":(50|60)/.test(line)).length
})
server.once('exit', (code) => { if (code !== null && code !== 0) console.error(`server exited with status ${code}`) })

const base = `http://127.0.0.1:${port}`
await waitUntilReady(base)
const before = await (await fetch(`${base}/models/active`)).json() as { lastFailure: unknown }
const logBefore = { bytes: logBytes, lines: logLines }

const samples: Array<{ at: number, rss: number }> = [{ at: 0, rss: await rssMiB(server.pid!) }]
const started = Date.now()
const sampler = setInterval(() => {
  void rssMiB(server.pid!).then((rss) => samples.push({ at: Math.round((Date.now() - started) / 1000), rss }))
}, SAMPLE_EVERY_MS)
let counter = 0
const result = await autocannon({
  url: base,
  connections,
  duration: seconds,
  requests: [{
    path: '/segments',
    setupRequest: (request: { path: string }) => ({ ...request, path: `/segments?version=${unknownVersion(counter++)}` })
  }]
} as unknown as Parameters<typeof autocannon>[0])
clearInterval(sampler)
samples.push({ at: Math.round((Date.now() - started) / 1000), rss: await rssMiB(server.pid!) })
const after = await (await fetch(`${base}/models/active`)).json() as { lastFailure: unknown }
server.kill('SIGTERM')
if (temporary) await rm(temporary, { recursive: true, force: true })

const rssValues = samples.map((s) => s.rss)
const byStatus = (result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}
const notFound = byStatus['404']?.count ?? 0
const lines = [
  `- Command: \`npm run bench:version-flood -- --seconds ${seconds} --connections ${connections} --log-level ${logLevel}\` — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
  `- Machine: ${formatMachine(describeMachine())}. Server (\`services/server.ts\`, real pino logger at \`LOG_LEVEL=${logLevel}\`) and autocannon share it.`,
  `- Load: ${connections} connections for ${seconds} s, each request \`GET /segments?version=<a new well-formed unknown name>\`.`,
  '',
  '| requests | req/s | 404 answers | other answers | server RSS at start | max | at end | log written during the flood | error lines | lastFailure changed |',
  '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  `| ${result.requests.total.toLocaleString('en-US')} | ${Math.round(result.requests.average).toLocaleString('en-US')} | ${notFound.toLocaleString('en-US')} | ${(result.requests.total - notFound).toLocaleString('en-US')} (errors ${result.errors}, timeouts ${result.timeouts}) | ${rssValues[0].toFixed(0)} MiB | ${Math.max(...rssValues).toFixed(0)} MiB | ${rssValues.at(-1)!.toFixed(0)} MiB | ${((logBytes - logBefore.bytes) / 1024).toFixed(1)} KiB (${logLines - logBefore.lines} lines) | ${errorLines} | ${JSON.stringify(before.lastFailure) === JSON.stringify(after.lastFailure) ? 'no' : 'yes'} |`,
  '',
  `RSS every ${SAMPLE_EVERY_MS / 1000} s (MiB): ${samples.map((s) => `${s.at} s: ${s.rss.toFixed(0)}`).join(', ')}.`
]
const markdown = lines.join('\n')
console.log(markdown)
if (!values['no-readme']) await writeReadmeSection('version-flood', markdown, path.join(PROJECT, 'README.md'))
