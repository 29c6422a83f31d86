// `npm run bench:scale -- [--runs 3] [--factor 10] [--no-readme] [--from bench/out/scale-….json]`
// How the trainer's time and peak memory grow with rows: Online Retail (0.54M rows), Online
// Retail II (1.07M) and a synthetic N× Online Retail (generated when missing). Prints the tables
// and writes them into README.md between the bench:scale markers; `--from` renders them again
// from a previous run's saved results without measuring. See bench/README.md.
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { countDataRows } from './lib/count-rows.js'
import { formatBytes, formatCount, formatDate, formatRatio, formatSeconds } from './lib/format.js'
import { busyMachineNote, describeMachine, formatMachine, type MachineDescription } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import { assertTrainerBuilt, runPipeline, type PipelineRun } from './lib/pipelines.js'
import { writeReadmeSection } from './lib/readme-section.js'
import { median, medianByKey } from './lib/stats.js'
import { generateSynthetic } from './lib/synthetic-file.js'
import { ensureRequirements, gnuTime } from './lib/system-packages.js'
import { loadResults, saveResults } from './lib/results-file.js'

interface Dataset {
  name: string
  file: string
  /** how to make the file when it is missing */
  generate?: () => Promise<unknown>
}

interface Measured {
  dataset: Dataset
  rows: number
  customers: number
  wallMs: number
  cpuMs: number
  peakRssBytes: number
  stagesMs: Record<string, number>
  runs: PipelineRun[]
}

const BASE_INPUT = 'data/online_retail.csv.gz'

/** What a run saves in bench/out/scale-<time>.json; `--from` renders the tables again from it. */
interface ScaleRecord {
  command: string
  startedAt: string
  machine: MachineDescription
  runs: number
  measured: Measured[]
}

/** Each run keeps its own record, so a partial or --no-readme run never replaces the one a README section came from. */
function parseOptions (argv: string[]): { runs: number, factor: number, readme: boolean, from: string | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      factor: { type: 'string', default: '10' },
      from: { type: 'string' },
      'no-readme': { type: 'boolean', default: false }
    }
  })
  const runs = Number(values.runs)
  const factor = Number(values.factor)
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`--runs must be a positive integer, got "${values.runs}"`)
  if (!Number.isInteger(factor) || factor < 2) throw new RangeError(`--factor must be an integer ≥ 2, got "${values.factor}"`)
  return { runs, factor, readme: values['no-readme'] !== true, from: values.from }
}

function datasets (factor: number): Dataset[] {
  const synthetic = `bench/out/online_retail_x${factor}.csv.gz`
  return [
    { name: 'Online Retail', file: BASE_INPUT },
    { name: 'Online Retail II', file: '../shared/data/online_retail_ii.csv.gz' },
    {
      name: `synthetic ${factor}× Online Retail`,
      file: synthetic,
      generate: async () => await generateSynthetic(BASE_INPUT, synthetic, { factor })
    }
  ]
}

async function measure (dataset: Dataset, runs: number): Promise<Measured | null> {
  if (!existsSync(dataset.file)) {
    if (dataset.generate === undefined) {
      console.error(`skipping ${dataset.name}: ${dataset.file} not found`)
      return null
    }
    console.error(`generating ${dataset.file} …`)
    await dataset.generate()
  }
  const rows = await countDataRows(dataset.file)
  const results: PipelineRun[] = []
  for (let i = 0; i < runs; i++) {
    const run = await runPipeline('ours', { input: dataset.file })
    results.push(run)
    console.error(`${dataset.name} [${i + 1}/${runs}] ${formatSeconds(run.wallMs)}  CPU ${formatSeconds(run.cpuMs)}  peak RSS ${formatBytes(run.peakRssBytes)}`)
  }
  return {
    dataset,
    rows,
    customers: Number(results[0].summary.customers),
    wallMs: median(results.map((r) => r.wallMs)),
    cpuMs: median(results.map((r) => r.cpuMs)),
    peakRssBytes: median(results.map((r) => r.peakRssBytes)),
    stagesMs: medianByKey(results.map((r) => r.stagesMs)),
    runs: results
  }
}

