// A server's cost per request counted, not timed: the process runs under valgrind's callgrind,
// which counts every instruction every thread executes (V8's generated code included) and, with
// its cache simulator, the L1 and last-level misses those instructions would take on a fixed
// cache. Counts do not depend on what else the machine runs or on its clock, which timings on
// this 2-core VM do: two processes of the same build on the same model measured 37 and 50 µs of
// CPU a request (bench/large-model.ts). What is left to vary is the program's own work — a major
// GC falling inside one window and not another, how many requests one turn of the event loop
// finds waiting — which the measuring side keeps alike: a full GC before every window, one
// server at a time on its own core.
//
// Collection is off from the start (--instr-atstart=no: the model loads at valgrind's plain
// speed) and switched with callgrind_control, which talks to the running process; each dump
// writes one file per thread (--separate-threads=yes), so the main thread — the event loop, what
// bounds one process's requests a second — is reported apart from V8's helper threads
// (concurrent marking, sweeping, compilation).
import { execFileSync, spawnSync } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'

export const VALGRIND = 'valgrind'
const CONTROL = 'callgrind_control'

/** The simulated last-level cache: 32 MiB, 16-way, 64-byte lines (a server core's share; valgrind models two levels). */
export const LAST_LEVEL_CACHE = { bytes: 32 * 1024 * 1024, ways: 16, line: 64 }
/**
 * The simulated first-level caches, instruction and data alike: 32 KiB, 8-way, 64-byte lines. Stated,
 * because valgrind otherwise reads them from the CPU it runs on, and two machines would count
 * different misses for the same work.
 */
export const FIRST_LEVEL_CACHE = { bytes: 32 * 1024, ways: 8, line: 64 }

/** Whether valgrind (with callgrind_control) can run here. */
export function callgrindAvailable (): boolean {
  return spawnSync(VALGRIND, ['--version'], { stdio: 'ignore' }).status === 0 &&
    spawnSync(CONTROL, ['--help'], { stdio: 'ignore' }).status === 0
}

/**
 * valgrind's arguments before the program (`node …`): collection off until switched on, one file
 * per thread and dump, the cache simulator on the fixed last-level cache, and the self-modifying
 * code check V8's generated code needs (amd64's default already; stated so it holds elsewhere).
 */
export function callgrindArguments (outPrefix: string): string[] {
  const cache = ({ bytes, ways, line }: { bytes: number, ways: number, line: number }): string => `${bytes},${ways},${line}`
  return [
    '--tool=callgrind',
    '--instr-atstart=no',
    '--separate-threads=yes',
    '--smc-check=all-non-file',
    '--cache-sim=yes',
    `--I1=${cache(FIRST_LEVEL_CACHE)}`,
    `--D1=${cache(FIRST_LEVEL_CACHE)}`,
    `--LL=${cache(LAST_LEVEL_CACHE)}`,
    `--callgrind-out-file=${outPrefix}.%p`
  ]
}

/** One thread's totals from one dump: event name (Ir, D1mr, DLmw, …) → count. */
export type EventCounts = Record<string, number>

/** The `events:` and `totals:` lines of a callgrind output file (`summary:` when totals is absent). */
export function parseTotals (text: string): EventCounts {
  const events = /^events:\s*(.+)$/m.exec(text)?.[1].trim().split(/\s+/)
  const totals = (/^totals:\s*(.+)$/m.exec(text) ?? /^summary:\s*(.+)$/m.exec(text))?.[1].trim().split(/\s+/).map(Number)
  if (events === undefined || totals === undefined) throw new Error('not a callgrind output file (no events: or totals: line)')
  if (totals.length > events.length || totals.some((n) => !Number.isSafeInteger(n) || n < 0)) throw new Error(`callgrind totals do not match the events (${events.join(' ')})`)
  // a trailing event with no count is zero (callgrind leaves zeros off the end of a cost line)
  return Object.fromEntries(events.map((event, i) => [event, totals[i] ?? 0]))
}

/**
 * kcachegrind's cycle estimate: an instruction a cycle, an L1 miss 10 more, a last-level miss
 * 100 more. Crude, but it weighs a model that misses the cache where instructions alone do not.
 */
export function cycleEstimate (counts: EventCounts): number {
  const c = (event: string): number => counts[event] ?? 0
  return c('Ir') + 10 * (c('I1mr') + c('D1mr') + c('D1mw')) + 100 * (c('ILmr') + c('DLmr') + c('DLmw'))
}

/** Per-thread counts of one dump, thread 1 (the main thread) first. */
export interface Dump {
  threads: Array<{ thread: number, counts: EventCounts }>
}

