// CSV made in the page (services/public/csv.js): quoting and the formula guard, as the service's exports.
import t from 'tap'
import { csvField, toCsv } from '../../../services/public/csv.js'

t.test('fields are quoted when they must be, and never run as formulas', async (t) => {
  t.equal(csvField('12347'), '12347')
  t.equal(csvField(3), '3')
  t.equal(csvField(-2.5), '-2.5')
  t.equal(csvField('-2.5'), '-2.5', 'a negative number is not a formula')
  t.equal(csvField('a,b'), '"a,b"')
  t.equal(csvField('say "hi"'), '"say ""hi"""')
  t.equal(csvField('two\nlines'), '"two\nlines"')
  t.equal(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"')
  t.equal(csvField('@SUM(A1)'), '\'@SUM(A1)')
  t.equal(csvField('+1 555'), '\'+1 555')
  t.equal(csvField(null), '')
  t.equal(csvField(Number.NaN), '')
})

t.test('a header and CRLF lines', async (t) => {
  t.equal(toCsv(['id', 'segment_id', 'segment'], [['12347', 0, 'High-Value'], ['A,1', 3, 'At-Risk']]),
    'id,segment_id,segment\r\n12347,0,High-Value\r\n"A,1",3,At-Risk\r\n')
  t.equal(toCsv(['id'], []), 'id\r\n')
})
