// The optional pandas reference run (original_reference.py): the original method with the real
// per-row descriptions, which the in-run reproduction cannot have, plus the same baselines
// computed independently as a cross-check of the whole protocol.
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import type { RankingMetrics } from './metrics.js'

export interface ReferenceMethod {
  at10: RankingMetrics
  at5: RankingMetrics
  coverage: number
}

export interface ReferenceResult {
  cutoff: string
  customers: number
  mostPopular: ReferenceMethod
  /** rows labelled with their stock code's most frequent description, as the TypeScript run does */
  original_per_code: ReferenceMethod & { descriptions: number }
  /** the real per-row descriptions, as the original notebook pivoted */
  original_per_row: ReferenceMethod & { descriptions: number }
}

export const PYTHON = '/usr/bin/python3'

/** The script lives in the sources (dist/ holds only compiled TypeScript). */
export const REFERENCE_SCRIPT = path.join(PROJECT_ROOT, 'trainer', 'evaluate', 'original_reference.py')

export async function runReference (input: string, split: { evaluationDays: number, cutoff?: Date }): Promise<ReferenceResult> {
  const args = [REFERENCE_SCRIPT, '--input', input]
  if (split.cutoff !== undefined) args.push('--cutoff', split.cutoff.toISOString())
  else args.push('--evaluation-days', String(split.evaluationDays))
  const { stdout } = await promisify(execFile)(PYTHON, args, { maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as ReferenceResult
}
