// The trainer's options: every stage's option table (trainer/option-table), composed. Each option
// is declared once, in the table of the stage that uses it — its type, bounds, default, flag, help
// line and manifest entry — and this module only puts the tables together: TrainOptions, the
// one check at the trainer's boundary, and the manifest's `options`.
import type { TrainingOptions } from '../lib/artifacts/index.js'
import { ShopperError } from '../lib/errors.js'
import { EVALUATION_OPTIONS } from './evaluate/options.js'
import { NEIGHBOUR_OPTIONS, neighbourOptionConflict } from './neighbours/options.js'
import { byFlag, composeTables, manifestEntries, resolveOptions, type ManifestValues, type OptionValues } from './option-table/index.js'
import { PUBLISH_OPTIONS } from './publish.js'
import { READ_OPTIONS } from './read/options.js'
import { RFM_OPTIONS } from './rfm.js'
import { SEGMENT_OPTIONS } from './segments/options.js'
import { VALUE_OPTIONS } from './value/options.js'

/** In the order --help lists them. */
export const TRAIN_OPTIONS = composeTables(READ_OPTIONS, SEGMENT_OPTIONS, RFM_OPTIONS, VALUE_OPTIONS, NEIGHBOUR_OPTIONS, EVALUATION_OPTIONS, PUBLISH_OPTIONS)

export type TrainOptions = OptionValues<typeof TRAIN_OPTIONS.rows>

/** What a caller of trainAndPublish gives: where to publish, and any options to change. */
export type GivenTrainOptions = Partial<TrainOptions> & Pick<TrainOptions, 'out'>

/** `given` over the stages' defaults, every value checked once here; throws ERR_USAGE naming the flag. */
export function resolveTrainOptions (given: GivenTrainOptions): TrainOptions {
  const options = resolveOptions(TRAIN_OPTIONS.rows, given, byFlag)
  // before reading a row: options that are each valid but do not go together
  const conflict = neighbourOptionConflict(options)
  if (conflict !== undefined) throw new ShopperError('ERR_USAGE', conflict)
  return options
}

/** The options as the manifest records them: JSON-safe, without the paths (the manifest's `input` names the file). */
export function optionsForManifest (options: TrainOptions): TrainingOptions {
  // typed from the tables; the compiler checks it against the contract's type, and
  // test/trainer/options.test.ts checks every schema (bounds included) against the contract's
  const entries: ManifestValues<typeof TRAIN_OPTIONS.rows> = manifestEntries(TRAIN_OPTIONS.rows, options)
  return entries
}
