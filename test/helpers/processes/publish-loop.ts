// A trainer's publish step in a loop, as a separate process: `publish-loop.ts DIR ROUNDS KEEP VARIANT`.
// Prints one published version name per line; exits 0 only when every publish resolved.
import { MODEL_FILES, publishVersion } from '../../../lib/artifacts/index.js'
import { fixtureManifestDraft, fixtureModelFiles } from '../fixtures.js'

const [artifactsDir, rounds, keep, variant] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])]
const model = fixtureModelFiles(variant)
const files = {
  [MODEL_FILES.segments]: JSON.stringify(model.segments),
  [MODEL_FILES.neighbours]: JSON.stringify(model.neighbours),
  [MODEL_FILES.catalogue]: JSON.stringify(model.catalogue),
  [MODEL_FILES.customers]: JSON.stringify(model.customers)
}
for (let round = 0; round < rounds; round++) {
  const published = await publishVersion(artifactsDir, files, fixtureManifestDraft(model), { keep })
  process.stdout.write(published.version + '\n')
}
