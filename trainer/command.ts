// The trainer's command line: options, help, exit statuses. trainer/cli.ts runs it. A first
// argument `models` runs the model operations instead (trainer/models-command.ts), so the one
// trainer image both trains and pins: `docker-compose run --rm trainer models pin VERSION`.
// Exit status: 0 published, 2 bad usage or input (one-line error), 1 internal failure.
import { parseArgs } from 'node:util'
import pino from 'pino'
import { isUserError, ShopperError } from '../lib/errors.js'
import { argSpec, helpListing, option, optionTable, toggle, valuesFromArgs } from './option-table/index.js'
import { TRAIN_OPTIONS, type GivenTrainOptions } from './options.js'
import { trainAndPublish, formatSummary } from './train.js'
import { createProgress } from './progress.js'
import { chooseArtifactsDir, processIo, reportFailure, type CommandIo } from './cli-io.js'
import { runModelsCommand } from './models-command.js'

/** The command's own flags: how it runs, not what it trains. */
const COMMAND_FLAGS = optionTable('Output', {
  quiet: option({ kind: toggle(), flag: 'quiet', help: 'no progress on stderr', default: false, manifest: 'none' }),
  help: option({ kind: toggle(), flag: 'help', short: 'h', help: 'this help', default: false, manifest: 'none' })
})

const HELP = `Usage: npm run train -- [options]

Reads a shop's transaction log (CSV, plain or gzip, UCI Online Retail schema), computes RFM
segments and product neighbours, and publishes a versioned model into the artifacts directory.

${helpListing([...TRAIN_OPTIONS.tables, COMMAND_FLAGS])}

Progress goes to stderr; structured JSON logs (pino) and the final summary go to stdout.
Model versions and pins (list, pin VERSION, unpin): npm run train -- models --help`

const ARG_SPEC = { ...argSpec(TRAIN_OPTIONS.rows), ...argSpec(COMMAND_FLAGS.rows) }

/** The flags given, read into options (their checks and the defaults come in trainAndPublish). */
export function parseTrainArgs (argv: string[], env: NodeJS.ProcessEnv = process.env): { help: true } | { help: false, quiet: boolean, options: GivenTrainOptions } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: ARG_SPEC, allowPositionals: false, strict: true })
  } catch (error) {
    throw new ShopperError('ERR_USAGE', `${(error as Error).message} (see --help)`)
  }
  const flags = valuesFromArgs(COMMAND_FLAGS.rows, parsed.values)
  if (flags.help === true) return { help: true }
  const given = valuesFromArgs(TRAIN_OPTIONS.rows, parsed.values)
  return { help: false, quiet: flags.quiet === true, options: { ...given, out: chooseArtifactsDir(given.out, env) } }
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
