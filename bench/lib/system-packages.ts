// The benchmarks need two things from Debian: GNU time (peak memory) and, for the comparison,
// python3 with pandas and scikit-learn. When a check fails and we are root, install the packages
// with apt-get and say so; otherwise fail with the command to run.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { GNU_TIME } from './measure.js'

export const DEBIAN_PYTHON = '/usr/bin/python3'

export interface Requirement {
  /** what is missing, in words */
  name: string
  isPresent: () => boolean
  debianPackages: string[]
}

export const gnuTime: Requirement = {
  name: `GNU time (${GNU_TIME})`,
  isPresent: () => existsSync(GNU_TIME),
  debianPackages: ['time']
}

export const pythonScientific: Requirement = {
  name: `${DEBIAN_PYTHON} with pandas, scikit-learn and joblib`,
  isPresent: () => existsSync(DEBIAN_PYTHON) &&
    spawnSync(DEBIAN_PYTHON, ['-c', 'import pandas, sklearn, joblib'], { stdio: 'ignore' }).status === 0,
  debianPackages: ['python3-pandas', 'python3-sklearn']
}

function run (command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with status ${String(result.status)}`)
}

/** Installs with apt-get whatever of `requirements` is missing (root only); throws if still missing. */
export function ensureRequirements (requirements: readonly Requirement[], log: (line: string) => void = console.error): void {
  const missing = requirements.filter((r) => !r.isPresent())
  if (missing.length === 0) return
  const packages = [...new Set(missing.flatMap((r) => r.debianPackages))]
  const names = missing.map((r) => r.name).join(', ')
  if (process.getuid?.() !== 0) {
    throw new Error(`missing ${names}: install with \`sudo apt-get install -y ${packages.join(' ')}\``)
  }
  log(`bench: missing ${names}; installing Debian packages ${packages.join(' ')} with apt-get`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  run('apt-get', ['update', '-qq'])
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: ['ignore', 'inherit', 'inherit'], env })
  if (install.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed with status ${String(install.status)}`)
  const stillMissing = requirements.filter((r) => !r.isPresent())
  if (stillMissing.length > 0) throw new Error(`still missing after apt-get: ${stillMissing.map((r) => r.name).join(', ')}`)
}
