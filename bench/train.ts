// `npm run bench:train -- [--runs 5] [--python-runs 3] [--input FILE] [--no-readme] [--from bench/out/train-….json]`
// The TypeScript trainer and the original Python pipeline, side by side in one run on the same
// file, alternating so that a busy machine slows both alike. Prints a table and writes it into
// README.md between the bench:train markers; `--from` renders them again from a previous run's
// saved results without measuring. See bench/README.md.
import { parseArgs } from 'node:util'
import { formatBytes, formatCount, formatDate, formatRatio, formatSeconds } from './lib/format.js'
import { busyMachineNote, describeMachine, formatMachine, type MachineDescription } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import { assertTrainerBuilt, runPipeline, type PipelineKind, type PipelineRun } from './lib/pipelines.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { alternate } from './lib/schedule.js'
import { median, medianByKey } from './lib/stats.js'
import { ensureRequirements, gnuTime, pythonScientific } from './lib/system-packages.js'
import { loadResults, saveResults } from './lib/results-file.js'

const TARGET_SPEEDUP = 10
const TARGET_MEMORY_SHARE = 1 / 3

interface Options {
  input: string
  runs: number
  pythonRuns: number
  readme: boolean
  from: string | undefined
}

/** What a run saves in bench/out/train-<time>.json; `--from` renders the tables again from it. */
interface TrainRecord {
  command: string
  startedAt: string
  machine: MachineDescription
  input: string
  results: Record<PipelineKind, PipelineRun[]>
}

/** Each run keeps its own record, so a partial or --no-readme run never replaces the one a README section came from. */
function count (name: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < minimum) throw new RangeError(`--${name} must be an integer ≥ ${minimum}, got "${text}"`)
  return n
}

function parseOptions (argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      input: { type: 'string', default: 'data/online_retail.csv.gz' },
      runs: { type: 'string' },
      'python-runs': { type: 'string' },
      from: { type: 'string' },
      'no-readme': { type: 'boolean', default: false }
    }
  })
  return {
    input: values.input,
    runs: count('runs', values.runs, 5, 1),
    pythonRuns: count('python-runs', values['python-runs'], 3, 0),
    readme: values['no-readme'] !== true,
    from: values.from
  }
}

interface Aggregate {
  runs: number
  wallMs: number
  minWallMs: number
  maxWallMs: number
  cpuMs: number
  peakRssBytes: number
  artifactBytes: number
  stagesMs: Record<string, number>
  summary: Record<string, unknown>
}

function aggregate (runs: PipelineRun[]): Aggregate {
  const walls = runs.map((r) => r.wallMs)
  return {
    runs: runs.length,
    wallMs: median(walls),
    minWallMs: Math.min(...walls),
    maxWallMs: Math.max(...walls),
    cpuMs: median(runs.map((r) => r.cpuMs)),
    peakRssBytes: median(runs.map((r) => r.peakRssBytes)),
    artifactBytes: median(runs.map((r) => r.artifactBytes)),
    stagesMs: medianByKey(runs.map((r) => r.stagesMs)),
    summary: runs[runs.length - 1].summary
  }
}

function resultRow (name: string, a: Aggregate): string[] {
  return [name, String(a.runs), formatSeconds(a.wallMs), `${formatSeconds(a.minWallMs)} – ${formatSeconds(a.maxWallMs)}`,
    formatSeconds(a.cpuMs), formatBytes(a.peakRssBytes), formatBytes(a.artifactBytes)]
}

function stageTable (label: string, stages: Record<string, number>): string {
  const entries = Object.entries(stages)
  return markdownTable(['stage', ...entries.map(([name]) => name)], [[label, ...entries.map(([, ms]) => formatSeconds(ms))]])
}

