// This process's threads and their nice values (Linux), read from /proc: what the loader's
// priority tests check the kernel itself for.
import { readdirSync, readFileSync } from 'node:fs'

/** The nice value of thread `tid` of this process: field 19 of /proc/self/task/TID/stat. */
export function niceOf (tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')
  // the name (field 2) is in parentheses and may hold spaces: count the fields after its ')'
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3])
}

/** Every thread of this process, with its nice value. */
export function threadNices (): Map<number, number> {
  return new Map(readdirSync('/proc/self/task').map((tid) => [Number(tid), niceOf(Number(tid))]))
}
