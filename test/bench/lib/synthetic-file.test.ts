import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import t, { type Test } from 'tap'
import { generateSynthetic } from '../../../bench/lib/synthetic-file.js'

// A fixture in the real file's format: a quoted description with a comma, an inner quote,
// a trailing space, a cancellation, an adjustment and rows without a customer id.
const FIXTURE = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
  '536381,82567,"AIRLINE LOUNGE,METAL SIGN",2,2010-12-01 09:41:00,2.1,15311,United Kingdom',
  '536477,22041,"RECORD FRAME 7"" SINGLE SIZE ",48,2010-12-01 12:27:00,2.1,16210,United Kingdom',
  'C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom',
  '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom',
  'A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,,United Kingdom',
  '581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 12:50:00,4.95,12680,France',
  '581587,POST,POSTAGE,1,2011-12-09 12:50:00,18.0,12680,France'
].join('\n') + '\n'

const DATA_ROWS = FIXTURE.trim().split('\n').length - 1

async function fixtureDir (t: Test): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'synthetic-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  await writeFile(path.join(dir, 'in.csv.gz'), gzipSync(FIXTURE))
  await writeFile(path.join(dir, 'in.csv'), FIXTURE)
  return dir
}

async function readRows (file: string): Promise<{ text: string, rows: string[][] }> {
  const text = gunzipSync(await readFile(file)).toString('utf8')
  return { text, rows: parse(text) as string[][] }
}

t.test('factor 4: the real rows first, then 3 clones with fresh ids', async (t) => {
  const dir = await fixtureDir(t)
  const out = path.join(dir, 'x4.csv.gz')
  const summary = await generateSynthetic(path.join(dir, 'in.csv.gz'), out, { factor: 4, seed: 9, maxShiftDays: 20 })
  t.equal(summary.rowsIn, DATA_ROWS)
  t.equal(summary.rowsOut, 4 * DATA_ROWS)

  const { text, rows } = await readRows(out)
  t.ok(text.startsWith(FIXTURE), 'the real file, byte for byte, comes first with the same header')
  t.equal(rows.length, 1 + 4 * DATA_ROWS, 'one header only')
  const data = rows.slice(1)
  const original = data.slice(0, DATA_ROWS)

  const customersOf = (part: string[][]): Set<string> => new Set(part.map((r) => r[6]).filter((id) => id !== ''))
  const invoicesOf = (part: string[][]): Set<string> => new Set(part.map((r) => r[0]))
  const realCustomers = customersOf(original)
  const allCustomers = customersOf(data)
  const allInvoices = invoicesOf(data)
  t.equal(allCustomers.size, 4 * realCustomers.size, 'each clone has its own customers')
  t.equal(allInvoices.size, 4 * invoicesOf(original).size, 'each clone has its own invoices')

  for (let clone = 1; clone < 4; clone++) {
    const part = data.slice(clone * DATA_ROWS, (clone + 1) * DATA_ROWS)
    for (const id of customersOf(part)) t.notOk(realCustomers.has(id), `clone ${clone} id ${id} is not a real id`)
    for (const [i, row] of part.entries()) {
      const real = original[i]
      t.same([row[1], row[2], row[3], row[5], row[7]], [real[1], real[2], real[3], real[5], real[7]], 'basket, quantity, price and country unchanged')
      t.equal(row[0].startsWith('C'), real[0].startsWith('C'), 'cancellations stay cancellations')
      t.equal(row[6] === '', real[6] === '', 'missing ids stay missing')
      t.equal(row[4].slice(11), real[4].slice(11), 'time of day kept')
      const days = (Date.parse(`${row[4].slice(0, 10)}T00:00:00Z`) - Date.parse(`${real[4].slice(0, 10)}T00:00:00Z`)) / 86400000
      t.equal(days, summary.shifts[clone], 'every row of a clone moves by the clone\'s shift')
      t.ok(days >= -20 && days <= -1)
    }
  }
})

