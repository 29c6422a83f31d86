// `npm run bench:scale -- [--runs 3] [--large-runs 1] [--factors 10,100] [--catalogue-factor 10]
//   [--only base,ii,x10,x10-catalogue,x100] [--merge bench/out/scale-….json] [--no-readme] [--from bench/out/scale-….json]`
// How the trainer's time and peak memory grow with rows: Online Retail (0.54M rows), Online
// Retail II (1.07M), synthetic N× Online Retail for each factor (10×: 5.4M rows, 100×: 54M) and
// a 10× one whose catalogue is cloned 10× too (generated when missing). Prints the tables, checks
// issue 12's targets, writes them into README.md between the bench:scale markers and draws the
// curves into bench/scale-chart.svg; `--from` renders them again from a previous run's saved
// results without measuring, `--merge` keeps a previous run's inputs that `--only` leaves out
// (the 100× run takes long: it can be measured on its own). See bench/README.md.
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
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
import { renderScaleChart, SCALE_CHART_FILE } from './lib/scale-chart.js'

interface Dataset {
  /** short name for --only */
  key: string
  name: string
  file: string
  /** how to make the file when it is missing */
  generate?: () => Promise<unknown>
}

interface Measured {
  dataset: Dataset
  rows: number
  customers: number
  /** catalogue products (absent in records from before issue 12) */
  products?: number
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
  /** runs per input above LARGE_ROWS rows */
  largeRuns?: number
  measured: Measured[]
}

/** Inputs with more rows than this get `--large-runs` runs (a 100× run takes minutes). */
const LARGE_ROWS = 20_000_000
/** Issue 12's targets for the 100× run. */
const TARGET_PEAK_RSS_BYTES = 3 * 1024 ** 3

interface ScaleOptions {
  runs: number
  largeRuns: number
  factors: number[]
  catalogueFactor: number
  only: string[] | undefined
  merge: string | undefined
  readme: boolean
  from: string | undefined
}

/** Each run keeps its own record, so a partial or --no-readme run never replaces the one a README section came from. */
function parseOptions (argv: string[]): ScaleOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      'large-runs': { type: 'string', default: '1' },
      factors: { type: 'string', default: '10,100' },
      'catalogue-factor': { type: 'string', default: '10' },
      only: { type: 'string' },
      merge: { type: 'string' },
      from: { type: 'string' },
      'no-readme': { type: 'boolean', default: false }
    }
  })
  const integer = (name: string, value: string, min: number): number => {
    const n = Number(value)
    if (!Number.isInteger(n) || n < min) throw new RangeError(`--${name} must be an integer ≥ ${min}, got "${value}"`)
    return n
  }
  const factors = values.factors.split(',').map((f) => integer('factors', f.trim(), 2))
  return {
    runs: integer('runs', values.runs, 1),
    largeRuns: integer('large-runs', values['large-runs'], 1),
    factors,
    catalogueFactor: integer('catalogue-factor', values['catalogue-factor'], 1),
    only: values.only?.split(',').map((key) => key.trim()),
    merge: values.merge,
    readme: values['no-readme'] !== true,
    from: values.from
  }
}

function datasets (options: ScaleOptions): Dataset[] {
  const synthetic = (factor: number, catalogueFactor: number): Dataset => {
    const file = `bench/out/online_retail_x${factor}${catalogueFactor > 1 ? `_catalogue_x${catalogueFactor}` : ''}.csv.gz`
    return {
      key: `x${factor}${catalogueFactor > 1 ? '-catalogue' : ''}`,
      name: `synthetic ${factor}× Online Retail${catalogueFactor > 1 ? `, ${catalogueFactor}× catalogue` : ''}`,
      file,
      // gzip level 1: the 100× file is 54M rows, and the trainer reads any level alike
      generate: async () => await generateSynthetic(BASE_INPUT, file, { factor, catalogueFactor, gzipLevel: 1 })
    }
  }
  const smallest = Math.min(...options.factors)
  return [
    { key: 'base', name: 'Online Retail', file: BASE_INPUT },
    { key: 'ii', name: 'Online Retail II', file: '../shared/data/online_retail_ii.csv.gz' },
    ...options.factors.flatMap((factor) => [
      synthetic(factor, 1),
      ...(factor === smallest && options.catalogueFactor > 1 ? [synthetic(factor, Math.min(options.catalogueFactor, factor))] : [])
    ])
  ]
}

