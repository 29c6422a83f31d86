// Running the trainer's command line as a user would (a child process, from the TypeScript
// sources), and a small valid transaction log that trains in well under a second.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { ONLINE_RETAIL_HEADER } from '../trainer/read/fixtures.js'

const CLI = path.join(PROJECT_ROOT, 'trainer', 'cli.ts')

export interface CliRun { status: number | null, stdout: string, stderr: string }

/** `node trainer/cli.ts <args>` with ARTIFACTS_DIR unset unless `env` sets it. */
export function runTrainerCli (args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, ARTIFACTS_DIR: '', ...env }
  })
  return { status: result.status, stderr: result.stderr, stdout: result.stdout }
}

/** A small valid log: `customers` customers, each with two invoices of two products. */
export function smallTransactionLog (customers: number): string {
  const lines = [ONLINE_RETAIL_HEADER]
  for (let c = 0; c < customers; c++) {
    const id = 12000 + c
    for (let invoice = 0; invoice < 2; invoice++) {
      const no = 500000 + c * 10 + invoice
      const day = 1 + ((c * 7 + invoice * 3) % 28)
      lines.push(`${no},2100${c % 5},PRODUCT ${c % 5},${1 + c},2011-03-${String(day).padStart(2, '0')} 10:00:00,${(1.5 + c).toFixed(2)},${id},United Kingdom`)
      lines.push(`${no},2200${(c + invoice) % 4},OTHER ${(c + invoice) % 4},2,2011-03-${String(day).padStart(2, '0')} 10:00:00,0.85,${id},France`)
    }
  }
  return lines.join('\n') + '\n'
}
