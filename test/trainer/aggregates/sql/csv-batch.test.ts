// The CSV export read from its bytes (csv-batch.ts) must read every field as the rows of strings
// did: the same text, the same integers and numbers (and the same errors), the same ids, wherever
// the columns are and however a record is written, across segment boundaries.
import t from 'tap'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { RELATION_COLUMNS, buildAggregates, type RelationName } from '../../../../trainer/aggregates/sql/build.js'
import { CsvSegmentReader } from '../../../../trainer/aggregates/sql/csv-batch.js'
import { readAggregatesDirectory } from '../../../../trainer/aggregates/sql/files.js'
import { TextBatch, type RelationBatch } from '../../../../trainer/aggregates/sql/relation-batch.js'
import { TextKeys } from '../../../../trainer/aggregates/text-keys.js'
import { seededRandom as random } from '../../../../lib/seeded-random.js'

/** the wanted columns' positions among `names`, as files.ts places them */
const placeIn = (wanted: readonly string[]) => (names: readonly string[]): number[] => wanted.map((column) => names.indexOf(column))

/** what a field reads as: its value, or the error's code and message */
function outcome (read: () => number): unknown {
  try {
    const value = read()
    return Object.is(value, -0) ? '-0' : value
  } catch (error) {
    return { code: (error as { code?: string }).code, message: (error as Error).message }
  }
}

t.test('a header in another order, extra columns, quoted fields, CRLF and short records', async (t) => {
  const reader = new CsvSegmentReader('x.csv', placeIn(['id', 'n', 'name']))
  const batch = reader.read(Buffer.from('extra,name,n,id\r\nq,plain,1,A1\r\nq,"with, comma and ""quotes""",2,A2\r\nq,"two\r\nlines",3,"A,3"\r\nq,short\r\n\r\nq,é£,5,Ω\r\n'))
  t.equal(batch.length, 5)
  const rows = Array.from({ length: batch.length }, (_, r) => [batch.text(r, 0), batch.text(r, 1), batch.text(r, 2)])
  t.same(rows, [
    ['A1', '1', 'plain'],
    ['A2', '2', 'with, comma and "quotes"'],
    ['A,3', '3', 'two\r\nlines'],
    ['', '', 'short'],
    ['Ω', '5', 'é£']
  ])
  t.equal(batch.integer(2, 1, 'n'), 3, 'a number in a record csv-parse read')
  const keys = new TextKeys()
  t.same(Array.from({ length: batch.length }, (_, r) => batch.key(r, 0, keys, true)), [0, 1, 2, 3, 4])
  t.equal(keys.ofText('A,3', false), 2)
  t.equal(keys.ofText('Ω', false), 4)
  // the next segment of the same file has no header
  const next = reader.read(Buffer.from('q,later,6,A1\n'))
  t.equal(next.length, 1)
  t.equal(next.key(0, 0, keys, false), 0)
})

t.test('integers and numbers read from bytes as Number() reads their text, errors included', async (t) => {
  const texts = ['0', '-0', '007', '-12', '123456789012345', '-123456789012345', '1234567890123456', '9007199254740993', '1e3', ' 5', '5 ', '+5', '0x10', '', '-', '12.5', '1_000', 'NaN', 'Infinity', '٣']
  const csv = Buffer.from('v\n' + texts.map((text) => `"${text}"`).join('\n') + '\n' + texts.filter((text) => text !== '').join('\n') + '\n')
  const bytes = new CsvSegmentReader('v.csv', placeIn(['v'])).read(csv)
  const quoted = texts.length
  const plain = texts.filter((text) => text !== '')
  t.equal(bytes.length, quoted + plain.length)
  const strings = new TextBatch([...texts, ...plain].map((text) => [text]))
  for (let r = 0; r < bytes.length; r++) {
    t.same(outcome(() => bytes.integer(r, 0, 'v')), outcome(() => strings.integer(r, 0, 'v')), `integer ${JSON.stringify(strings.text(r, 0))}`)
    t.same(outcome(() => bytes.number(r, 0, 'v')), outcome(() => strings.number(r, 0, 'v')), `number ${JSON.stringify(strings.text(r, 0))}`)
  }
})

