// Training options: documented defaults, merged under what the caller gives, validated once here
// at the boundary so the stages can trust them.
import path from 'node:path'
import { ShopperError } from '../lib/errors.js'
import type { Neighbours } from '../lib/artifacts/index.js'
import { PROJECT_ROOT } from '../lib/project-root.js'
import type { TransactionRow } from './transactions.js'

/** The bundled copy of UCI Online Retail (CC BY 4.0, see README). */
export const BUNDLED_INPUT = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')

export interface TrainOptions {
  /** transaction log: CSV, plain or gzip */
  input: string
  /** artifacts directory the version is published into */
  out: string
  /** number of segments, or 'auto' to pick from the k = 2..10 sweep */
  k: number | 'auto'
  seed: number
  /** K-Means restarts per k; the lowest inertia wins */
  nInit: number
  transform: 'log1p' | 'none'
  /** snapshot date for recency; default: the day after the last invoice */
  asOf?: Date
  topK: number
  minSupport: number
  weighting: Neighbours['weighting']
  popularityDamping: number
  /** share of rows that may be malformed before the run fails */
  maxMalformedShare: number
  /** logical field → CSV column name, for files with other headers */
  columns?: Partial<Record<keyof TransactionRow, string>>
  /** replaces the default list of non-product stock codes */
  nonProductCodes?: string[]
  /** keep at most this many versions after publishing (LATEST is never pruned) */
  keep?: number
  /** evaluate recommendation quality on a chronological split and store it in the manifest */
  evaluate: boolean
  /** days at the end of the data held out as the test period when evaluating */
  evaluationDays: number
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'out'> = {
  input: BUNDLED_INPUT,
  k: 4,
  seed: 42,
  nInit: 10,
  transform: 'log1p',
  // recommendation defaults chosen by the offline evaluation (see trainer/neighbours/options.ts)
  topK: 20,
  minSupport: 5,
  weighting: 'binary',
  popularityDamping: 0,
  maxMalformedShare: 0.01,
  evaluate: false,
  evaluationDays: 90
}

export const K_SWEEP = { min: 2, max: 10 } as const

function usage (message: string): never {
  throw new ShopperError('ERR_USAGE', message)
}

function positiveInteger (name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) usage(`--${name} must be a positive integer, got ${value}`)
}

/** Merges `given` over the defaults and checks every value; throws ERR_USAGE naming the option. */
export function resolveTrainOptions (given: Partial<TrainOptions> & { out: string }): TrainOptions {
  const options: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...stripUndefined(given), out: given.out }
  if (options.k !== 'auto') {
    positiveInteger('k', options.k)
    if (options.k < 2) usage(`--k must be at least 2 (or auto), got ${options.k}`)
  }
  positiveInteger('n-init', options.nInit)
  positiveInteger('top-k', options.topK)
  positiveInteger('min-support', options.minSupport)
  positiveInteger('evaluation-days', options.evaluationDays)
  if (options.keep !== undefined) positiveInteger('keep', options.keep)
  if (!Number.isInteger(options.seed)) usage(`--seed must be an integer, got ${options.seed}`)
  if (!['log1p', 'none'].includes(options.transform)) usage(`--transform must be log1p or none, got ${options.transform}`)
  if (!['binary', 'quantity', 'log-quantity'].includes(options.weighting)) {
    usage(`--weighting must be binary, quantity or log-quantity, got ${options.weighting}`)
  }
  if (!(options.popularityDamping >= 0 && options.popularityDamping <= 1)) {
    usage(`--popularity-damping must be between 0 and 1, got ${options.popularityDamping}`)
  }
  if (!(options.maxMalformedShare >= 0 && options.maxMalformedShare <= 1)) {
    usage(`--max-malformed must be a share between 0 and 1, got ${options.maxMalformedShare}`)
  }
  if (options.asOf && Number.isNaN(options.asOf.getTime())) usage('--as-of is not a valid date')
  return options
}

function stripUndefined<T extends object> (value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}

/** The options as recorded in the manifest: JSON-safe, and without the output path. */
export function optionsForManifest (options: TrainOptions): Record<string, unknown> {
  const { out: _out, input: _input, asOf, ...rest } = options
  return { ...rest, asOf: asOf?.toISOString() ?? null }
}