t.test('the same seed gives the same file; another seed other dates only', async (t) => {
  const dir = await fixtureDir(t)
  const a = path.join(dir, 'a.csv.gz')
  const b = path.join(dir, 'b.csv.gz')
  const c = path.join(dir, 'c.csv.gz')
  await generateSynthetic(path.join(dir, 'in.csv.gz'), a, { factor: 3, seed: 5 })
  await generateSynthetic(path.join(dir, 'in.csv'), b, { factor: 3, seed: 5 })
  await generateSynthetic(path.join(dir, 'in.csv.gz'), c, { factor: 3, seed: 6 })
  const [ra, rb, rc] = await Promise.all([readRows(a), readRows(b), readRows(c)])
  t.equal(ra.text, rb.text, 'same seed, same output (plain or gzip input)')
  t.not(ra.text, rc.text)
  t.same(ra.rows.map((r) => r[6]), rc.rows.map((r) => r[6]), 'ids do not depend on the seed')
})

t.test('a quoted field with a line break and CRLF line ends survive cloning', async (t) => {
  const dir = await fixtureDir(t)
  const text = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    '536365,85123A,"TWO\nLINES",6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
    '536366,71053,WHITE METAL LANTERN,6,2010-12-01 08:28:00,3.39,17851,United Kingdom'
  ].join('\r\n') + '\r\n'
  await writeFile(path.join(dir, 'multi.csv'), text)
  const out = path.join(dir, 'multi.csv.gz')
  const summary = await generateSynthetic(path.join(dir, 'multi.csv'), out, { factor: 2, seed: 1 })
  t.equal(summary.rowsIn, 2)
  const { text: written, rows } = await readRows(out)
  t.ok(written.startsWith(text))
  t.equal(rows.length, 5)
  t.equal(rows[3][2], 'TWO\nLINES')
  t.equal(rows[3][6], '117850')
})

t.test('factor 1 copies the input; bad input fails and leaves no file', async (t) => {
  const dir = await fixtureDir(t)
  const copy = path.join(dir, 'copy.csv.gz')
  await generateSynthetic(path.join(dir, 'in.csv'), copy, { factor: 1 })
  t.equal((await readRows(copy)).text, FIXTURE)

  await writeFile(path.join(dir, 'bad.csv'), 'Foo,Bar\n1,2\n')
  const bad = path.join(dir, 'bad.csv.gz')
  await t.rejects(generateSynthetic(path.join(dir, 'bad.csv'), bad, { factor: 2 }), /no InvoiceNo/)
  await t.rejects(readFile(bad), { code: 'ENOENT' })
  await t.rejects(readFile(`${bad}.partial`), { code: 'ENOENT' })
})

t.test('catalogue factor 2: odd clones buy a copy of the catalogue under new codes, postage stays postage', async (t) => {
  const dir = await fixtureDir(t)
  const out = path.join(dir, 'x4c2.csv.gz')
  const summary = await generateSynthetic(path.join(dir, 'in.csv.gz'), out, { factor: 4, seed: 9, catalogueFactor: 2 })
  t.equal(summary.catalogueFactor, 2)
  const data = (await readRows(out)).rows.slice(1)
  const codesOf = (clone: number): string[] => data.slice(clone * DATA_ROWS, (clone + 1) * DATA_ROWS).map((r) => r[1])
  const real = codesOf(0)
  t.same(codesOf(2), real, 'clone 2 buys the real catalogue (2 mod 2 = 0)')
  for (const clone of [1, 3]) {
    t.same(codesOf(clone), real.map((code) => (['POST', 'D', 'B'].includes(code) ? code : `${code}~1`)), `clone ${clone} buys copy 1`)
  }
  t.equal(new Set(data.map((r) => r[1])).size, 2 * new Set(real).size - 3, 'products doubled, the 3 non-product codes shared')
  await t.rejects(generateSynthetic(path.join(dir, 'in.csv'), path.join(dir, 'bad.csv.gz'), { factor: 2, catalogueFactor: 3 }), RangeError)
})
