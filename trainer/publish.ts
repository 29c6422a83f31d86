// The last stage: the trained version goes into the artifacts directory through the contract
// (lib/artifacts publishVersion: atomic, under the writers' lock, checksummed). Its options say
// where, and how many versions stay.
import { publishVersion, type ManifestDraft, type PublishedVersion } from '../lib/artifacts/index.js'
import { integer, option, optionTable, text, type OptionValues } from './option-table/index.js'
import { assertOutputWritable, explainOutputErrors } from './output-dir.js'

export const PUBLISH_OPTIONS = optionTable('Output', {
  out: option({
    kind: text(),
    flag: 'out',
    arg: 'DIR',
    help: 'artifacts directory',
    // the command line's default, shared with `models` (cli-io.ts); callers of trainAndPublish say where
    helpDefault: '$ARTIFACTS_DIR or ./artifacts',
    required: true,
    manifest: 'none'
  }),
  keep: option({
    kind: integer({ min: 1 }),
    flag: 'keep',
    help: "keep at most N versions; LATEST's and PINNED's are never pruned"
  })
})

export type PublishStageOptions = OptionValues<typeof PUBLISH_OPTIONS.rows>

/** Before any work: a read-only, misnamed or misplaced --out fails now, not after the training. */
export async function checkPublishable (options: PublishStageOptions): Promise<void> {
  await assertOutputWritable(options.out)
}

/** Publishes `files` and the manifest built from `draft`; the file system's refusals are one line (output-dir.ts). */
export async function publishModel (options: PublishStageOptions, files: Record<string, string | Uint8Array>, draft: ManifestDraft): Promise<PublishedVersion> {
  return await explainOutputErrors(options.out, () => publishVersion(options.out, files, draft, { keep: options.keep }))
}