async function measure (dataset: Dataset, options: ScaleOptions): Promise<Measured | null> {
  if (!existsSync(dataset.file)) {
    if (dataset.generate === undefined) {
      console.error(`skipping ${dataset.name}: ${dataset.file} not found`)
      return null
    }
    console.error(`generating ${dataset.file} …`)
    await dataset.generate()
  }
  const rows = await countDataRows(dataset.file)
  const runs = rows > LARGE_ROWS ? options.largeRuns : options.runs
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
    products: Number(results[0].summary.products),
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

/** The 100× run against issue 12's targets: peak RSS ≤ 3 GiB, time per M rows no worse than at 10×. */
function targetNotes (measured: readonly Measured[]): string[] {
  const perMillion = (m: Measured): number => m.wallMs / (m.rows / 1e6)
  const synthetic = measured.filter((m) => m.dataset.key.startsWith('x') && !m.dataset.key.endsWith('-catalogue'))
  const largest = synthetic.reduce<Measured | undefined>((best, m) => (best === undefined || m.rows > best.rows ? m : best), undefined)
  const ten = synthetic.find((m) => m.dataset.key === 'x10')
  if (largest === undefined || ten === undefined || largest === ten) return []
  const rssMet = largest.peakRssBytes <= TARGET_PEAK_RSS_BYTES
  const timeMet = perMillion(largest) <= perMillion(ten)
  const cpuPerMillion = (m: Measured): number => m.cpuMs / (m.rows / 1e6)
  return [
    `Targets (issue 12) for ${largest.dataset.name}: peak RSS ≤ 3 GiB — ${rssMet ? 'met' : 'NOT met'} (${formatBytes(largest.peakRssBytes)}); ` +
      `time per M rows no worse than at 10× — ${timeMet ? 'met' : 'NOT met'} (${formatSeconds(perMillion(largest))} vs ${formatSeconds(perMillion(ten))}; ` +
      `CPU per M rows ${formatSeconds(cpuPerMillion(largest))} vs ${formatSeconds(cpuPerMillion(ten))}).`
  ]
}

function report (measured: readonly Measured[], command: string, machine: MachineDescription, runs: number, largeRuns: number | undefined, startedAt: Date): string {
  const base = measured[0]
  const table = markdownTable(
    ['input', 'rows', 'customers', 'products', 'runs', 'median wall time', 'time per M rows', 'CPU time', 'peak RSS', 'rows ×', 'time ×', 'CPU ×', 'RSS ×'],
    measured.map((m) => [
      `${m.dataset.name} (\`${m.dataset.file}\`)`, formatCount(m.rows), formatCount(m.customers),
      m.products === undefined ? '–' : formatCount(m.products), String(m.runs.length), formatSeconds(m.wallMs),
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
  const runsNote = largeRuns === undefined || largeRuns === runs ? `${runs} runs` : `${runs} runs (${largeRuns} above ${formatCount(LARGE_ROWS)} rows)`
  return [
    `- Command: \`${command}\` — ${formatDate(startedAt)}.`,
    `- Machine: ${formatMachine(machine)}.`,
    ...[busyMachineNote(machine)].filter((note): note is string => note !== null).map((note) => `- ${note}`),
    `- Median of ${runsNote} per input of \`node dist/trainer/cli.js --input FILE --out TMPDIR --quiet\` (default options); wall time from process.hrtime around the process; CPU time (user + sys) and peak RSS from GNU time; stage times are the trainer's own (its JSON summary).`,
    '',
    table,
    '',
    ...targetNotes(measured).map((line) => `- ${line}`),
    `- The curves: [bench/${SCALE_CHART_FILE}](bench/${SCALE_CHART_FILE}) (wall time, CPU time and peak RSS against rows).`,
    '',
    'Median time per stage (× = growth against Online Retail):',
    '',
    stageTable,
    '',
    ...growthNotes(measured).map((line) => `- ${line}`),
    '- What drives each stage, and how to read the growth: [bench/README.md](bench/README.md#reading-the-scale-results).'
  ].join('\n')
}

async function measureAll (options: ScaleOptions, command: string): Promise<ScaleRecord> {
  assertTrainerBuilt()
  ensureRequirements([gnuTime])
  const startedAt = new Date().toISOString()
  const machine = describeMachine()
  const previous = options.merge === undefined ? [] : (await loadResults<ScaleRecord>(options.merge)).measured
  const measured: Measured[] = []
  for (const dataset of datasets(options)) {
    if (options.only !== undefined && !options.only.includes(dataset.key)) {
      // kept from the merged record, when it has this input
      const kept = previous.find((m) => m.dataset.file === dataset.file)
      if (kept !== undefined) measured.push({ ...kept, dataset: { ...kept.dataset, key: dataset.key, name: dataset.name } })
      continue
    }
    const result = await measure(dataset, options)
    if (result !== null) measured.push(result)
  }
  if (measured.length === 0) throw new Error('no input measured')
  const record: ScaleRecord = { command, startedAt, machine, runs: options.runs, largeRuns: options.largeRuns, measured }
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
  // records from before issue 12 have no keys: name them by file
  for (const m of record.measured) m.dataset.key ??= datasets(options).find((d) => d.file === m.dataset.file)?.key ?? m.dataset.file
  const markdown = report(record.measured, record.command, record.machine, record.runs, record.largeRuns, new Date(record.startedAt))
  console.log(markdown)
  if (options.readme) {
    await writeReadmeSection('scale', markdown)
    console.error('README.md: bench:scale section updated')
    await writeFile(`bench/${SCALE_CHART_FILE}`, await renderScaleChart(record.measured.map((m) => ({
      name: m.dataset.name, rows: m.rows, wallSeconds: m.wallMs / 1000, cpuSeconds: m.cpuMs / 1000, peakRssMiB: m.peakRssBytes / 1024 ** 2, catalogue: m.dataset.key.endsWith('-catalogue')
    }))))
    console.error(`bench/${SCALE_CHART_FILE} written`)
  }
}

main().catch((error: Error) => {
  console.error(`bench:scale: ${error.message}`)
  process.exitCode = 1
})
