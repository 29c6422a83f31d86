import t from 'tap'
import { parse } from 'csv-parse/sync'
import { countNewlines, firstRecordEnd, RecordSplitter } from '../../../trainer/read/record-splitter.js'
import { seededRandom as random } from '../../../lib/seeded-random.js'

const bytes = (text: string): Buffer => Buffer.from(text)

/** CSV text whose fields sometimes need quoting: commas, doubled quotes, line breaks. */
function randomCsv (next: () => number, rows: number): string {
  const pieces = ['abc', 'x,y', 'say ""hi""', 'two\nlines', '', '12.5', 'é£']
  let text = ''
  for (let r = 0; r < rows; r++) {
    const fields = []
    for (let f = 0; f < 4; f++) {
      const piece = pieces[Math.floor(next() * pieces.length)]
      fields.push(/[,"\n]/.test(piece) ? `"${piece}"` : piece)
    }
    text += fields.join(',') + '\n'
  }
  return text
}

t.test('firstRecordEnd: the first newline outside quotes', async (t) => {
  t.equal(firstRecordEnd(bytes('a,b\nc,d\n')), 4)
  t.equal(firstRecordEnd(bytes('"a\nb",c\nd\n')), 8, 'a quoted line break is inside the record')
  t.equal(firstRecordEnd(bytes('"say ""x""\n",c\nd')), 15, 'doubled quotes keep the parity')
  t.equal(firstRecordEnd(bytes('a,b')), -1)
  t.equal(firstRecordEnd(bytes('"a\nb')), -1, 'unclosed quote: no boundary')
  t.equal(firstRecordEnd(bytes('x\ny"\nz"\nw\n'), 2), 8, 'from a position, counting quotes after it')
  t.equal(firstRecordEnd(bytes('b"\nz\n'), 0, true), 3, 'starting inside quotes')
})

t.test('countNewlines', async (t) => {
  t.equal(countNewlines(bytes('a\nb\n\nc')), 3)
  t.equal(countNewlines(bytes('a\nb\n\nc'), 2, 4), 1)
  t.equal(countNewlines(bytes('abc')), 0)
})

t.test('segments hold whole records, in order, and own their memory', async (t) => {
  const next = random(7)
  for (let trial = 0; trial < 20; trial++) {
    const text = randomCsv(next, 200)
    const input = bytes(text)
    const segmentBytes = 16 + Math.floor(next() * 400)
    const splitter = new RecordSplitter(segmentBytes)
    const segments: Buffer[] = []
    for (let at = 0; at < input.length;) {
      const size = 1 + Math.floor(next() * 300)
      segments.push(...splitter.push(input.subarray(at, at + size)))
      at += size
    }
    const last = splitter.end()
    if (last !== null) segments.push(last)
    t.equal(Buffer.concat(segments).toString(), text, `trial ${trial}: nothing lost or repeated`)
    t.same(segments.flatMap((segment) => parse(segment) as string[][]), parse(input), `trial ${trial}: each segment parses on its own to the same records`)
    t.ok(segments.slice(0, -1).every((segment) => segment.length >= segmentBytes), `trial ${trial}: only the last segment is short`)
    t.ok(segments.every((segment) => segment.byteOffset === 0 && segment.buffer.byteLength === segment.length), `trial ${trial}: transferable`)
  }
})

t.test('one large chunk yields several segments', async (t) => {
  const splitter = new RecordSplitter(10)
  const segments = splitter.push(bytes('aaaa,bbbb\n'.repeat(5)))
  t.same(segments.map((segment) => segment.toString()), Array(5).fill('aaaa,bbbb\n'))
  t.equal(splitter.end(), null)
})

t.test('a stray quote: cut at the last newline once the pending bytes reach the maximum', async (t) => {
  const splitter = new RecordSplitter(8, 32)
  const text = 'a,"b\n' + 'cccc,dddd\n'.repeat(5)
  const segments = splitter.push(bytes(text.slice(0, 20)))
  t.same(segments, [], 'no boundary, still below the maximum: wait')
  const more = splitter.push(bytes(text.slice(20)))
  t.equal(more.length, 1)
  t.equal(more[0].toString(), text, 'everything up to the last newline')
})
