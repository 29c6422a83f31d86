// What Linux says about another process (the benchmarked server), from /proc: it has no IPC
// channel to ask, and measuring from outside costs it nothing. 0 where /proc cannot be read.
import { readFileSync } from 'node:fs'

/** clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ: 100 on every Linux architecture Node runs on) */
const TICKS_PER_SECOND = 100

function read (file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** The resident set size of process `pid`, in bytes. */
export function rssOf (pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(read(`/proc/${pid}/status`) ?? '')
  return match ? Number(match[1]) * 1024 : 0
}

/** CPU time (user + system, all threads) process `pid` has used so far, in seconds. */
export function cpuSecondsOf (pid: number): number {
  const stat = read(`/proc/${pid}/stat`)
  if (stat === null) return 0
  // the command name (field 2) is in parentheses and may hold spaces: fields count from its end
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND // utime, stime (fields 14 and 15)
}
