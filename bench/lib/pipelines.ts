// The two programs the benchmarks run, each in a fresh output directory, measured from outside
// (wall time, peak RSS) and by what they report about themselves (per-stage timings).
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { directorySize } from './directory-size.js'
import { lastJsonLine, runMeasured } from './measure.js'
import { DEBIAN_PYTHON } from './system-packages.js'

export const TRAINER_CLI = 'dist/trainer/cli.js'
export const PYTHON_PIPELINE = 'bench/original/pipeline.py'

export type PipelineKind = 'ours' | 'python'

export interface PipelineRun {
  kind: PipelineKind
  wallMs: number
  peakRssBytes: number
  /** user + system CPU time */
  cpuMs: number
  /** bytes of everything the run wrote into its output directory */
  artifactBytes: number
  artifactFiles: number
  /** per-stage wall time in milliseconds, as the program reports it */
  stagesMs: Record<string, number>
  /** the program's own JSON summary (its last JSON line on stdout) */
  summary: Record<string, unknown>
}

export interface PipelineRunOptions {
  input: string
  /** extra command-line arguments (e.g. ['--k', '4']) */
  extraArgs?: string[]
  /** keep the output directory (its path is in the thrown error or the summary) */
  keepOutput?: boolean
}

/** The command that runs `kind` on `input`, writing into `outDir`. */
export function pipelineCommand (kind: PipelineKind, input: string, outDir: string, extraArgs: string[] = []): { command: string, args: string[] } {
  if (kind === 'ours') {
    return { command: process.execPath, args: [TRAINER_CLI, '--input', input, '--out', outDir, '--quiet', ...extraArgs] }
  }
  return { command: DEBIAN_PYTHON, args: [PYTHON_PIPELINE, '--input', input, '--out', outDir, ...extraArgs] }
}

function numericRecord (value: unknown, scale: number): Record<string, number> {
  const result: Record<string, number> = {}
  if (value === null || typeof value !== 'object') return result
  for (const [key, v] of Object.entries(value)) if (typeof v === 'number') result[key] = v * scale
  return result
}

/** Fails early with the fix when the trainer has not been built. */
export function assertTrainerBuilt (): void {
  if (!existsSync(TRAINER_CLI)) throw new Error(`${TRAINER_CLI} not found: run \`npm run build\` first (the npm bench scripts do)`)
}

/** Runs `kind` once on `options.input` in a fresh temporary output directory; throws on a non-zero exit. */
export async function runPipeline (kind: PipelineKind, options: PipelineRunOptions): Promise<PipelineRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), `bench-${kind}-`))
  try {
    const { command, args } = pipelineCommand(kind, options.input, outDir, options.extraArgs)
    const run = await runMeasured(command, args)
    if (run.exitCode !== 0) {
      const tail = run.stderr.trim().split('\n').slice(-5).join('\n')
      throw new Error(`${kind} pipeline failed (exit ${String(run.exitCode)}, signal ${String(run.signal)}): ${command} ${args.join(' ')}\n${tail}`)
    }
    const summary = lastJsonLine(run.stdout)
    if (summary === null) throw new Error(`${kind} pipeline printed no JSON summary on stdout`)
    const size = await directorySize(outDir)
    return {
      kind,
      wallMs: run.wallMs,
      peakRssBytes: run.peakRssBytes,
      cpuMs: run.cpuMs,
      artifactBytes: size.bytes,
      artifactFiles: size.files,
      // the trainer reports milliseconds, the Python pipeline seconds
      stagesMs: kind === 'ours' ? numericRecord(summary.timings, 1) : numericRecord(summary.timings, 1000),
      summary
    }
  } finally {
    if (options.keepOutput !== true) await rm(outDir, { recursive: true, force: true })
  }
}