/** Sum of every thread's counts. */
export function allThreads (dump: Dump): EventCounts {
  const sum: EventCounts = {}
  for (const { counts } of dump.threads) for (const [event, n] of Object.entries(counts)) sum[event] = (sum[event] ?? 0) + n
  return sum
}

export function mainThread (dump: Dump): EventCounts {
  const main = dump.threads.find((t) => t.thread === 1)
  if (main === undefined) throw new Error('the dump has no thread 1')
  return main.counts
}

/**
 * `window` (counted over `windowMs`) less what the process does idle at the same rate, thread by
 * thread: `idle` was counted over `idleMs` with no requests. A server does work by the clock, not
 * by the request — the model store's poll for a new version every second, load shedding's
 * event-loop delay sampler — and under valgrind a request takes ~50× as long, so that work
 * would be charged to requests at ~50× its share (and more to the slower of two servers). A
 * count never goes below zero.
 */
export function withoutIdle (window: Dump, windowMs: number, idle: Dump, idleMs: number): Dump {
  if (!(windowMs >= 0) || !(idleMs > 0)) throw new RangeError(`windows need durations (got ${windowMs} and ${idleMs} ms)`)
  const scale = windowMs / idleMs
  return {
    threads: window.threads.map(({ thread, counts }) => {
      const idleCounts = idle.threads.find((t) => t.thread === thread)?.counts ?? {}
      return { thread, counts: Object.fromEntries(Object.entries(counts).map(([event, n]) => [event, Math.max(0, n - (idleCounts[event] ?? 0) * scale)])) }
    })
  }
}

/**
 * Where withoutIdle clamped: `thread N: EVENT` for each count the idle rate over `windowMs`
 * exceeds. A clamp means the idle window did more of that work than the counted one, so the
 * idle rate did not hold through the window and the count is doubtful; the caller says so.
 */
export function overSubtracted (window: Dump, windowMs: number, idle: Dump, idleMs: number): string[] {
  const scale = windowMs / idleMs
  return window.threads.flatMap(({ thread, counts }) => {
    const idleCounts = idle.threads.find((t) => t.thread === thread)?.counts ?? {}
    return Object.entries(counts).filter(([event, n]) => (idleCounts[event] ?? 0) * scale > n).map(([event]) => `thread ${thread}: ${event}`)
  })
}

/**
 * Whether callgrind_control's output says the command reached the process: it prints `OK.` when
 * it did, and an `Error: …` line (with exit status 0) when no callgrind runs with that pid.
 */
export function controlSucceeded (output: string): boolean {
  return /^\s*OK\.\s*$/m.test(output) && !/^Error:/m.test(output)
}

/** One dump's counts, and when its window closed (performance.now(), as the command returned). */
export interface TimedDump extends Dump {
  at: number
}

/** Controls one process running under callgrindArguments(outPrefix). */
export class Callgrind {
  private dumps = 0

  constructor (private readonly pid: number, private readonly outPrefix: string) {}

  /**
   * Runs one callgrind_control command and returns the moment it took effect: the middle of the
   * call (the command reaches the process somewhere inside it, through vgdb). Throws with
   * callgrind_control's own words when the command did not reach the process.
   */
  private control (...args: string[]): number {
    const before = performance.now()
    const output = execFileSync(CONTROL, [...args, String(this.pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    const after = performance.now()
    if (!controlSucceeded(output)) throw new Error(`callgrind_control ${args.join(' ')} ${this.pid} failed: ${output.trim().split('\n').join(' ')}`)
    return (before + after) / 2
  }

  /** Start (or stop) counting. */
  instrument (on: boolean): void {
    this.control('-i', on ? 'on' : 'off')
  }

  /** Zero the counters: what the next dump counts starts now. Returns that moment (performance.now()). */
  zero (): number {
    return this.control('-z')
  }

  /**
   * Write the counts since the last zero (or dump) and read them back, per thread. `at` is when
   * the dump was taken, before the files are read, so a window's length does not include reading
   * them.
   */
  async dump (): Promise<TimedDump> {
    const at = this.control('-d')
    this.dumps++
    // --separate-threads: PREFIX.PID.DUMP-THREAD, thread numbers two digits
    const base = `${path.basename(this.outPrefix)}.${this.pid}.${this.dumps}-`
    const dir = path.dirname(this.outPrefix)
    const files = (await readdir(dir)).filter((name) => name.startsWith(base) && /^\d+$/.test(name.slice(base.length)))
    if (files.length === 0) throw new Error(`callgrind wrote no dump ${this.dumps} for process ${this.pid} in ${dir}`)
    const threads = await Promise.all(files.map(async (name) => ({ thread: Number(name.slice(base.length)), counts: parseTotals(await readFile(path.join(dir, name), 'utf8')) })))
    return { at, threads: threads.sort((a, b) => a.thread - b.thread) }
  }
}
