// A trainer's publish step in a loop, as a separate process: `publish-loop.ts DIR ROUNDS KEEP VARIANT`.
// Prints one published version name per line; exits 0 only when every publish resolved.
import { encodeModelFiles, publishVersion } from '../../../lib/artifacts/index.js'
import { fixtureManifestDraft, fixtureModelFiles } from '../fixtures.js'

const [artifactsDir, rounds, keep, variant] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])]
const model = fixtureModelFiles(variant)
const { purchases: _purchases, ...withoutPurchases } = model
const files = encodeModelFiles(withoutPurchases)
for (let round = 0; round < rounds; round++) {
  const published = await publishVersion(artifactsDir, files, fixtureManifestDraft(model), { keep })
  process.stdout.write(published.version + '\n')
}
