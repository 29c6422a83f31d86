// The model loader's worker runs below the event loop's priority. A load is tens of ms of CPU on
// a shop's model (seconds at 10M customers) and a service often has fewer cores than busy threads
// (event loop, loader, GC helpers, a sidecar); a swap is never urgent — the old version serves
// until the new one is ready — so the loader is the thread that should wait. Under Linux's
// scheduler a nice difference is a weight, not a strict order: 10 steps give the loader about a
// tenth of a contended core's time against the event loop, and all of an idle one.
//
// Linux schedules threads, not processes: setpriority() on a thread id (what /proc/thread-self
// names, Linux ≥ 3.17) changes that thread only, so the worker lowers itself and the event loop
// keeps its nice. Elsewhere (macOS, Windows) os.setPriority would renice the whole process; there
// it is not done. Only the worker's own CPU work is lowered (parsing, checksums, indexing): its
// file reads run on libuv's shared threadpool, whose threads the main thread started (at its own
// nice) before the first load, and keep that priority.
import { readlinkSync } from 'node:fs'
import { getPriority, setPriority } from 'node:os'
import { isMainThread } from 'node:worker_threads'

/** MODEL_LOADER_NICE's bounds and default: steps below the process's own nice value. */
export const MIN_LOADER_NICE = 0
export const MAX_LOADER_NICE = 19
export const DEFAULT_LOADER_NICE = 10

/** What the loader's thread runs at after a request for a priority. */
export interface PriorityOutcome {
  /** the thread's nice value now; null where thread priorities are not supported (not Linux) */
  nice: number | null
  /** why the value asked for could not be set (the thread kept `nice`), or null */
  problem: string | null
}

/** This thread's kernel id (Linux), or null where /proc/thread-self does not exist. */
export function linuxThreadId (): number | null {
  if (process.platform !== 'linux') return null
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1))
    return Number.isSafeInteger(tid) && tid > 0 ? tid : null
  } catch {
    return null
  }
}

function refusal (error: unknown): string | null {
  // os.setPriority throws ERR_SYSTEM_ERROR with the errno's name in `info.code`
  const code = (error as { info?: { code?: unknown } } | null)?.info?.code
  return code === 'EACCES' || code === 'EPERM' ? code : null
}

/**
 * The calling worker thread's priority control: `lower(steps)` puts the thread `steps` nice
 * values below the priority it started with (the event loop's, which it inherited; capped at 19),
 * never above it. Raising it back after a larger `steps` needs privileges an unprivileged service
 * lacks: then the thread keeps its priority and the outcome says why (a priority is a courtesy to
 * the event loop, never a reason to refuse a version). Never on the main thread: it would slow the
 * event loop, the thing this protects.
 */
export function workerThreadPriority (): { lower: (steps: number) => PriorityOutcome } {
  if (isMainThread) throw new Error('workerThreadPriority changes a worker thread\'s priority, not the event loop\'s')
  const tid = linuxThreadId()
  const base = tid === null ? null : getPriority(tid)
  let current = base
  return {
    lower (steps) {
      if (!Number.isInteger(steps) || steps < MIN_LOADER_NICE || steps > MAX_LOADER_NICE) {
        throw new RangeError(`a loader nice value is an integer from ${MIN_LOADER_NICE} to ${MAX_LOADER_NICE}, not ${steps}`)
      }
      if (tid === null || base === null || current === null) return { nice: null, problem: null }
      const target = Math.min(MAX_LOADER_NICE, base + steps)
      if (target === current) return { nice: current, problem: null }
      try {
        setPriority(tid, target)
        current = target
        return { nice: current, problem: null }
      } catch (error) {
        const code = refusal(error)
        if (code === null) throw error
        return { nice: current, problem: `the model loader's thread stays at nice ${current}: nice ${target} was refused (${code}; raising a thread's priority needs CAP_SYS_NICE)` }
      }
    }
  }
}
