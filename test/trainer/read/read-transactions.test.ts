import t from 'tap'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { ShopperError } from '../../../lib/errors.js'
import { readTransactions, type ReadOptions, type ReadResult } from '../../../trainer/read/read-transactions.js'
import type { TransactionTable } from '../../../trainer/transactions.js'
import { TableConcatenator } from '../../../trainer/read/concat-tables.js'

/** What the reader reported, and the segments it handed to its sink, joined. */
type ReadWithTable = ReadResult & { table: TransactionTable }
import { csv, gzip, ONLINE_RETAIL_HEADER, ONLINE_RETAIL_II_HEADER, SAMPLE_LINES, usDates } from './fixtures.js'

/** The table as plain data, for deep comparison. */
function plain (table: TransactionTable): unknown {
  return {
    ...table,
    customer: [...table.customer],
    product: [...table.product],
    invoice: [...table.invoice],
    country: [...table.country],
    quantity: [...table.quantity],
    unitPrice: [...table.unitPrice],
    invoiceDate: [...table.invoiceDate],
    descriptionCounts: table.descriptionCounts.map((counts) => [...counts])
  }
}

/** A result without what legitimately differs between two files holding the same rows. */
function content (result: ReadWithTable): unknown {
  return { rowsRead: result.input.rowsRead, malformed: result.malformed, dropped: result.dropped, table: plain(result.table) }
}

async function read (file: string, options: Partial<ReadOptions> = {}): Promise<ReadWithTable> {
  const tables = new TableConcatenator()
  const result = await readTransactions({ input: file, workers: 0, ...options }, tables)
  return { ...result, table: tables.finish() }
}

async function failure (promise: Promise<unknown>): Promise<ShopperError> {
  return await promise.then(() => { throw new Error('expected a failure') }, (error: unknown) => error as ShopperError)
}

const SAMPLE = csv(ONLINE_RETAIL_HEADER, SAMPLE_LINES)

t.test('Online Retail file: rows, cleaning counts, input identity', async (t) => {
  const dir = t.testdir({ 'sample.csv': SAMPLE })
  const file = path.join(dir, 'sample.csv')
  const result = await read(file)
  t.same(result.input, {
    fileName: 'sample.csv',
    bytes: Buffer.byteLength(SAMPLE),
    sha256: createHash('sha256').update(readFileSync(file)).digest('hex'),
    gzip: false,
    format: 'online-retail',
    rowsRead: 10
  })
  t.same(result.malformed, { rows: 0, examples: [] })
  t.same(result.dropped, { missingCustomer: 1, cancelled: 1, nonPositiveQuantity: 1, nonPositivePrice: 1 })
  const { table } = result
  t.equal(table.length, 6)
  t.same(table.customerIds, ['17850', '13047', '12583', '12680'])
  t.same(table.productCodes, ['85123A', '71053', '22633', '84879', 'POST', '21730'])
  t.same([...table.descriptionCounts[2].keys()], ['HAND WARMER "UNION JACK", RED'], 'quoted field with commas and doubled quotes')
  t.same([...table.invoiceDate.slice(0, 3)], [Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 8, 26), Date.UTC(2010, 11, 1, 8, 28)])
})

t.test('gzip and plain give the same result; gzip is found by magic bytes', async (t) => {
  const dir = t.testdir({ 'plain.csv': SAMPLE, 'packed.csv.gz': gzip(SAMPLE), 'packed-without-extension': gzip(SAMPLE) })
  const plainResult = await read(path.join(dir, 'plain.csv'))
  for (const name of ['packed.csv.gz', 'packed-without-extension']) {
    const result = await read(path.join(dir, name))
    t.equal(result.input.gzip, true, name)
    t.equal(result.input.bytes, readFileSync(path.join(dir, name)).length, `${name}: compressed size`)
    t.same(content(result), content(plainResult), name)
  }
})

t.test('Online Retail II header, and the M/D/YYYY date style, give the same rows', async (t) => {
  const dir = t.testdir({
    'ii.csv': csv(ONLINE_RETAIL_II_HEADER, SAMPLE_LINES),
    'us-dates.csv': csv(ONLINE_RETAIL_HEADER, usDates(SAMPLE_LINES)),
    'reference.csv': SAMPLE
  })
  const reference = await read(path.join(dir, 'reference.csv'))
  const ii = await read(path.join(dir, 'ii.csv'))
  t.equal(ii.input.format, 'online-retail-ii')
  t.same(content(ii), content(reference))
  const us = await read(path.join(dir, 'us-dates.csv'))
  t.match(readFileSync(path.join(dir, 'us-dates.csv'), 'utf8'), '12/1/2010 8:26,', 'the fixture really uses the other style')
  t.same(content(us), content(reference))
})