/** A sentence per input: how much time and memory grew against how much the rows grew. */
function growthNotes (measured: readonly Measured[]): string[] {
  const base = measured[0]
  return measured.slice(1).map((m) => {
    let fastest: { stage: string, ratio: number } | null = null
    for (const [stage, ms] of Object.entries(m.stagesMs)) {
      const before = base.stagesMs[stage]
      if (before === undefined || before <= 0) continue
      if (fastest === null || ms / before > fastest.ratio) fastest = { stage, ratio: ms / before }
    }
    const stageNote = fastest === null ? '' : ` Fastest-growing stage: ${fastest.stage} (${formatRatio(fastest.ratio)}).`
    return `${m.dataset.name}: ${formatRatio(m.rows / base.rows)} the rows and ${formatRatio(m.customers / base.customers)} the customers of Online Retail → ` +
      `time ${formatRatio(m.wallMs / base.wallMs)} (CPU ${formatRatio(m.cpuMs / base.cpuMs)}), peak RSS ${formatRatio(m.peakRssBytes / base.peakRssBytes)}.${stageNote}`
  })
}

function report (measured: readonly Measured[], command: string, machine: MachineDescription, runs: number, startedAt: Date): string {
  const base = measured[0]
  const table = markdownTable(
    ['input', 'rows', 'customers', 'median wall time', 'time per M rows', 'CPU time', 'peak RSS', 'rows ×', 'time ×', 'CPU ×', 'RSS ×'],
    measured.map((m) => [
      `${m.dataset.name} (\`${m.dataset.file}\`)`, formatCount(m.rows), formatCount(m.customers), formatSeconds(m.wallMs),
      formatSeconds(m.wallMs / (m.rows / 1e6)), formatSeconds(m.cpuMs), formatBytes(m.peakRssBytes),
      formatRatio(m.rows / base.rows), formatRatio(m.wallMs / base.wallMs), formatRatio(m.cpuMs / base.cpuMs),
      formatRatio(m.peakRssBytes / base.peakRssBytes)
    ]))
  const stages = [...new Set(measured.flatMap((m) => Object.keys(m.stagesMs)))]
  const stageTable = markdownTable(
    ['stage', ...measured.map((m) => m.dataset.name), ...measured.slice(1).map((m) => `× (${m.dataset.name})`)],
    stages.map((stage) => [
      stage,
      ...measured.map((m) => (m.stagesMs[stage] === undefined ? '–' : formatSeconds(m.stagesMs[stage]))),
      ...measured.slice(1).map((m) => (m.stagesMs[stage] === undefined || base.stagesMs[stage] === undefined || base.stagesMs[stage] === 0)
        ? '–'
        : formatRatio(m.stagesMs[stage] / base.stagesMs[stage]))
    ]))
  return [
    `- Command: \`${command}\` — ${formatDate(startedAt)}.`,
    `- Machine: ${formatMachine(machine)}.`,
    ...[busyMachineNote(machine)].filter((note): note is string => note !== null).map((note) => `- ${note}`),
    `- Median of ${runs} runs per input of \`node dist/trainer/cli.js --input FILE --out TMPDIR --quiet\` (default options); wall time from process.hrtime around the process; CPU time (user + sys) and peak RSS from GNU time; stage times are the trainer's own (its JSON summary).`,
    '',
    table,
    '',
    'Median time per stage (× = growth against Online Retail):',
    '',
    stageTable,
    '',
    ...growthNotes(measured).map((line) => `- ${line}`),
    '- What drives each stage, and how to read the growth: [bench/README.md](bench/README.md#reading-the-scale-results).'
  ].join('\n')
}

async function measureAll (options: ReturnType<typeof parseOptions>, command: string): Promise<ScaleRecord> {
  assertTrainerBuilt()
  ensureRequirements([gnuTime])
  const startedAt = new Date().toISOString()
  const machine = describeMachine()
  const measured: Measured[] = []
  for (const dataset of datasets(options.factor)) {
    const result = await measure(dataset, options.runs)
    if (result !== null) measured.push(result)
  }
  if (measured.length === 0) throw new Error('no input measured')
  const record: ScaleRecord = { command, startedAt, machine, runs: options.runs, measured }
  await saveResults('scale', startedAt, record)
  return record
}

async function main (): Promise<void> {
  const argv = process.argv.slice(2)
  const options = parseOptions(argv)
  const command = ['npm run bench:scale', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ')
  const record: ScaleRecord = options.from === undefined
    ? await measureAll(options, command)
    : await loadResults<ScaleRecord>(options.from)
  const markdown = report(record.measured, record.command, record.machine, record.runs, new Date(record.startedAt))
  console.log(markdown)
  if (options.readme) {
    await writeReadmeSection('scale', markdown)
    console.error('README.md: bench:scale section updated')
  }
}

main().catch((error: Error) => {
  console.error(`bench:scale: ${error.message}`)
  process.exitCode = 1
})
