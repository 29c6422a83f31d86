// The model loader's worker runs below the event loop's priority. A load is ~80 ms of CPU on a
// shop's model (seconds at 10M customers) and a service often has fewer cores than busy threads
// (event loop, loader, GC helpers, a sidecar): at equal priority the scheduler gives the loader
// its share of a core while requests wait for theirs, which is what bench:swap's p99.9 measured.
// A swap is not urgent — the old version serves until the new one is ready — so the loader yields.
//
// Linux schedules threads, not processes: setpriority() on a thread id (what /proc/thread-self
// names) changes that thread only, so the worker lowers itself and the event loop keeps its nice.
// Elsewhere (macOS, Windows) os.setPriority would renice the whole process; there it is not done.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { isMainThread } from 'node:worker_threads'

/** The nice value the loader's worker runs at unless MODEL_LOADER_NICE says otherwise. */
export const DEFAULT_LOADER_NICE = 10

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

/**
 * Sets the calling worker thread's nice value (0 = the process's default priority, 19 = the
 * lowest). Returns whether it was applied: false off Linux. Never on the main thread (it would
 * slow the event loop, the thing this protects), and never a negative value (that needs
 * privileges and would put the loader above the requests).
 */
export function setWorkerThreadNice (nice: number): boolean {
  if (isMainThread) throw new Error('setWorkerThreadNice changes a worker thread\'s priority, not the event loop\'s')
  if (!Number.isInteger(nice) || nice < 0 || nice > 19) throw new RangeError(`a loader nice value is an integer from 0 to 19, not ${nice}`)
  const tid = linuxThreadId()
  if (tid === null) return false
  setPriority(tid, nice)
  return true
}
