// A writer that takes the artifacts directory's lock, starts a publish (a temporary directory
// with a file in it) and then waits: `ready <temp name>` on stdout once it holds the lock; it
// releases and exits when its stdin closes. Tests kill it (-9) to play a trainer dying mid-publish.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { TEMP_PREFIX, withArtifactsLock } from '../../../lib/artifacts/index.js'

const artifactsDir = process.argv[2]
await mkdir(artifactsDir, { recursive: true })
await withArtifactsLock(artifactsDir, async () => {
  const temp = `${TEMP_PREFIX}holder-${process.pid}`
  await mkdir(path.join(artifactsDir, temp))
  await writeFile(path.join(artifactsDir, temp, 'neighbours.json'), '{"half": "written')
  process.stdout.write(`ready ${temp}\n`)
  await new Promise<void>((resolve) => {
    process.stdin.on('end', resolve).resume()
  })
})
