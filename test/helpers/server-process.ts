// Runs services/server.ts as a real process (through tsx), for the few tests about the process
// itself: start-up, configuration errors, signals. Everything else uses build() and inject().
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import type { Test } from 'tap'
import { PROJECT_ROOT } from '../../lib/project-root.js'

export interface LogLine { level: number, msg: string, [key: string]: unknown }

export interface ServerProcess {
  child: ChildProcess
  /** JSON log lines seen so far on stdout */
  logs: LogLine[]
  stderr: () => string
  /** resolves when the process exits */
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
  /** resolves with the first log line matching, or rejects when the process exits first */
  waitForLog: (match: (line: LogLine) => boolean, what: string) => Promise<LogLine>
}

export function spawnServer (t: Test, env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/server.ts'], {
    cwd: PROJECT_ROOT,
    // only what the service needs: settings from the developer's shell must not leak in
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const logs: LogLine[] = []
  const waiters: Array<{ match: (line: LogLine) => boolean, resolve: (line: LogLine) => void }> = []
  let stderr = ''
  let buffered = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk
    const lines = buffered.split('\n')
    buffered = lines.pop() ?? ''
    for (const text of lines) {
      if (!text.trim()) continue
      const line = JSON.parse(text) as LogLine
      logs.push(line)
      for (const waiter of [...waiters]) {
        if (waiter.match(line)) {
          waiters.splice(waiters.indexOf(waiter), 1)
          waiter.resolve(line)
        }
      }
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }))
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await exited
    }
  })

  function waitForLog (match: (line: LogLine) => boolean, what: string): Promise<LogLine> {
    const seen = logs.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      waiters.push({ match, resolve })
      void exited.then(({ code, signal }) => reject(new Error(`server exited (code ${code}, signal ${signal}) before logging ${what}; stderr: ${stderr}`)))
    })
  }

  return { child, logs, stderr: () => stderr, exited, waitForLog }
}

/** Waits for "Server listening at http://…" and returns that base URL. */
export async function listeningUrl (server: ServerProcess): Promise<string> {
  const line = await server.waitForLog((l) => l.msg.startsWith('Server listening at '), 'that it listens')
  return line.msg.slice('Server listening at '.length)
}
