// The benchmarked service runs in a child process (bench/api-server.ts), so the load generator in
// this process does not share its event loop; these start it and ask it for its CPU and memory.
import { fork, type ChildProcess } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ParentMessage, ServerMessage, ServerReady } from '../api-server.js'

/** the server's bare route: the app's hooks and nothing else (a static path: the router prefers it to /recommendations/:product) */
export const BARE_PATH = '/recommendations/bench-bare'

const SERVER_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'api-server.ts')

export interface ServerLogging {
  /** LOG_LEVEL of the service's own logger (services/logger.ts) */
  level: string
  /** the file its stdout (the JSON log lines) is written to */
  file: string
}

/** A program the server's node runs under, e.g. valgrind with its arguments (bench/lib/callgrind.ts). */
export interface ServerWrapper {
  command: string
  args: string[]
}

export interface ServerOptions {
  /** the service logs as deployed, its stdout to a file; without (bench:swap), it has no logger at all */
  logging?: ServerLogging
  /** node runs under this program (`wrapper.command …args node …`); the IPC channel is inherited through it */
  wrapper?: ServerWrapper
  /**
   * Load shedding as configured (true, the default) or off (false): under a program as slow as
   * valgrind the event-loop delay passes its limit (a GC pause alone), and the server would
   * answer cheap 503s instead of the requests measured.
   */
  shedding?: boolean
  /** service settings (env names, e.g. MODEL_LOADER_NICE) over bench/api-server.ts's defaults */
  settings?: Record<string, string>
}

/** The environment variable bench/api-server.ts reads to turn load shedding off (SHEDDING_OFF). */
export const SHEDDING_ENV = 'BENCH_SHEDDING'
export const SHEDDING_OFF = 'off'
/** The environment variable that carries `settings` to bench/api-server.ts, as JSON. */
export const SETTINGS_ENV = 'BENCH_SETTINGS'

/** Starts bench/api-server.ts on `artifactsDir`. */
export function startServer (artifactsDir: string, options: ServerOptions = {}): Promise<{ child: ChildProcess, ready: ServerReady }> {
  const { logging, wrapper, shedding = true, settings = {} } = options
  const stdout = logging ? openSync(logging.file, 'w') : 'inherit'
  const nodeArgs = ['--import', 'tsx', '--expose-gc']
  const child = fork(SERVER_ENTRY, logging ? [artifactsDir, logging.level] : [artifactsDir], {
    ...(wrapper ? { execPath: wrapper.command, execArgv: [...wrapper.args, process.execPath, ...nodeArgs] } : { execArgv: nodeArgs }),
    env: { ...process.env, [SETTINGS_ENV]: JSON.stringify(settings), ...(shedding ? {} : { [SHEDDING_ENV]: SHEDDING_OFF }) },
    stdio: ['ignore', stdout, 'inherit', 'ipc']
  })
  if (typeof stdout === 'number') closeSync(stdout) // the child has its own copy
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the bench server exited with status ${code} before it was ready`)))
    child.on('message', function onMessage (message: ServerMessage) {
      if (message.type !== 'ready') return
      child.off('message', onMessage)
      child.removeAllListeners('exit')
      resolve({ child, ready: message })
    })
  })
}

export function ask<T extends 'memory' | 'cpu'> (child: ChildProcess, type: T): Promise<Extract<ServerMessage, { type: T }>> {
  return new Promise((resolve) => {
    child.on('message', function onMessage (reply: ServerMessage) {
      if (reply.type !== type) return
      child.off('message', onMessage)
      resolve(reply as Extract<ServerMessage, { type: T }>)
    })
    child.send({ type } satisfies ParentMessage)
  })
}
