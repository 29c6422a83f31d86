// The trainer's command line: options, help, exit statuses. trainer/cli.ts runs it. A first
// argument `models` runs the model operations instead (trainer/models-command.ts), so the one
// trainer image both trains and pins: `docker-compose run --rm trainer models pin VERSION`.
// Exit status: 0 published, 2 bad usage or input (one-line error), 1 internal failure.
import { parseArgs } from 'node:util'
import pino from 'pino'
import { isUserError, ShopperError } from '../lib/errors.js'
import type { TrainOptions } from './options.js'
import { trainAndPublish, formatSummary } from './train.js'
import { createProgress } from './progress.js'
import { chooseArtifactsDir, processIo, reportFailure, type CommandIo } from './cli-io.js'
import { runModelsCommand } from './models-command.js'

const HELP = `Usage: npm run train -- [options]

Reads a shop's transaction log (CSV, plain or gzip, UCI Online Retail schema), computes RFM
segments and product neighbours, and publishes a versioned model into the artifacts directory.

Input
  --input FILE             transaction log (default: the bundled UCI Online Retail data)
  --columns MAP            map other column names: invoice=OrderId,customerId=Client,...
                           (fields: invoice stockCode description quantity invoiceDate
                            unitPrice customerId country)
  --max-malformed SHARE    fail when more than this share of rows is malformed (default 0.01)
  --non-product-codes LIST comma-separated stock codes never recommended (replaces the default
                           list: POST,DOT,C2,M,D,S,B,BANK CHARGES,AMAZONFEE,CRUK,PADS)
Segments
  --k N|auto               number of segments (default 4); auto picks from the k = 2..10 sweep
  --transform log1p|none   RFM transform before scaling (default log1p; none = original project)
  --seed N                 random seed (default 42): same input + options = same model
  --n-init N               K-Means restarts per k (default 10)
  --as-of DATE             snapshot date for recency (default: day after the last invoice)
Recommendations
  --top-k N                neighbours kept per product (default 20)
  --min-support N          minimum customers two products share to be neighbours (default 5)
  --weighting W            binary | quantity | log-quantity (default binary)
  --popularity-damping A   divide scores by (customers of the neighbour)^A (default 0)
  --evaluate               measure recommendation quality on a chronological split
  --evaluation-days N      days at the end held out as the test period (default 90)
Output
  --out DIR                artifacts directory (default: $ARTIFACTS_DIR or ./artifacts)
  --keep N                 keep at most N versions (the one LATEST names is never pruned)
  --quiet                  no progress on stderr
  -h, --help               this help

Progress goes to stderr; structured JSON logs (pino) and the final summary go to stdout.
Model versions and pins (list, pin VERSION, unpin): npm run train -- models --help`

const ARG_SPEC = {
  input: { type: 'string' },
  columns: { type: 'string' },
  'max-malformed': { type: 'string' },
  'non-product-codes': { type: 'string' },
  k: { type: 'string' },
  transform: { type: 'string' },
  seed: { type: 'string' },
  'n-init': { type: 'string' },
  'as-of': { type: 'string' },
  'top-k': { type: 'string' },
  'min-support': { type: 'string' },
  weighting: { type: 'string' },
  'popularity-damping': { type: 'string' },
  evaluate: { type: 'boolean' },
  'evaluation-days': { type: 'string' },
  out: { type: 'string' },
  keep: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const

function number (name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new ShopperError('ERR_USAGE', `--${name} must be a number, got "${text}"`)
  return value
}

function parseColumns (text: string | undefined): TrainOptions['columns'] {
  if (text === undefined) return undefined
  const mapping: Record<string, string> = {}
  for (const pair of text.split(',')) {
    const [field, column] = pair.split('=').map((s) => s.trim())
    if (!field || !column) throw new ShopperError('ERR_USAGE', `--columns expects field=Column pairs separated by commas, got "${pair}"`)
    mapping[field] = column
  }
  return mapping as TrainOptions['columns']
}

export function parseTrainArgs (argv: string[], env: NodeJS.ProcessEnv = process.env): { help: true } | { help: false, quiet: boolean, options: Partial<TrainOptions> & { out: string } } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: ARG_SPEC, allowPositionals: false, strict: true })
  } catch (error) {
    throw new ShopperError('ERR_USAGE', `${(error as Error).message} (see --help)`)
  }
  const v = parsed.values
  if (v.help) return { help: true }
  const asOf = v['as-of'] === undefined ? undefined : new Date(v['as-of'])
  if (asOf && Number.isNaN(asOf.getTime())) throw new ShopperError('ERR_USAGE', `--as-of must be a date like 2011-12-10, got "${v['as-of']}"`)
  return {
    help: false,
    quiet: v.quiet === true,
    options: {
      input: v.input,
      out: chooseArtifactsDir(v.out, env),
      columns: parseColumns(v.columns),
      maxMalformedShare: number('max-malformed', v['max-malformed']),
      nonProductCodes: v['non-product-codes']?.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean),
      k: v.k === 'auto' ? 'auto' : number('k', v.k),
      transform: v.transform as TrainOptions['transform'] | undefined,
      seed: number('seed', v.seed),
      nInit: number('n-init', v['n-init']),
      asOf,
      topK: number('top-k', v['top-k']),
      minSupport: number('min-support', v['min-support']),
      weighting: v.weighting as TrainOptions['weighting'] | undefined,
      popularityDamping: number('popularity-damping', v['popularity-damping']),
      evaluate: v.evaluate,
      evaluationDays: number('evaluation-days', v['evaluation-days']),
      keep: number('keep', v.keep)
    }
  }
}

export async function main (argv: string[], io: CommandIo = processIo): Promise<number> {
  if (argv[0] === 'models') return await runModelsCommand(argv.slice(1), io)
  const logger = pino({ name: 'trainer', level: io.env.LOG_LEVEL ?? 'info' })
  try {
    const args = parseTrainArgs(argv, io.env)
    if (args.help) {
      io.stdout.write(HELP + '\n')
      return 0
    }
    const progress = createProgress(process.stderr, !args.quiet)
    const result = await trainAndPublish(args.options, logger, progress)
    if (!args.quiet) io.stderr.write(formatSummary(result) + '\n')
    return 0
  } catch (error) {
    // the errno error behind a one-line ERR_OUTPUT_UNWRITABLE goes to the log, not to the terminal
    if (isUserError(error)) logger.error({ code: error.code, cause: error.cause instanceof Error ? error.cause.message : undefined }, error.message)
    else logger.error({ err: error }, 'training failed')
    return reportFailure(error, io)
  }
}
