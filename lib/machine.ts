// What machine a benchmark ran on, so every published number says where it comes from.
import os from 'node:os'

export interface MachineDescription {
  cores: number
  cpuModel: string
  totalMemoryBytes: number
  node: string
  platform: string
  /** 1-minute load average when the benchmark started: a busy, shared machine shows here */
  loadAverage: number
}

export function describeMachine (): MachineDescription {
  const cpus = os.cpus()
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg()[0]
  }
}

/** One line such as `2 cores (Intel Xeon …), 23.5 GiB RAM, Node v20.20.2, Linux 6.1 x64, load 0.4`. */
export function formatMachine (machine: MachineDescription): string {
  const gib = (machine.totalMemoryBytes / 1024 ** 3).toFixed(1)
  return `${machine.cores} cores (${machine.cpuModel}), ${gib} GiB RAM, Node ${machine.node}, ` +
    `${machine.platform}, 1-min load average at start ${machine.loadAverage.toFixed(2)}`
}

/**
 * A warning to print with the results when the machine had more runnable work than cores at
 * the start (1-minute load average above the core count): wall times are then inflated by
 * waiting for a core, and CPU time is the steadier figure to compare.
 */
export function busyMachineNote (machine: MachineDescription): string | null {
  if (machine.loadAverage <= machine.cores) return null
  return `The machine was busy (1-minute load average ${machine.loadAverage.toFixed(1)} on ${machine.cores} cores at the start): ` +
    'wall times include waiting for a core and are inflated; CPU time is the steadier comparison.'
}