t.test('other column names through a mapping, columns in another order, BOM and CRLF', async (t) => {
  const header = 'Country,OrderId,Sku,Title,Qty,When,Price,Client'
  const lines = SAMPLE_LINES.map((line) => {
    const [invoice, code, description, quantity, date, price, customer, country] = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''))
    return [country, invoice, code, description, quantity, date, price, customer].join(',')
  })
  const dir = t.testdir({ 'shop.csv': '\ufeff' + `${header}\r\n${lines.join('\r\n')}\r\n`, 'reference.csv': SAMPLE })
  const result = await read(path.join(dir, 'shop.csv'), {
    columns: { invoice: 'OrderId', stockCode: 'Sku', description: 'Title', quantity: 'Qty', invoiceDate: 'When', unitPrice: 'Price', customerId: 'Client' }
  })
  t.equal(result.input.format, 'mapped')
  t.same(content(result), content(await read(path.join(dir, 'reference.csv'))))
})

t.test('unknown header', async (t) => {
  const dir = t.testdir({ 'other.csv': 'order,sku,qty\n1,A,2\n' })
  const error = await failure(read(path.join(dir, 'other.csv')))
  t.equal(error.code, 'ERR_UNKNOWN_HEADER')
  t.match(error.message, /expected the columns of Online Retail \(InvoiceNo, .*\) or Online Retail II \(Invoice, .*\).*; found "order", "sku", "qty"/)
  t.notMatch(error.message, /\n/)
})

t.test('missing file, empty file, empty gzip, header only, binary data', async (t) => {
  const dir = t.testdir({
    'empty.csv': '',
    'empty.csv.gz': gzip(''),
    'header-only.csv': ONLINE_RETAIL_HEADER,
    'binary.bin': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x0a])
  })
  t.equal((await failure(read(path.join(dir, 'missing.csv')))).code, 'ERR_INPUT_NOT_FOUND')
  t.match(await failure(read(path.join(dir, 'empty.csv'))), { code: 'ERR_INPUT_UNREADABLE', message: /empty/ })
  t.match(await failure(read(path.join(dir, 'empty.csv.gz'))), { code: 'ERR_INPUT_UNREADABLE', message: /no data/ })
  t.match(await failure(read(path.join(dir, 'binary.bin'))), { code: 'ERR_INPUT_UNREADABLE', message: /not a CSV/ })
  const headerOnly = await read(path.join(dir, 'header-only.csv'))
  t.equal(headerOnly.input.rowsRead, 0)
  t.equal(headerOnly.table.length, 0)
})

t.test('malformed rows below the threshold are skipped, counted and located', async (t) => {
  const lines = [...SAMPLE_LINES]
  lines[3] = lines[3].replace(',32,', ',thirty-two,') // file line 5 (the header is line 1)
  lines[6] = '536380,POST,POSTAGE,3' // file line 8
  const dir = t.testdir({ 'bad.csv': csv(ONLINE_RETAIL_HEADER, lines) })
  const result = await read(path.join(dir, 'bad.csv'), { maxMalformedShare: 0.2 })
  t.equal(result.input.rowsRead, 10)
  t.same(result.malformed, {
    rows: 2,
    examples: [{ line: 5, reason: 'unparsable Quantity "thirty-two"' }, { line: 8, reason: 'expected 8 fields, found 4' }]
  })
  t.equal(result.table.length, 4, 'the malformed rows are skipped')
})

t.test('malformed rows above the threshold fail the read, naming counts and lines', async (t) => {
  const lines = [...SAMPLE_LINES]
  lines[3] = lines[3].replace(',32,', ',thirty-two,')
  lines[6] = '536380,POST,POSTAGE,3'
  const dir = t.testdir({ 'bad.csv': csv(ONLINE_RETAIL_HEADER, lines) })
  const error = await failure(read(path.join(dir, 'bad.csv')))
  t.equal(error.code, 'ERR_TOO_MANY_MALFORMED_ROWS')
  t.match(error.message, '2 of 10 rows are malformed (20%, more than the 1% allowed)')
  t.match(error.message, 'line 5: unparsable Quantity "thirty-two"; line 8: expected 8 fields, found 4')
  t.notMatch(error.message, /\n/)
  await t.rejects(read(path.join(dir, 'bad.csv'), { maxMalformedShare: 0.19 }), { code: 'ERR_TOO_MANY_MALFORMED_ROWS' })
  await t.resolves(read(path.join(dir, 'bad.csv'), { maxMalformedShare: 0.2 }), 'exactly at the limit passes')
  await t.rejects(read(path.join(dir, 'bad.csv'), { maxMalformedShare: 2 }), { code: 'ERR_USAGE' })
})

