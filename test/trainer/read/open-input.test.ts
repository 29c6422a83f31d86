import t from 'tap'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ShopperError } from '../../../lib/errors.js'
import { openInput } from '../../../trainer/read/open-input.js'
import { gzip } from './fixtures.js'

async function readAll (chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return Buffer.concat(parts).toString()
}

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

t.test('gzip is recognised by its magic bytes, not by its name; size and hash are of the stored bytes', async (t) => {
  const text = 'a,b\n1,2\n'.repeat(1000)
  const dir = t.testdir({ 'gzipped.csv': gzip(text), 'plain.csv.gz': text })
  for (const [name, gzipped] of [['gzipped.csv', true], ['plain.csv.gz', false]] as const) {
    const file = path.join(dir, name)
    const input = await openInput(file)
    t.equal(input.gzip, gzipped, `${name}: gzip ${gzipped}`)
    t.equal(input.fileName, name)
    t.throws(() => input.raw(), /before the input was read/, 'no hash before the end')
    t.equal(await readAll(input.chunks), text, `${name}: content`)
    t.same(input.raw(), { bytes: readFileSync(file).length, sha256: sha256(file) })
  }
})

t.test('missing, empty, directory, corrupt gzip', async (t) => {
  const good = gzip('a,b\n1,2\n'.repeat(5000))
  const dir = t.testdir({ 'empty.csv': '', sub: {}, 'corrupt.csv.gz': Buffer.concat([good.subarray(0, 200), Buffer.alloc(200, 7)]), 'truncated.csv.gz': good.subarray(0, good.length - 20) })
  await t.rejects(openInput(path.join(dir, 'nope.csv')), { code: 'ERR_INPUT_NOT_FOUND', message: /input file not found: .*nope\.csv/ })
  await t.rejects(openInput(path.join(dir, 'empty.csv')), { code: 'ERR_INPUT_UNREADABLE', message: /the file is empty/ })
  await t.rejects(openInput(path.join(dir, 'sub')), { code: 'ERR_INPUT_UNREADABLE', message: /not a regular file/ })
  for (const name of ['corrupt.csv.gz', 'truncated.csv.gz']) {
    const input = await openInput(path.join(dir, name))
    const error = await readAll(input.chunks).then(() => undefined, (e: unknown) => e as ShopperError)
    t.equal(error?.code, 'ERR_INPUT_UNREADABLE', name)
    t.match(error?.message, /corrupt gzip data/, name)
  }
})
