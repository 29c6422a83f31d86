// The readiness probe of bench:overload: GET /health/ready on a fixed schedule while the load runs,
// the way an orchestrator probes. It runs on a worker thread, so autocannon's work on the main
// thread cannot delay the probe's clock; every probe opens a new connection (Docker's HEALTHCHECK
// starts a new process each time) and is not held back by a slow predecessor. At each tick it also
// reads the server's resident memory from /proc.
import { once } from 'node:events'
import http from 'node:http'
import { isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads'
import { startWorker } from '../../lib/start-worker.js'
import { rssOf } from './proc-stats.js'

const PROBE_ROLE = 'bench-overload-readiness-probe'

export interface ProbePlan {
  /** e.g. http://127.0.0.1:41234/health/ready */
  url: string
  intervalMs: number
  /** probes in all: the schedule ends after this many, whatever happens */
  count: number
  /** a probe with no answer by then is recorded as a timeout */
  timeoutMs: number
  /** the server process, for its RSS */
  serverPid: number
}

export interface ProbeResult {
  /** when it was sent, in ms from the start of the schedule */
  atMs: number
  latencyMs: number
  /** `200`, `503 ERR_OVERLOADED` (status and the body's code), `timeout` or `error ECONNRESET` */
  outcome: string
}

export interface ProbeRun {
  probes: ProbeResult[]
  /** the largest RSS seen at the probe ticks, in bytes */
  peakRssBytes: number
}

function outcomeOf (status: number, body: string): string {
  if (status === 200) return '200'
  try {
    const code = (JSON.parse(body) as { code?: unknown }).code
    return typeof code === 'string' ? `${status} ${code}` : String(status)
  } catch {
    return String(status)
  }
}

/** One probe on a new connection. */
export function probeOnce (url: string, timeoutMs: number): Promise<Omit<ProbeResult, 'atMs'>> {
  const started = performance.now()
  const elapsed = (): number => performance.now() - started
  return new Promise((resolve) => {
    const request = http.get(url, { agent: false, timeout: timeoutMs }, (response) => {
      let body = ''
      response.setEncoding('utf8').on('data', (chunk: string) => { body += chunk })
      response.on('end', () => resolve({ latencyMs: elapsed(), outcome: outcomeOf(response.statusCode ?? 0, body) }))
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ latencyMs: elapsed(), outcome: `error ${error.code ?? error.message}` }))
    })
    request.on('timeout', () => {
      resolve({ latencyMs: elapsed(), outcome: 'timeout' })
      request.destroy()
    })
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ latencyMs: elapsed(), outcome: `error ${error.code ?? error.message}` }))
  })
}

/** `plan.count` probes, one every `plan.intervalMs` from now, each bounded by `plan.timeoutMs`. */
export async function runProbes (plan: ProbePlan): Promise<ProbeRun> {
  const start = performance.now()
  const pending: Array<Promise<ProbeResult>> = []
  let peakRssBytes = 0
  for (let i = 0; i < plan.count; i++) {
    const atMs = performance.now() - start
    pending.push(probeOnce(plan.url, plan.timeoutMs).then((result) => ({ atMs, ...result })))
    peakRssBytes = Math.max(peakRssBytes, rssOf(plan.serverPid))
    const next = start + (i + 1) * plan.intervalMs
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())))
  }
  return { probes: await Promise.all(pending), peakRssBytes }
}

type ProbeMessage = { type: 'ready' } | { type: 'done', run: ProbeRun }

/**
 * Starts the probe worker; `start()` begins the schedule (call it when the load starts) and
 * resolves with the probes once the last one has answered or timed out.
 */
export async function startProbeWorker (plan: ProbePlan): Promise<{ start: () => Promise<ProbeRun> }> {
  const worker = startWorker(import.meta.url, './readiness-probe', { workerData: { role: PROBE_ROLE, plan } })
  // once() rejects if the worker fails; 'ready' = tsx registered and this module loaded there
  await once(worker, 'message')
  return {
    start: async () => {
      const done = once(worker, 'message') as Promise<[ProbeMessage]>
      worker.postMessage('start')
      const [message] = await done
      await worker.terminate()
      if (message.type !== 'done') throw new Error('the probe worker answered out of turn')
      return message.run
    }
  }
}

function runProbeWorker (plan: ProbePlan, port: MessagePort): void {
  port.once('message', () => {
    void runProbes(plan).then((run) => port.postMessage({ type: 'done', run } satisfies ProbeMessage))
  })
  port.postMessage({ type: 'ready' } satisfies ProbeMessage)
}

if (!isMainThread && (workerData as { role?: unknown } | null)?.role === PROBE_ROLE && parentPort) {
  runProbeWorker((workerData as { plan: ProbePlan }).plan, parentPort)
}
