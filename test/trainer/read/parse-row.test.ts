import t from 'tap'
import { recogniseHeader } from '../../../trainer/read/header.js'
import { createRowParser, emptyRow, normaliseCustomerId, parseDecimal } from '../../../trainer/read/parse-row.js'

const layout = recogniseHeader(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country'])

function parse (record: string[], rowLayout = layout): ReturnType<typeof emptyRow> | string {
  const row = emptyRow()
  return createRowParser(rowLayout)(record, row) ?? row
}

t.test('parseDecimal', async (t) => {
  t.equal(parseDecimal('2.55'), 2.55)
  t.equal(parseDecimal('-11062.06'), -11062.06)
  t.equal(parseDecimal('6'), 6)
  t.equal(parseDecimal('0.0'), 0)
  t.equal(parseDecimal('0'), 0)
  for (const bad of ['', ' ', 'abc', '1,5', '2.5.5', 'Infinity', 'NaN']) t.ok(Number.isNaN(parseDecimal(bad)), JSON.stringify(bad))
})

t.test('normaliseCustomerId', async (t) => {
  t.equal(normaliseCustomerId('17850'), '17850')
  t.equal(normaliseCustomerId('17850.0'), '17850', 'float-written ids name the same customer')
  t.equal(normaliseCustomerId(' 17850.00 '), '17850')
  t.equal(normaliseCustomerId('17850.5'), '17850.5', 'not an integer: kept as written')
  t.equal(normaliseCustomerId(''), '')
})

t.test('a well-formed record', async (t) => {
  t.same(parse(['536365', '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', '6', '2010-12-01 08:26:00', '2.55', '17850', 'United Kingdom']), {
    invoice: '536365',
    stockCode: '85123A',
    description: 'WHITE HANGING HEART T-LIGHT HOLDER',
    quantity: 6,
    invoiceDate: Date.UTC(2010, 11, 1, 8, 26),
    unitPrice: 2.55,
    customerId: '17850',
    country: 'United Kingdom'
  })
})

t.test('an empty customer id is not malformed; negative numbers are not either', async (t) => {
  const row = parse(['C536379', 'D', 'Discount', '-1', '12/1/2010 9:41', '27.5', '', 'United Kingdom'])
  t.type(row, 'object')
  t.match(row, { customerId: '', quantity: -1, invoice: 'C536379', invoiceDate: Date.UTC(2010, 11, 1, 9, 41) })
})

t.test('malformed records and their reasons', async (t) => {
  const good = ['536365', '85123A', 'HEART', '6', '2010-12-01 08:26:00', '2.55', '17850', 'United Kingdom']
  const withField = (i: number, value: string): string[] => good.map((v, j) => j === i ? value : v)
  t.equal(parse(good.slice(0, 7)), 'expected 8 fields, found 7')
  t.equal(parse([...good, 'x']), 'expected 8 fields, found 9')
  t.equal(parse(withField(0, ' ')), 'empty InvoiceNo')
  t.equal(parse(withField(1, '')), 'empty StockCode')
  t.equal(parse(withField(3, 'six')), 'unparsable Quantity "six"')
  t.equal(parse(withField(3, '')), 'unparsable Quantity ""')
  t.equal(parse(withField(5, '2,55')), 'unparsable UnitPrice "2,55"')
  t.equal(parse(withField(4, '2010-02-30 08:26:00')), 'unparsable InvoiceDate "2010-02-30 08:26:00"')
  t.equal(parse(withField(5, 'x'.repeat(100))), `unparsable UnitPrice "${'x'.repeat(40)}…"`, 'long values are shortened')
})

t.test('a mapped layout without description and country reads them as empty', async (t) => {
  const mapped = recogniseHeader(['order', 'sku', 'qty', 'date', 'price', 'client'], {
    invoice: 'order', stockCode: 'sku', quantity: 'qty', invoiceDate: 'date', unitPrice: 'price', customerId: 'client'
  })
  t.match(parse(['1', 'A', '2', '2011-01-01 10:00', '3.5', '42.0'], mapped), { description: '', country: '', customerId: '42', quantity: 2, unitPrice: 3.5 })
})
