// Data rows of a CSV file (plain or gzip), for "time against rows" tables. Counts line breaks,
// which equals rows for these files (no field holds a line break).
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { isGzip } from './gzip-magic.js'

/** Lines after the header (a last line without a final newline counts). */
export async function countDataRows (file: string): Promise<number> {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 })
  const stream = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw
  let lines = 0
  let last = 0x0a
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(0x0a)
    while (at !== -1) {
      lines++
      at = chunk.indexOf(0x0a, at + 1)
    }
    if (chunk.length > 0) last = chunk[chunk.length - 1]
  }
  if (last !== 0x0a) lines++
  return Math.max(0, lines - 1)
}
