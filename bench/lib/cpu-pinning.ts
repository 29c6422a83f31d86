// Server and load generator on cores of their own (taskset), for the benchmarks that compare two
// servers' numbers. Unpinned on a 2-core machine, the server, autocannon and the kernel's
// network work go wherever the scheduler puts them, and one endpoint's req/s moved ±20 % from run
// to run (bench:large-model's bare route, which reads no model data, measured 80 % of itself).
// Pinned, the server has a core to itself and the load generator the rest, so a difference
// between two servers is the servers'.
import { execFileSync, spawnSync } from 'node:child_process'
import os from 'node:os'

export const TASKSET = 'taskset'

/** Which CPUs (taskset list syntax, e.g. "1" or "0-2") serve and which generate the load. */
export interface PinningPlan {
  server: string
  load: string
  /** every CPU: what a process started by a pinned parent is given back (children inherit the affinity) */
  every: string
}

/**
 * The last CPU for the servers and the others for the load generator; null (no pinning) with
 * fewer than 2 CPUs, where there is nothing to separate.
 */
export function pinningPlan (cpus: number): PinningPlan | null {
  if (!Number.isInteger(cpus) || cpus < 2) return null
  const last = cpus - 1
  return { server: String(last), load: last === 1 ? '0' : `0-${last - 1}`, every: `0-${last}` }
}

/** Whether taskset (util-linux) can run here. */
export function tasksetAvailable (): boolean {
  return spawnSync(TASKSET, ['--version'], { stdio: 'ignore' }).status === 0
}

/** The plan for this machine, or null with the reason on stderr (too few CPUs, no taskset). */
export function machinePinning (wanted: boolean): PinningPlan | null {
  if (!wanted) return null
  const plan = pinningPlan(os.availableParallelism())
  if (plan === null) {
    console.error('one CPU: server and load generator share it (not pinned)')
    return null
  }
  if (!tasksetAvailable()) {
    console.error(`no ${TASKSET} (Debian package util-linux): server and load generator not pinned`)
    return null
  }
  return plan
}

/** Pins every thread of process `pid` (-a: the threads it has now; later ones inherit) to `cpus`. */
export function pinProcess (pid: number, cpus: string): void {
  execFileSync(TASKSET, ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' })
}

/** How the report describes the placement. */
export function describePinning (plan: PinningPlan | null): string {
  return plan === null
    ? 'the servers and autocannon share the cores (not pinned)'
    : `each server pinned to CPU ${plan.server} and autocannon (this process) to CPU ${plan.load} (taskset), so the load generator does not take the server's core`
}
