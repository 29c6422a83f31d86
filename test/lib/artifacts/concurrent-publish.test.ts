// Issue 8, finding 2: overlapping publishes with `keep` deleted each other's versions (LATEST
// named a deleted version in 7 of 9 rounds; a second pruner died with ENOENT after its publish
// succeeded). Four publishers start in the same millisecond, 50 rounds for each keep value.
import t from 'tap'
import { readdir } from 'node:fs/promises'
import { TEMP_PREFIX, listVersions, loadVersion, publishVersion, readLatest } from '../../../lib/artifacts/index.js'
import { fixtureManifestDraft, fixtureModelFiles, fixtureFiles } from '../../helpers/fixtures.js'

const PUBLISHERS = 4
const ROUNDS = 50

function modelFiles (variant: number): Record<string, string | Uint8Array> {
  const model = fixtureModelFiles(variant)
  return {
    ...fixtureFiles(model, false)
  }
}

for (const keep of [1, 2, 5]) {
  t.test(`${PUBLISHERS} concurrent publishers × ${ROUNDS} rounds, keep ${keep}`, async (t) => {
    const dir = t.testdir()
    const inputs = Array.from({ length: PUBLISHERS }, (_, i) => ({ files: modelFiles(i), draft: fixtureManifestDraft(fixtureModelFiles(i)) }))
    let failures = 0
    let danglingLatest = 0
    let overKeep = 0
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.allSettled(inputs.map(({ files, draft }) => publishVersion(dir, files, draft, { keep })))
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      failures += rejected.length
      if (rejected.length > 0 && failures === rejected.length) t.comment(`first failure: ${String(rejected[0].reason)}`)

      const latest = await readLatest(dir)
      const versions = await listVersions(dir)
      if (latest === null || !versions.includes(latest)) danglingLatest++
      else await loadVersion(dir, latest) // throws when LATEST names an incomplete version
      // nothing is in flight between rounds: exactly `keep` versions at most
      if (versions.length > keep) overKeep++
      const temporaries = (await readdir(dir)).filter((name) => name.startsWith(TEMP_PREFIX))
      if (temporaries.length > 0) t.fail(`round ${round}: temporaries left behind: ${temporaries.join(', ')}`)
    }
    t.equal(failures, 0, 'every publisher resolved (its version was published)')
    t.equal(danglingLatest, 0, 'LATEST always named a complete version on disk')
    t.equal(overKeep, 0, `never more than ${keep} versions after a round`)
  })
}