function report (record: TrainRecord): string {
  const { command, machine, input } = record
  const startedAt = new Date(record.startedAt)
  const ours = aggregate(record.results.ours)
  const python = record.results.python.length > 0 ? aggregate(record.results.python) : null
  const rows = [resultRow('TypeScript trainer (`node dist/trainer/cli.js`)', ours)]
  const lines: string[] = []
  if (python !== null) {
    rows.push(resultRow('original Python pipeline (`bench/original/pipeline.py`)', python))
    const speedup = python.wallMs / ours.wallMs
    const memoryShare = ours.peakRssBytes / python.peakRssBytes
    rows.push(['ratio (Python ÷ ours)', '', formatRatio(speedup), '', formatRatio(python.cpuMs / ours.cpuMs),
      formatRatio(python.peakRssBytes / ours.peakRssBytes), formatRatio(python.artifactBytes / ours.artifactBytes)])
    lines.push(`Targets: at least ${TARGET_SPEEDUP}× faster in wall time — ${speedup >= TARGET_SPEEDUP ? 'met' : 'NOT met'} (${formatRatio(speedup)}; CPU time ${formatRatio(python.cpuMs / ours.cpuMs)}); ` +
      `at most a third of the memory — ${memoryShare <= TARGET_MEMORY_SHARE ? 'met' : 'NOT met'} (${(memoryShare * 100).toFixed(0)} %).`)
    const py = python.summary
    const versions = py.versions as Record<string, string> | undefined
    lines.push(`Same cleaning on both sides: ours kept ${formatCount(Number(ours.summary.rowsKept))} rows and ${formatCount(Number(ours.summary.customers))} customers, ` +
      `Python ${formatCount(Number(py.rows))} rows and ${formatCount(Number(py.customers))} customers. ` +
      `Python ${versions?.python ?? '?'}, pandas ${versions?.pandas ?? '?'}, scikit-learn ${versions?.sklearn ?? '?'}, NumPy ${versions?.numpy ?? '?'} (Debian packages).`)
  }
  const sections = [
    `- Command: \`${command}\` — ${formatDate(startedAt)}.`,
    `- Machine: ${formatMachine(machine)}.`,
    ...[busyMachineNote(machine)].filter((note): note is string => note !== null).map((note) => `- ${note}`),
    '- What the original pipeline does, reproduced in `bench/original/pipeline.py`: [bench/README.md](bench/README.md#the-original-pipeline-originalpipelinepy).',
    `- Input: \`${input}\`. Median of the runs, alternating the two programs; wall time from process.hrtime around the process; CPU time (user + sys, all threads and child processes) and peak RSS from GNU time (\`%U\`, \`%S\`, \`%M\`); artifacts = bytes written to the output directory.`,
    '',
    markdownTable(['program', 'runs', 'median wall time', 'min – max', 'CPU time', 'peak RSS', 'artifacts'], rows),
    '',
    ...lines.flatMap((line) => [line, '']),
    'Median time per stage:',
    '',
    stageTable('ours', ours.stagesMs),
    ...(python === null ? [] : ['', stageTable('Python', python.stagesMs)])
  ]
  return sections.join('\n')
}

async function measureAll (options: Options, command: string): Promise<TrainRecord> {
  assertTrainerBuilt()
  ensureRequirements(options.pythonRuns > 0 ? [gnuTime, pythonScientific] : [gnuTime])
  const startedAt = new Date().toISOString()
  const machine = describeMachine()
  const results: Record<PipelineKind, PipelineRun[]> = { ours: [], python: [] }
  const order = alternate<PipelineKind, PipelineKind>('ours', options.runs, 'python', options.pythonRuns)
  for (const [index, kind] of order.entries()) {
    const run = await runPipeline(kind, { input: options.input })
    results[kind].push(run)
    console.error(`[${index + 1}/${order.length}] ${kind.padEnd(6)} ${formatSeconds(run.wallMs).padStart(8)}  CPU ${formatSeconds(run.cpuMs).padStart(8)}  peak RSS ${formatBytes(run.peakRssBytes).padStart(9)}  artifacts ${formatBytes(run.artifactBytes)}`)
  }
  const record: TrainRecord = { command, startedAt, machine, input: options.input, results }
  await saveResults('train', startedAt, record)
  return record
}

async function main (): Promise<void> {
  const argv = process.argv.slice(2)
  const options = parseOptions(argv)
  const command = ['npm run bench:train', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ')
  const record: TrainRecord = options.from === undefined
    ? await measureAll(options, command)
    : await loadResults<TrainRecord>(options.from)
  const markdown = report(record)
  console.log(markdown)
  if (options.readme) {
    await writeReadmeSection('train', markdown)
    console.error('README.md: bench:train section updated')
  }
}

main().catch((error: Error) => {
  console.error(`bench:train: ${error.message}`)
  process.exitCode = 1
})
