import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { directorySize } from '../../../bench/lib/directory-size.js'

t.test('sums file lengths recursively, counting links as links', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dir-size-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  await writeFile(path.join(dir, 'a.json'), 'x'.repeat(1000))
  await mkdir(path.join(dir, 'v1'))
  await writeFile(path.join(dir, 'v1', 'b.json'), 'y'.repeat(5000))
  await writeFile(path.join(dir, 'v1', 'empty'), '')
  await symlink('v1', path.join(dir, 'LINK'))
  const size = await directorySize(dir)
  t.equal(size.files, 4)
  t.equal(size.bytes, 1000 + 5000 + 'v1'.length)
  t.ok(size.allocatedBytes >= 1000 + 5000, 'allocated space covers the contents')
})
