import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import t from 'tap'
import { watchArtifacts } from '../../../../../services/plugins/app/model-store/watch.js'
import { waitFor } from '../../../../helpers/build.js'

const quiet = { info () {}, warn () {}, error () {}, debug () {} }

t.test('file-system events call onChange (the poll is far away)', async (t) => {
  const dir = t.testdir()
  let changes = 0
  const watcher = watchArtifacts(dir, 60_000, () => { changes++ }, quiet)
  t.teardown(() => watcher.close())
  await writeFile(path.join(dir, 'LATEST'), 'x\n')
  await waitFor(() => changes > 0, 10_000, 'a file-system event')
  t.ok(changes > 0)
})

t.test('the poll calls onChange even when the directory cannot be watched; close() stops it', async (t) => {
  const dir = path.join(t.testdir(), 'later')
  let changes = 0
  const watcher = watchArtifacts(dir, 50, () => { changes++ }, quiet)
  t.teardown(() => watcher.close())
  await waitFor(() => changes >= 2, 10_000, 'two polls')
  await mkdir(dir)
  await waitFor(() => changes >= 4, 10_000, 'more polls once the directory exists')
  watcher.close()
  const afterClose = changes
  await new Promise((resolve) => setTimeout(resolve, 200))
  t.equal(changes, afterClose, 'close() stops both the watcher and the poll')
})
