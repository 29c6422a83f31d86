// A LineVisitor gets the lines split by hand as byte ranges: split on their commas and decoded,
// they must be exactly the records (fields and offsets) csv-parse alone gives, and every other
// call the same as csv-parse's.
import t, { type Test } from 'tap'
import type { CsvError } from 'csv-parse'
import { visitRecords } from '../../../trainer/read/csv-records.js'
import { visitRecordsHybrid } from '../../../trainer/read/hybrid-records.js'
import { randomCsv } from './fixtures.js'

type Call = ['record', string[], number] | ['skipped', string, number]

function csvParseCalls (bytes: Buffer): Call[] {
  const out: Call[] = []
  visitRecords(bytes, {
    record: (fields, end) => { out.push(['record', fields, end]) },
    skipped: (error: CsvError, at) => { out.push(['skipped', error.code, at]) }
  })
  return out
}

/** the calls of a LineVisitor, its byte ranges decoded and split as records */
function lineCalls (bytes: Buffer): { calls: Call[], lines: number } {
  const out: Call[] = []
  let lines = 0
  visitRecordsHybrid(bytes, {
    line: (start, end, recordEnd) => {
      lines++
      out.push(['record', bytes.toString('utf8', start, end).split(','), recordEnd])
    },
    record: (fields, end) => { out.push(['record', fields, end]) },
    skipped: (error: CsvError, at) => { out.push(['skipped', error.code, at]) }
  })
  return { calls: out, lines }
}

function same (t: Test, text: string | Buffer, what: string): void {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text)
  t.same(lineCalls(bytes).calls, csvParseCalls(bytes), what)
}

const ROW = '12346,21719~1,3,1,1303907700000,1303907700000'

t.test('fixtures: byte ranges split on commas are csv-parse\'s records', async (t) => {
  const cases: Record<string, string | Buffer> = {
    'plain lines': `${ROW}\n${ROW}\n`,
    'quoted field with commas and doubled quotes': `${ROW}\n1,"A, ""B""",4\n${ROW}\n`,
    'embedded newline': `${ROW}\n1,"TWO\nLINES",3\n${ROW}\n`,
    'CRLF line endings': `${ROW}\r\n1,"A,\r\nB",3\r\n${ROW}\r\n\r\n${ROW}\r\n`,
    'CRLF file with a bare LF inside a line': `${ROW}\r\n1,A\nB,3\r\n${ROW}\r\n`,
    'empty lines and empty fields': `\n${ROW}\n\n,\n,,\n${ROW}\n\n`,
    'trailing line without newline': `${ROW}\n${ROW}`,
    'a broken quote': `${ROW}\n1,"BROKEN"X,3\n${ROW}\n`,
    'non-ASCII text and invalid UTF-8': Buffer.concat([Buffer.from(`${ROW}\n1,CAFÉ £5,3\n1,"NAÏVE, 😀",3\n`), Buffer.from([0x31, 0x2c, 0xe2, 0x82, 0x2c, 0x33, 0x0a, 0xff, 0x0a]), Buffer.from(`1,"Ω\nΣ",2\n${ROW}\n`)]),
    'first line quoted': `1,"A\nB",3\n${ROW}\n`,
    empty: ''
  }
  for (const [what, text] of Object.entries(cases)) same(t, text, what)
})

t.test('plain lines reach line(), not record()', async (t) => {
  const { calls, lines } = lineCalls(Buffer.from(`${ROW}\n1,"A, B",3\n${ROW}\r\n${ROW}\n`))
  t.equal(calls.length, 4)
  t.equal(lines, 3, 'the quoted line alone goes through csv-parse (the CR stays in a LF file\'s field)')
})

t.test('random CSV: the same calls as csv-parse alone', async (t) => {
  const pieces = ['abc', '"x,y"', '"say ""hi"""', '"two\nlines"', '"cr\r\nlf"', '', '-12', 'é£', 'a"b', '"open', '"bad"x', '\r', ' ']
  for (let seed = 1; seed <= 300; seed++) {
    const text = randomCsv(seed, pieces)
    const bytes = Buffer.from(text)
    if (!t.same(lineCalls(bytes).calls, csvParseCalls(bytes), `seed ${seed}`)) t.comment(JSON.stringify(text))
  }
})