/** A relation as rows of strings, parsed by csv-parse alone and its columns placed by name. */
function textBatches (text: string, relation: RelationName): AsyncIterable<RelationBatch> {
  const [header, ...rows] = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][]
  const positions = RELATION_COLUMNS[relation].map((column) => header.indexOf(column))
  const batch = new TextBatch(rows.map((row) => positions.map((i) => row[i] ?? '')))
  return (async function * () { yield batch })()
}

t.test('a directory of several segments reads as rows of strings do: records across segment boundaries, quoted and non-ASCII ids', async (t) => {
  const next = random(11)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const customers = Array.from({ length: 45_000 }, (_, c) => c % 997 === 0 ? `"C,${c}"` : c % 499 === 0 ? `É${c}` : String(100_000 + c))
  const codes = ['85123A', '21719~1', '"22,211"', 'POST', 'ÄB1']
  const lines: Record<string, string[]> = { customers: [], customer_days: [], pairs: [] }
  for (const id of customers) {
    // columns in another order than RELATION_COLUMNS, with one the reader ignores
    lines.customers.push(`${Math.floor(next() * 1e12)},x,${id},${1 + Math.floor(next() * 9)},${1_300_000_000_000 + Math.floor(next() * 1e9)},${1_290_000_000_000 + Math.floor(next() * 1e9)}`)
    for (let d = 0; d < 2; d++) lines.customer_days.push(`${id},${15_000 + d},${Math.floor(next() * 1e9)}`)
    for (const code of codes) {
      if (next() < 0.3) continue
      lines.pairs.push(`${id},${code},${pick(['3', '12', '2.5', '-0'])},${1 + Math.floor(next() * 5)},1290000000000,1300000000000`)
    }
  }
  const files: Record<string, string> = {
    cleaning: RELATION_COLUMNS.cleaning.join(',') + '\n9,0,0,0,0,0,9,3,1290000000000,1300000000000\n',
    customers: 'monetary_micros,note,customer_id,invoices,last_at,first_at\n' + lines.customers.join('\n') + '\n',
    customer_days: '\ufeff' + RELATION_COLUMNS.customer_days.join(',') + '\r\n' + lines.customer_days.join('\r\n') + '\r\n',
    pairs: RELATION_COLUMNS.pairs.join(',') + '\n' + lines.pairs.join('\n') + '\n',
    descriptions: 'stock_code,description,lines\n85123A,"WHITE HEART, RED",3\n"22,211",plain,2\nÄB1,"say ""hi""",1\n',
    countries: RELATION_COLUMNS.countries.join(',') + '\nUnited Kingdom,5,2,2,100\n"Korea, Republic of",4,1,1,50\n'
  }
  t.ok(files.pairs.length > (4 << 20) * 1.5, 'pairs.csv is cut into segments: records cross a 4 MiB boundary')
  const dir = t.testdir()
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, `${name}.csv`), text)

  const read = await readAggregatesDirectory(dir)
  const expected = await buildAggregates({
    cleaning: Object.fromEntries(RELATION_COLUMNS.cleaning.map((column, i) => [column, files.cleaning.split('\n')[1].split(',')[i]])),
    customers: textBatches(files.customers, 'customers'),
    customerDays: textBatches(files.customer_days, 'customer_days'),
    pairs: textBatches(files.pairs, 'pairs'),
    descriptions: textBatches(files.descriptions, 'descriptions'),
    countries: textBatches(files.countries, 'countries')
  })
  t.strictSame(read, expected)
  t.equal(read.aggregates.customerIds.length, customers.length)
  t.ok(read.aggregates.customerIds.includes('C,0'), 'a quoted id is its text')
  t.ok(read.aggregates.productCodes.includes('22,211'))
})
