// The hybrid reader must make exactly the calls csv-parse alone makes: same records, same fields,
// same byte offsets, same skipped records at the same offsets.
import t, { type Test } from 'tap'
import type { CsvError } from 'csv-parse'
import { visitRecords } from '../../../trainer/read/csv-records.js'
import { visitRecordsHybrid } from '../../../trainer/read/hybrid-records.js'
import { randomCsv } from './fixtures.js'

type Call = ['record', string[], number] | ['skipped', string, number]

function calls (visit: typeof visitRecords, bytes: Buffer): Call[] {
  const out: Call[] = []
  visit(bytes, {
    record: (fields, end) => { out.push(['record', fields, end]) },
    skipped: (error: CsvError, at) => { out.push(['skipped', error.code, at]) }
  })
  return out
}

function same (t: Test, text: string | Buffer, what: string): void {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text)
  t.same(calls(visitRecordsHybrid, bytes), calls(visitRecords, bytes), what)
}

const ROW = '536365,85123A,WHITE HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom'

t.test('fixtures: the same calls as csv-parse alone', async (t) => {
  const cases: Record<string, string | Buffer> = {
    'plain lines': `${ROW}\n${ROW}\n`,
    'quoted field with commas': `${ROW}\n1,2,"A, B, C",4\n${ROW}\n`,
    'doubled quotes': `${ROW}\n1,"RECORD 7"" SINGLE",3\n1,"""QUOTED""",3\n`,
    'embedded newline': `${ROW}\n1,"TWO\nLINES",3\n${ROW}\n1,"THREE\n\nLINES, EMPTY ONE",3\n${ROW}\n`,
    'embedded CRLF in a LF file': `${ROW}\n1,"A\r\nB",3\n${ROW}\n`,
    'CRLF line endings': `${ROW}\r\n1,"A,\r\nB",3\r\n${ROW}\r\n\r\n${ROW}\r\n`,
    'CRLF file with a bare LF inside a line': `${ROW}\r\n1,A\nB,3\r\n${ROW}\r\n`,
    'CRLF file with a bare LF inside quotes': `${ROW}\r\n1,"A\nB",3\r\n${ROW}\r\n`,
    'LF file with a CR before some newlines (content for csv-parse)': `${ROW}\n${ROW}\r\n1,2\r\n\r\n${ROW}\n`,
    'lone CR in the first line (csv-parse takes CR as the delimiter)': `a\rb,c\n${ROW}\n`,
    'CR-only line endings': `${ROW}\r${ROW}\r`,
    'first line quoted': `1,"A\nB",3\n${ROW}\n${ROW}\n`,
    'empty lines': `\n${ROW}\n\n\n${ROW}\n\n`,
    'trailing line without newline': `${ROW}\n${ROW}`,
    'trailing quoted line without newline': `${ROW}\n1,"A,B",3`,
    'trailing CR without newline in a CRLF file': `${ROW}\r\n1,2,3\r`,
    'too few and too many fields': `${ROW}\n1,2,3\n${ROW},extra,more\n,\n`,
    'stray quotes inside unquoted fields': `${ROW}\n1,WHITE "HANGING" HEART,3\n${ROW}\n1,X"Y,3\n1,Z"W,3\n${ROW}\n`,
    'a quote closing a field too early': `${ROW}\n1,"RED "RETRO" SPOT",3\n${ROW}\n`,
    'a broken quote swallowing lines up to a later quote': `${ROW}\n1,"BROKEN"X,3\n${ROW}\n1,"C, D",3\n${ROW}\n`,
    'an unclosed quote': `${ROW}\n1,"OPEN,3\n${ROW}\n${ROW}\n`,
    'quote counts odd over several lines, no error': `${ROW}\n1,"A\n""B"",\nC",3\n${ROW}\n`,
    'non-ASCII text and invalid UTF-8': Buffer.concat([Buffer.from(`${ROW}\n1,CAFÉ £5,3\n1,"NAÏVE, 😀",3\n`), Buffer.from([0x31, 0x2c, 0xe2, 0x82, 0x2c, 0x33, 0x0a, 0xff, 0x0a]), Buffer.from(`1,"Ω\nΣ",2\n${ROW}\n`)]),
    'only empty lines': '\n\n\n',
    empty: ''
  }
  for (const [what, text] of Object.entries(cases)) same(t, text, what)
})

t.test('random CSV with quotes, stray quotes, line breaks of every kind: the same calls', async (t) => {
  const pieces = ['abc', '"x,y"', '"say ""hi"""', '"two\nlines"', '"cr\r\nlf"', '', '12.5', 'é£', 'a"b', '"open', 'close"', '"bad"x', '\r', ' ']
  for (let seed = 1; seed <= 300; seed++) {
    const text = randomCsv(seed, pieces)
    const bytes = Buffer.from(text)
    const expected = calls(visitRecords, bytes)
    const actual = calls(visitRecordsHybrid, bytes)
    if (!t.same(actual, expected, `seed ${seed}`)) t.comment(JSON.stringify(text))
  }
})
