// `npm run models -- list | pin VERSION | unpin` (also `npm run train -- models …`, and in the
// trainer image `docker-compose run --rm trainer models …`): the operator's view of an artifacts
// directory and its pin. A pin is the file PINNED in the directory, not a process's memory, so it
// reaches every API replica watching the directory within its poll interval, survives restarts,
// and needs no admin token — only write access to the directory, which the trainer has and the
// API replicas (read-only volume) do not.
// Exit status: 0 done, 2 bad usage, unknown or invalid version, unwritable directory (one line), 1 internal failure.
import { stat } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { ArtifactError, ShopperError } from '../lib/errors.js'
import {
  loadVersion, pinVersion, readLatestState, readPin, unpinVersion,
  type Manifest, type PinRecord, type PinState, type PointerState
} from '../lib/artifacts/index.js'
import { chooseArtifactsDir, processIo, reportFailure, type CommandIo } from './cli-io.js'
import { describeInvalid, describePin, formatInventory, takeInventory } from './model-inventory.js'
import { explainOutputErrors } from './output-dir.js'

export const MODELS_HELP = `Usage: npm run models -- <command> [options]      (or: npm run train -- models …)
       docker-compose run --rm trainer models <command> [options]

The model versions in an artifacts directory, and which one every API replica serves.

Commands
  list                     every version (newest first): creation time and status — LATEST,
                           pinned, valid, or invalid with the reason (the service's full check);
                           what LATEST names and the pin record (who, when, why)
  pin VERSION              check VERSION as the service would (every file, size, sha256, schema),
                           then record the pin in the file PINNED: every API replica on this
                           directory serves VERSION within its poll interval, whatever LATEST
                           says, also after a restart — until \`unpin\`
  unpin                    remove the pin: every replica follows LATEST again

Options
  --out DIR                artifacts directory (default: $ARTIFACTS_DIR or ./artifacts)
  --note TEXT              pin: why, in your words (kept in the record, at most 500 characters)
  --by NAME                pin: who pins (default: user@host)
  -h, --help               this help

PUT /models/active does the same through the API, but only where the API may write the volume;
on a read-only volume it answers 409 ERR_ARTIFACTS_READ_ONLY, and this command is the way.`

const ARG_SPEC = {
  out: { type: 'string' },
  note: { type: 'string' },
  by: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** the pin record's limits (lib/artifacts/pin.ts), refused here rather than cut short there */
const MAX_NOTE = 500
const MAX_BY = 200

type ModelsArgs =
  | { command: 'help' }
  | { command: 'list', dir: string }
  | { command: 'pin', dir: string, version: string, note?: string, by?: string }
  | { command: 'unpin', dir: string }

function usage (message: string): never {
  throw new ShopperError('ERR_USAGE', `${message} (see models --help)`)
}

export function parseModelsArgs (argv: string[], env: NodeJS.ProcessEnv): ModelsArgs {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: ARG_SPEC, allowPositionals: true, strict: true })
  } catch (error) {
    usage((error as Error).message)
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || command === 'help') return { command: 'help' }
  const dir = chooseArtifactsDir(values.out, env)
  if (command === undefined) usage('models: expected a command: list, pin VERSION or unpin')
  if (command !== 'pin' && (values.note !== undefined || values.by !== undefined)) usage(`--note and --by belong to models pin, not models ${command}`)
  if (command === 'list' || command === 'unpin') {
    if (rest.length > 0) usage(`models ${command} takes no arguments, got "${rest.join(' ')}"`)
    return { command, dir }
  }
  if (command === 'pin') {
    if (rest.length !== 1) usage(`models pin expects one VERSION${rest.length ? `, got ${rest.length}: "${rest.join(' ')}"` : ''}`)
    if (values.note !== undefined && values.note.length > MAX_NOTE) usage(`--note has ${values.note.length} characters; at most ${MAX_NOTE}`)
    if (values.by !== undefined && (values.by.trim() === '' || values.by.length > MAX_BY)) usage(`--by must be 1 to ${MAX_BY} characters`)
    return { command, dir, version: rest[0], note: values.note || undefined, by: values.by }
  }
  usage(`models: unknown command "${command}"; expected list, pin VERSION or unpin`)
}

export async function runModelsCommand (argv: string[], io: CommandIo = processIo): Promise<number> {
  try {
    const args = parseModelsArgs(argv, io.env)
    if (args.command === 'help') {
      io.stdout.write(MODELS_HELP + '\n')
      return 0
    }
    await assertArtifactsDir(args.dir)
    if (args.command === 'list') io.stdout.write(formatInventory(await takeInventory(args.dir)) + '\n')
    else if (args.command === 'pin') io.stdout.write(await pin(args.dir, args.version, args) + '\n')
    else io.stdout.write(await unpin(args.dir) + '\n')
    return 0
  } catch (error) {
    return reportFailure(error, io)
  }
}

/** There is nothing to list or pin in a directory that does not exist: most likely a wrong --out. */
async function assertArtifactsDir (dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null)
  if (!info) usage(`no artifacts directory at ${dir}; choose it with --out DIR or $ARTIFACTS_DIR`)
  if (!info.isDirectory()) usage(`the artifacts directory ${dir} is not a directory`)
}

async function pin (dir: string, version: string, options: { note?: string, by?: string }): Promise<string> {
  let before: PinState = { state: 'none' }
  let latest: PointerState = { state: 'missing' }
  let manifest: Manifest | undefined
  const record = await explainOutputErrors(dir, () => pinVersion(dir, version, {
    by: options.by,
    note: options.note,
    // under the writers' lock, so the version cannot be pruned or replaced between check and record
    check: async () => {
      [before, latest] = await Promise.all([readPin(dir), readLatestState(dir)])
      try {
        manifest = (await loadVersion(dir, version)).manifest
      } catch (error) {
        if (!(error instanceof ArtifactError)) throw error
        throw new ShopperError('ERR_VERSION_NOT_PINNABLE', `model version ${version} cannot serve, so it was not pinned: ${describeInvalid(error)}`)
      }
    }
  }))
  return [
    `pinned ${describeRecord(record)}`,
    `  ${describeManifest(manifest)}`,
    `  replaces: ${before.state === 'none' ? 'no pin' : describePin(before)}`,
    `every API replica on ${dir} serves ${version} within its poll interval, whatever LATEST (${describeLatest(latest)}) says; \`models unpin\` to follow LATEST again`
  ].join('\n')
}

async function unpin (dir: string): Promise<string> {
  const before = await readPin(dir)
  const removed = await explainOutputErrors(dir, () => unpinVersion(dir))
  const latest = describeLatest(await readLatestState(dir))
  if (removed) return `unpinned ${describeRecord(removed)}\nevery API replica on ${dir} follows LATEST (${latest}) again within its poll interval`
  if (before.state === 'invalid') return `removed an unusable PINNED (${before.reason}); every API replica follows LATEST (${latest})`
  return `nothing was pinned; every API replica follows LATEST (${latest})`
}

function describeRecord (record: PinRecord): string {
  return describePin({ state: 'pinned', record })
}

function describeManifest (manifest: Manifest | undefined): string {
  if (!manifest) return 'valid'
  return `valid: created ${manifest.createdAt}, ${manifest.cleaning.rowsKept.toLocaleString('en-GB')} rows, k = ${manifest.segmentation.k}, ${manifest.recommendations.products.toLocaleString('en-GB')} products`
}

function describeLatest (latest: PointerState): string {
  if (latest.state === 'ok') return latest.version
  return latest.state === 'missing' ? 'none' : `unusable: ${latest.reason}`
}
