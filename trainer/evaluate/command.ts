// The `npm run evaluate` command (trainer/evaluate-cli.ts runs it): the offline evaluation of recommendation quality on a chronological split —
// the trainer's defaults against the baselines, the variant search, the segment transform — printed
// as markdown (or JSON). A user's evaluation never edits the repository: writing the README's
// evaluation section is the explicit --write-readme of whoever refreshes the docs.
// Exit status: 0 done, 2 bad usage or input, 1 internal failure.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { describeMachine, formatMachine } from '../../lib/machine.js'
import { isUserError, ShopperError } from '../../lib/errors.js'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { DEFAULT_NEIGHBOUR_OPTIONS } from '../neighbours/index.js'
import { argSpec, byFlag, defaultsOf, helpLines, resolveOptions, valuesFromArgs } from '../option-table/index.js'
import { READ_OPTIONS } from '../read/options.js'
import { loadCleanTransactions } from '../read/load-clean-transactions.js'
import { DEFAULT_K, SEGMENT_OPTIONS } from '../segments/options.js'
import { FORMER_DEFAULTS, assessTarget, evaluateItemKnn, evaluateMostPopular, evaluateOriginal, prepareEvaluation, type MethodEvaluation } from './evaluate.js'
import { describeOptions, formatEvaluationMarkdown, type EvaluationRun } from './report-markdown.js'
import { PYTHON, runReference } from './reference.js'
import { writeEvaluationSection } from './readme-section.js'
import { compareSegmentTransforms } from './segment-transform.js'
import { DEFAULT_EVALUATION_DAYS, EVALUATION_OPTIONS } from './options.js'
import { DAY_MS } from '../rfm.js'
import { rowsBefore } from './windows.js'
import { searchVariants } from './variants.js'

/** The flags this command shares with the trainer: the trainer's rows, so one declaration, help line and check. */
const SHARED_ROWS = { input: READ_OPTIONS.rows.input, evaluationDays: EVALUATION_OPTIONS.rows.evaluationDays }

const HELP = `Usage: npm run evaluate -- [options]

Measures recommendation quality offline: trains on the transactions before a cutoff, recommends
10 products to each customer from what they had bought, scores against what they bought next.
Compares the trainer's defaults with the most-popular and original-method baselines, searches
the neighbour options, compares the segment transforms and prints a markdown table (with
--write-readme, also into README.md between <!-- evaluation:start --> and <!-- evaluation:end -->).

${Object.values(SHARED_ROWS).flatMap(helpLines).join('\n')}
  --cutoff DATE            explicit cutoff instead (test period = from DATE on)
  --no-variants            skip the variant search (the defaults and baselines only)
  --no-segments            skip the segment transform comparison
  --reference              also run the pandas reference (${PYTHON} with pandas + scikit-learn)
  --json                   print the results as JSON instead of markdown
  --write-readme           also write the table into this project's README.md (for docs refreshes)
  -h, --help               this help`

const ARG_SPEC = {
  ...argSpec(SHARED_ROWS),
  cutoff: { type: 'string' },
  'no-variants': { type: 'boolean' },
  'no-segments': { type: 'boolean' },
  reference: { type: 'boolean' },
  json: { type: 'boolean' },
  'write-readme': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

export interface EvaluateArgs {
  input: string
  evaluationDays: number
  cutoff?: Date
  variants: boolean
  segments: boolean
  reference: boolean
  json: boolean
  readme: boolean
}

function usage (message: string): never {
  throw new ShopperError('ERR_USAGE', `${message} (see --help)`)
}

export function parseEvaluateArgs (argv: string[]): { help: true } | { help: false, args: EvaluateArgs } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: ARG_SPEC, allowPositionals: false, strict: true })
  } catch (error) {
    usage((error as Error).message)
  }
  const v = parsed.values
  if (v.help === true) return { help: true }
  const shared = resolveOptions(SHARED_ROWS, valuesFromArgs(SHARED_ROWS, v), byFlag)
  const cutoff = v.cutoff === undefined ? undefined : new Date(v.cutoff)
  if (cutoff !== undefined && Number.isNaN(cutoff.getTime())) usage(`--cutoff must be a date like 2011-09-01, got "${v.cutoff}"`)
  return {
    help: false,
    args: {
      input: shared.input,
      evaluationDays: shared.evaluationDays,
      cutoff,
      variants: v['no-variants'] !== true,
      segments: v['no-segments'] !== true,
      reference: v.reference === true,
      json: v.json === true,
      readme: v['write-readme'] === true
    }
  }
}

function describe (result: MethodEvaluation): string {
  return result.options === null ? result.method : describeOptions(result.options)
}

