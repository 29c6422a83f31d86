// The real service for bench:overload: services/server.ts as its own process, exactly as it runs in
// production (its pino logger at the configured level, default info, writing JSON lines to
// stdout, here a file), with settings passed as environment variables. Unlike bench/api-server.ts it
// has no IPC channel and no extra route: what is measured is the process a deployment runs.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { openSync, closeSync } from 'node:fs'
import net from 'node:net'
import { PROJECT_ROOT } from '../../lib/project-root.js'

const READY_TIMEOUT_MS = 60_000
const READY_POLL_MS = 100
/** server.ts gives in-flight requests 10 s after SIGTERM; then it is killed */
const STOP_TIMEOUT_MS = 15_000

export interface ServiceProcess {
  child: ChildProcess
  pid: number
  /** http://127.0.0.1:PORT */
  url: string
  stop: () => Promise<void>
}

/** A TCP port free on 127.0.0.1 right now (the service is then told to listen on it). */
export async function freePort (): Promise<number> {
  const server = net.createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const address = server.address()
  server.close()
  await once(server, 'close')
  if (!address || typeof address === 'string') throw new Error('no TCP address')
  return address.port
}

async function waitUntilReady (url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with status ${child.exitCode} before it was ready: ${stderr().trim()}`)
    const status = await fetch(`${url}/health/ready`).then((r) => r.status, () => 0)
    if (status === 200) return
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS))
  }
  throw new Error(`the service was not ready after ${READY_TIMEOUT_MS / 1000} s: ${stderr().trim()}`)
}

/** Starts the service on 127.0.0.1 with `settings` (and TRAIN_ON_START=false) and waits for /health/ready. */
export async function startService (options: { artifactsDir: string, settings: Record<string, string>, logFile: string }): Promise<ServiceProcess> {
  const port = await freePort()
  const log = openSync(options.logFile, 'w')
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/server.ts'], {
    cwd: PROJECT_ROOT,
    // only what the service needs: settings from the developer's shell must not leak in
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      ARTIFACTS_DIR: options.artifactsDir,
      TRAIN_ON_START: 'false',
      ...options.settings
    },
    stdio: ['ignore', log, 'pipe']
  })
  closeSync(log) // the child has its own copy
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const exited = once(child, 'exit')
  const url = `http://127.0.0.1:${port}`

  async function stop (): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  try {
    await waitUntilReady(url, child, () => stderr)
  } catch (error) {
    await stop()
    throw error
  }
  if (child.pid === undefined) throw new Error('the service has no process id')
  return { child, pid: child.pid, url, stop }
}
