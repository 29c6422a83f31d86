import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import t from 'tap'
import { countDataRows } from '../../../bench/lib/count-rows.js'

t.test('counts data rows of plain and gzip files, with or without a final newline', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'count-rows-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  const body = 'h1,h2\n' + Array.from({ length: 100_000 }, (_, i) => `${i},"x, y"`).join('\n')
  await writeFile(path.join(dir, 'a.csv'), body + '\n')
  await writeFile(path.join(dir, 'b.csv'), body)
  await writeFile(path.join(dir, 'c.csv.gz'), gzipSync(body + '\n'))
  await writeFile(path.join(dir, 'header-only.csv'), 'h1,h2\n')
  t.equal(await countDataRows(path.join(dir, 'a.csv')), 100_000)
  t.equal(await countDataRows(path.join(dir, 'b.csv')), 100_000)
  t.equal(await countDataRows(path.join(dir, 'c.csv.gz')), 100_000)
  t.equal(await countDataRows(path.join(dir, 'header-only.csv')), 0)
})