function commandLine (argv: string[]): string {
  return ['npm run evaluate', ...(argv.length > 0 ? ['--', ...argv] : [])].join(' ')
}

export async function runEvaluation (args: EvaluateArgs, argv: string[], log: (line: string) => void): Promise<EvaluationRun> {
  const machine = formatMachine(describeMachine())
  const date = new Date().toISOString()
  let started = performance.now()
  const { table, aggregates } = await loadCleanTransactions({ input: args.input })
  log(`read+clean: ${table.length.toLocaleString('en-GB')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s`)

  const defaults = DEFAULT_NEIGHBOUR_OPTIONS
  started = performance.now()
  const context = prepareEvaluation(table, { evaluationDays: args.evaluationDays, cutoff: args.cutoff })
  log(`split at ${context.setup.cutoff}: ${context.setup.customersEvaluated} customers to evaluate (${(performance.now() - started).toFixed(0)} ms)`)

  const model = evaluateItemKnn(context, defaults)
  log(`item-kNN defaults: HR@10 ${model.at10.hitRate.toFixed(4)} (${model.ms.toFixed(0)} ms)`)
  const mostPopular = evaluateMostPopular(context)
  log(`most popular: HR@10 ${mostPopular.at10.hitRate.toFixed(4)} (${mostPopular.ms.toFixed(0)} ms)`)
  const original = evaluateOriginal(context)
  log(`original method: HR@10 ${original.at10.hitRate.toFixed(4)} (${original.ms.toFixed(0)} ms)`)
  const formerDefaults = evaluateItemKnn(context, FORMER_DEFAULTS)
  log(`former defaults: HR@10 ${formerDefaults.at10.hitRate.toFixed(4)}, NDCG@10 ${formerDefaults.at10.ndcg.toFixed(4)} (${formerDefaults.ms.toFixed(0)} ms)`)
  const report = { setup: context.setup, model, baselines: { mostPopular, original, formerDefaults }, target: assessTarget(model, mostPopular, original, formerDefaults) }

  let variants = null
  let validation = null
  if (args.variants) {
    // settings are searched on the validation window (the same length, just before the test
    // window, trained on what precedes it): the test window only reports
    started = performance.now()
    const testCutoff = Date.parse(context.setup.cutoff)
    const validationDays = args.evaluationDays ?? DEFAULT_EVALUATION_DAYS
    const validationContext = prepareEvaluation(rowsBefore(table, testCutoff), { cutoff: new Date(testCutoff - validationDays * DAY_MS) })
    log(`validation window from ${validationContext.setup.cutoff}: ${validationContext.setup.customersEvaluated} customers`)
    variants = searchVariants(validationContext, defaults, {
      onResult: (result) => { log(`  ${describe(result)}: HR@10 ${result.at10.hitRate.toFixed(4)}, NDCG@10 ${result.at10.ndcg.toFixed(4)} (${result.ms.toFixed(0)} ms)`) }
    })
    log(`variants: ${variants.results.length} configurations in ${((performance.now() - started) / 1000).toFixed(1)} s; best ${describeOptions(variants.best)}`)
    const bestOnTest = evaluateItemKnn(context, variants.best)
    validation = { setup: { ...validationContext.setup, evaluationDays: validationDays }, bestOnTest }
  }

  let transforms = null
  if (args.segments) {
    started = performance.now()
    const { k, seed, nInit } = defaultsOf(SEGMENT_OPTIONS.rows)
    transforms = compareSegmentTransforms(aggregates, { k: k === 'auto' ? DEFAULT_K : k, seed, nInit })
    log(`segment transforms compared in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }

  let reference = null
  if (args.reference) {
    started = performance.now()
    reference = await runReference(args.input, { evaluationDays: args.evaluationDays, cutoff: args.cutoff })
    log(`pandas reference in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }

  return { command: commandLine(argv), date, machine, input: path.basename(args.input), report, variants, validation, transforms, reference }
}

export async function main (argv: string[]): Promise<number> {
  try {
    const parsed = parseEvaluateArgs(argv)
    if (parsed.help) {
      process.stdout.write(HELP + '\n')
      return 0
    }
    const { args } = parsed
    const run = await runEvaluation(args, argv, (line) => process.stderr.write(line + '\n'))
    const markdown = formatEvaluationMarkdown(run)
    process.stdout.write((args.json ? JSON.stringify(run, null, 2) : markdown) + '\n')
    if (args.readme) {
      const readme = path.join(PROJECT_ROOT, 'README.md')
      await writeEvaluationSection(readme, markdown)
      process.stderr.write(`README.md evaluation section updated (${readme})\n`)
    }
    return 0
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`error: ${error.message}\n`)
      return 2
    }
    process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}
