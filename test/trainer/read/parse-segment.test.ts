import t from 'tap'
import { recogniseHeader } from '../../../trainer/read/header.js'
import { parseSegment } from '../../../trainer/read/parse-segment.js'

const layout = recogniseHeader(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])
const line = (invoice: string, description: string, customer = '17850', quantity = '6'): string =>
  `${invoice},85123A,${description},${quantity},2010-12-01 08:26:00,2.55,${customer},United Kingdom`
const segment = (lines: string[], eol = '\n'): Buffer => Buffer.from(lines.join(eol) + eol)

t.test('well-formed rows are parsed and cleaned', async (t) => {
  const result = parseSegment(segment([line('1', 'A'), line('2', 'B', ''), line('C3', 'C'), line('4', 'D', '17851', '-2')]), layout)
  t.equal(result.rowsRead, 4)
  t.equal(result.newlines, 4)
  t.same(result.malformed, { rows: 0, examples: [] })
  t.same(result.dropped, { missingCustomer: 1, cancelled: 1, nonPositiveQuantity: 1, nonPositivePrice: 0 })
  t.equal(result.table.length, 1)
})

t.test('a quoted field holding commas, doubled quotes and a line break', async (t) => {
  const result = parseSegment(segment([line('1', '"SET OF 3 ""VINTAGE"" TINS, RED\nAND BLUE"'), line('2', 'PLAIN')]), layout)
  t.equal(result.rowsRead, 2)
  t.same([...result.table.descriptionCounts[0].keys()], ['SET OF 3 "VINTAGE" TINS, RED\nAND BLUE', 'PLAIN'])
})

t.test('malformed rows are counted with the line they start on (0 = first line of the segment)', async (t) => {
  const result = parseSegment(segment([
    line('1', '"TWO\nLINES"'), // lines 0-1
    line('2', 'A').replace(',6,', ',six,'), // line 2
    '3,85123A,SHORT,6', // line 3
    '', // blank line: not a row
    line('4', '"MORE\nLINES\nHERE"').replace('2.55', 'x'), // lines 5-7
    line('5', 'OK') // line 8
  ]), layout)
  t.equal(result.rowsRead, 5)
  t.same(result.malformed, {
    rows: 3,
    examples: [
      { lineOffset: 2, reason: 'unparsable Quantity "six"' },
      { lineOffset: 3, reason: 'expected 8 fields, found 4' },
      { lineOffset: 5, reason: 'unparsable UnitPrice "x"' }
    ]
  })
  t.equal(result.table.length, 2)
})

t.test('CRLF line endings', async (t) => {
  const result = parseSegment(segment([line('1', 'A'), line('2', 'B').replace('2.55', '?'), line('3', 'C')], '\r\n'), layout)
  t.same(result.malformed.examples, [{ lineOffset: 1, reason: 'unparsable UnitPrice "?"' }])
  t.equal(result.table.countries[0], 'United Kingdom', 'no carriage return left on the last field')
  t.equal(result.table.length, 2)
})

t.test('records csv-parse cannot read are skipped and counted once, the parse goes on', async (t) => {
  const result = parseSegment(segment([
    line('1', 'A'),
    line('2', 'WHITE "HANGING" HEART'), // quotes inside an unquoted field: two parser errors, one row
    line('3', 'B'),
    line('4', '"RED "RETRO" SPOT"'), // a quote closing a quoted field too early
    line('5', 'C')
  ]), layout)
  t.equal(result.rowsRead, 5)
  t.equal(result.malformed.rows, 2)
  t.same(result.malformed.examples.map((e) => e.lineOffset), [1, 3])
  t.match(result.malformed.examples[0].reason, /^unreadable CSV: Invalid Opening Quote/)
  t.match(result.malformed.examples[1].reason, /^unreadable CSV: Invalid Closing Quote/)
  t.notMatch(result.malformed.examples[0].reason, /at line/, 'segment-relative line numbers are left out')
  t.equal(result.table.length, 3, 'the rows around them are read')
})

