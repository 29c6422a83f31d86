// Runs a command and measures it from outside: wall time with process.hrtime, peak resident
// memory and CPU time with GNU time (`/usr/bin/time -f '%e %M %U %S'`), which reads the child's
// rusage from wait4.
// ru_maxrss of a waited child covers the child and the descendants it waited for, so a
// command that forks (a shell, npm) is measured as a whole. Measuring from outside keeps the
// TypeScript trainer and the Python pipeline on exactly the same footing. CPU time (user + sys)
// is reported too: on a shared, busy machine it moves much less than wall time.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

export const GNU_TIME = '/usr/bin/time'

export interface MeasureOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** forward the child's stderr to ours as it runs (progress output); stdout is always captured */
  inheritStderr?: boolean
}

export interface MeasuredRun {
  command: string
  args: string[]
  exitCode: number | null
  signal: NodeJS.Signals | null
  wallMs: number
  /** peak resident set size in bytes, from GNU time's %M (kilobytes) */
  peakRssBytes: number
  /** user + system CPU time of the child and its waited-for descendants, in milliseconds */
  cpuMs: number
  /** elapsed seconds as GNU time saw them (a cross-check of wallMs) */
  timeElapsedSeconds: number
  stdout: string
  stderr: string
}

export const TIME_FORMAT = '%e %M %U %S'

export interface TimeOutput {
  elapsedSeconds: number
  maxRssKb: number
  userSeconds: number
  systemSeconds: number
}

/** Parses the last line GNU time writes for TIME_FORMAT (earlier lines may say how the command ended). */
export function parseTimeOutput (text: string): TimeOutput {
  const lines = text.trim().split('\n')
  const last = lines[lines.length - 1] ?? ''
  const match = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last.trim())
  if (match === null) throw new Error(`unexpected output from ${GNU_TIME}: ${JSON.stringify(text)}`)
  return { elapsedSeconds: Number(match[1]), maxRssKb: Number(match[2]), userSeconds: Number(match[3]), systemSeconds: Number(match[4]) }
}

/** Runs `command args…` once under GNU time; resolves whatever the exit status (check `exitCode`). */
export async function runMeasured (command: string, args: readonly string[], options: MeasureOptions = {}): Promise<MeasuredRun> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'bench-time-'))
  const timeFile = path.join(scratch, 'time.txt')
  try {
    const started = process.hrtime.bigint()
    const child = spawn(GNU_TIME, ['-f', TIME_FORMAT, '-o', timeFile, command, ...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', options.inheritStderr === true ? 'inherit' : 'pipe']
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    const { code, signal } = await new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve, reject) => {
      child.once('error', reject)
      child.once('close', (code, signal) => resolve({ code, signal }))
    })
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6
    const timed = parseTimeOutput(await readFile(timeFile, 'utf8'))
    return {
      command,
      args: [...args],
      exitCode: code,
      signal,
      wallMs,
      peakRssBytes: timed.maxRssKb * 1024,
      cpuMs: Math.round((timed.userSeconds + timed.systemSeconds) * 1000),
      timeElapsedSeconds: timed.elapsedSeconds,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8')
    }
  } finally {
    await rm(scratch, { recursive: true, force: true })
  }
}

/** The last line of `stdout` that parses as a JSON object (programs print a JSON summary last). */
export function lastJsonLine (stdout: string): Record<string, unknown> | null {
  const lines = stdout.trim().split('\n')
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i].trim()
    if (!line.startsWith('{')) continue
    try {
      const value: unknown = JSON.parse(line)
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
    } catch {
      // not JSON: keep looking upwards
    }
  }
  return null
}