t.test('a quoted row csv-parse cannot read is counted, not fatal', async (t) => {
  const lines = [...SAMPLE_LINES, ...SAMPLE_LINES, ...SAMPLE_LINES]
  lines[12] = '536367,84879,ASSORTED "COLOUR" BIRD,32,2010-12-01 08:34:00,1.69,13047,United Kingdom'
  const dir = t.testdir({ 'quotes.csv': csv(ONLINE_RETAIL_HEADER, lines) })
  const result = await read(path.join(dir, 'quotes.csv'), { maxMalformedShare: 0.05 })
  t.equal(result.input.rowsRead, 30)
  t.equal(result.malformed.rows, 1)
  t.equal(result.malformed.examples[0].line, 14)
  t.match(result.malformed.examples[0].reason, /Invalid Opening Quote/)
})

t.test('segments on worker threads give exactly the single-pass result, line numbers included', async (t) => {
  const lines: string[] = []
  for (let copy = 0; copy < 60; copy++) {
    for (const line of SAMPLE_LINES) lines.push(line.replace(/^(C?)(\d+)/, (_, c: string, n: string) => `${c}${Number(n) + copy * 100}`).replace(',17850,', `,${17850 + (copy % 7)},`))
  }
  lines[120] = lines[120].replace('2.55', 'two') // line 122
  lines[401] = lines[401].replace(/,[^,]*$/, '') // line 403: a field short
  lines[550] = '536366,22633,"HAND WARMER\nON TWO LINES",6,2010-12-01 08:28:00,1.85,17850,United Kingdom' // lines 552-553
  lines[551] = lines[551].replace(',6,', ',x,') // line 554
  const text = csv(ONLINE_RETAIL_HEADER, lines)
  const dir = t.testdir({ 'many.csv.gz': gzip(text) })
  const file = path.join(dir, 'many.csv.gz')
  const single = await read(file, { maxMalformedShare: 0.1 })
  t.same(single.malformed.examples.map((e) => e.line), [122, 403, 554])
  for (const workers of [1, 2]) {
    const progress: number[] = []
    const parallel = await read(file, { maxMalformedShare: 0.1, workers, segmentBytes: 2000, onProgress: (rows) => progress.push(rows) })
    t.same(content(parallel), content(single), `${workers} worker(s) and the main thread`)
    t.same(parallel.input, single.input)
    t.same(progress, [600], 'fewer than 50k rows: progress once, at the end')
  }
})

t.test('the hybrid reader and csv-parse alone: the same rows, counts and malformed lines, in one segment or many', async (t) => {
  const lines = [...SAMPLE_LINES, ...SAMPLE_LINES, ...SAMPLE_LINES, ...SAMPLE_LINES]
  lines[4] = '536366,22633,"HAND WARMER\nON TWO LINES",6,2010-12-01 08:28:00,1.85,17850,United Kingdom' // lines 6-7
  lines[7] = lines[7].replace('4.95', 'x') // line 10
  lines[11] = '536367,84879,ASSORTED "COLOUR" BIRD,32,2010-12-01 08:34:00,1.69,13047,United Kingdom' // line 14
  lines[15] = '' // line 18: empty, not a row
  // line 23: a broken quote; csv-parse reads on to the quoted field of line 25 (3 rows lost)
  lines[20] = '536366,22633,"BROKEN"X,6,2010-12-01 08:28:00,1.85,17850,United Kingdom'
  lines[30] = '536380,POST,POSTAGE,3' // line 33
  const text = csv(ONLINE_RETAIL_HEADER, lines)
  const dir = t.testdir({ 'lf.csv': text, 'crlf.csv': text.replaceAll('\n', '\r\n'), 'no-final-newline.csv': text.slice(0, -1) })
  for (const name of ['lf.csv', 'crlf.csv', 'no-final-newline.csv']) {
    const file = path.join(dir, name)
    const reference = await read(file, { parser: 'csv-parse', maxMalformedShare: 0.5 })
    t.equal(reference.malformed.rows, 6, `${name}: 1 + 1 + 3 swallowed lines + 1 malformed rows`)
    for (const segmentBytes of [undefined, 700]) {
      const hybrid = await read(file, { parser: 'hybrid', maxMalformedShare: 0.5, segmentBytes })
      t.same(content(hybrid), content(reference), `${name}, segments of ${segmentBytes ?? 'default'} bytes`)
    }
  }
  t.same((await read(path.join(dir, 'lf.csv'), { maxMalformedShare: 0.5 })).malformed.examples.map((e) => e.line), [10, 14, 23, 33], 'malformed rows at their file lines')
})