t.test('an unclosed quote swallows the rest of the segment: every swallowed line counts', async (t) => {
  const result = parseSegment(segment([line('1', 'A'), line('2', '"OPEN'), line('3', 'B'), line('4', 'C')]), layout)
  t.equal(result.table.length, 1)
  t.equal(result.malformed.rows, 3)
  t.equal(result.rowsRead, 4)
  t.same(result.malformed.examples, [{ lineOffset: 1, reason: 'unclosed quote (3 lines lost)' }])
})

t.test('a broken quote that swallows lines up to a later quote: the swallowed lines count too', async (t) => {
  const result = parseSegment(segment([
    line('1', 'A'),
    line('2', '"BROKEN"X'), // the quote does not close here: csv-parse reads on into the next lines
    line('3', 'B'),
    line('4', '"C, D"'), // … up to this closing quote
    line('5', 'E')
  ]), layout)
  t.equal(result.rowsRead, 5)
  t.equal(result.malformed.rows, 3)
  t.same(result.malformed.examples.map((e) => e.lineOffset), [1])
  t.match(result.malformed.examples[0].reason, /^unreadable CSV: Invalid Closing Quote.*\(3 lines lost\)$/)
  t.equal(result.table.length, 2)
})

t.test('two unreadable records in a row count as two rows', async (t) => {
  const result = parseSegment(segment([line('1', 'A'), line('2', 'X"Y'), line('3', 'Z"W'), line('4', 'B')]), layout)
  t.equal(result.malformed.rows, 2)
  t.equal(result.rowsRead, 4)
  t.equal(result.table.length, 2)
  t.same(result.malformed.examples, [{ lineOffset: 1, reason: result.malformed.examples[0].reason }])
  t.match(result.malformed.examples[0].reason, /\(2 lines lost\)$/, 'adjacent unreadable records make one gap')
})

t.test('at most 10 examples are kept, every malformed row is counted', async (t) => {
  const lines = Array.from({ length: 25 }, (_, i) => line(String(i), 'X', '1', i % 2 === 0 ? 'bad' : '1'))
  const result = parseSegment(segment(lines), layout)
  t.equal(result.malformed.rows, 13)
  t.same(result.malformed.examples.map((e) => e.lineOffset), [0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
})

t.test('a segment without a final line break', async (t) => {
  const result = parseSegment(Buffer.from(`${line('1', 'A')}\n${line('2', 'B').replace(',6,', ',?,')}`), layout)
  t.equal(result.newlines, 1)
  t.same(result.malformed.examples, [{ lineOffset: 1, reason: 'unparsable Quantity "?"' }])
})

t.test('the hybrid reader and csv-parse alone give the same segment result', async (t) => {
  const cases: Record<string, Buffer> = {
    'quoted fields, doubled quotes, embedded newline': segment([line('1', '"A, B"'), line('2', '"7"" SINGLE"'), line('3', '"TWO\nLINES"'), line('4', 'PLAIN')]),
    'CRLF with malformed rows': segment([line('1', 'A'), line('2', 'B').replace('2.55', '?'), '', '3,SHORT', line('4', '"C,\r\nD"')], '\r\n'),
    'stray and unclosed quotes': segment([line('1', 'A'), '', line('2', 'X"Y'), line('3', 'B'), line('4', '"BROKEN"X'), line('5', 'C'), line('6', '"C, D"'), line('7', 'E'), line('8', '"OPEN'), line('9', 'F')]),
    'empty lines and a last line without newline': Buffer.from(`\n${line('1', 'A')}\n\n${line('2', '"B\nB"')}\n${line('3', 'C').replace(',6,', ',x,')}`),
    'too few and too many fields': segment([line('1', 'A'), '1,2,3', `${line('2', 'B')},extra`, line('3', '"D"')])
  }
  for (const [what, bytes] of Object.entries(cases)) {
    t.same(parseSegment(bytes, layout, 'hybrid'), parseSegment(bytes, layout, 'csv-parse'), what)
  }
})
