import t from 'tap'
import {
  catalogueCopy, cloneCustomer, cloneInvoice, cloneShifts, cloneStockCode, endsInsideQuotes, findColumnRoles, idBase, invoiceNumber,
  mulberry32, quoteField, shiftDate, splitRawFields, unquote
} from '../../../bench/lib/synthetic-rows.js'

t.test('column roles for both UCI schemas', async (t) => {
  t.same(findColumnRoles(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']),
    { invoice: 0, date: 4, customer: 6, stockCode: 1 })
  t.same(findColumnRoles(['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']),
    { invoice: 0, date: 4, customer: 6, stockCode: 1 })
  t.throws(() => findColumnRoles(['a', 'b']), /no InvoiceNo \/ Invoice column/)
})

t.test('the PRNG is deterministic per seed and uniform-ish in [0, 1)', async (t) => {
  const a = mulberry32(7)
  const b = mulberry32(7)
  const xs = Array.from({ length: 1000 }, () => a())
  t.same(xs, Array.from({ length: 1000 }, () => b()))
  t.ok(xs.every((x) => x >= 0 && x < 1))
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  t.ok(mean > 0.45 && mean < 0.55, `mean ${mean}`)
  t.not(mulberry32(8)(), mulberry32(7)())
})

t.test('clone shifts: 0 for the real rows, whole days back within the window, seeded', async (t) => {
  const shifts = cloneShifts(50, 1, 30)
  t.equal(shifts.length, 50)
  t.equal(shifts[0], 0)
  t.ok(shifts.slice(1).every((d) => Number.isInteger(d) && d >= -30 && d <= -1))
  t.same(cloneShifts(50, 1, 30), shifts)
  t.notSame(cloneShifts(50, 2, 30), shifts)
  t.throws(() => cloneShifts(0, 1, 30), RangeError)
  t.throws(() => cloneShifts(2, 1, 0), RangeError)
})

t.test('id bases sit above the largest real id', async (t) => {
  t.equal(idBase(18287), 100000)
  t.equal(idBase(99999), 100000)
  t.equal(idBase(100000), 1000000)
  t.equal(idBase(0), 10)
})

t.test('invoices: prefix kept, numbers moved into the clone range', async (t) => {
  t.equal(invoiceNumber('C536379'), 536379)
  t.equal(cloneInvoice('536365', 0, 1000000), '536365')
  t.equal(cloneInvoice('536365', 2, 1000000), '2536365')
  t.equal(cloneInvoice('C536379', 1, 1000000), 'C1536379')
  t.equal(cloneInvoice('A563185', 3, 1000000), 'A3563185')
  t.throws(() => cloneInvoice('53-65', 1, 1000000), /unexpected invoice/)
})

t.test('customers: new ids per clone, missing ids stay missing', async (t) => {
  t.equal(cloneCustomer('17850', 0, 100000), '17850')
  t.equal(cloneCustomer('17850', 1, 100000), '117850')
  t.equal(cloneCustomer('12346', 9, 100000), '912346')
  t.equal(cloneCustomer('', 4, 100000), '')
  t.throws(() => cloneCustomer('17850.0', 1, 100000), /unexpected customer id/)
})

t.test('dates move by whole days and keep their time of day and style', async (t) => {
  t.equal(shiftDate('2010-12-01 08:26:00', -1), '2010-11-30 08:26:00')
  t.equal(shiftDate('2011-03-01 23:59:00', -1), '2011-02-28 23:59:00')
  t.equal(shiftDate('2012-03-01 00:00:00', -1), '2012-02-29 00:00:00', 'leap year')
  t.equal(shiftDate('2011-01-05 10:00:00', -40), '2010-11-26 10:00:00', 'across a year')
  t.equal(shiftDate('2011-03-27 01:30:00', 1), '2011-03-28 01:30:00', 'across a DST change')
  t.equal(shiftDate('12/1/2010 8:26', -1), '11/30/2010 8:26')
  t.equal(shiftDate('whatever', 0), 'whatever')
  t.throws(() => shiftDate('1 Dec 2010', 3), /unexpected date/)
})

t.test('fields are quoted only when needed, like the source files', async (t) => {
  t.equal(quoteField('WHITE METAL LANTERN'), 'WHITE METAL LANTERN')
  t.equal(quoteField('FANCY FONT BIRTHDAY CARD, '), '"FANCY FONT BIRTHDAY CARD, "')
  t.equal(quoteField('RECORD FRAME 7" SINGLE SIZE '), '"RECORD FRAME 7"" SINGLE SIZE "')
  t.equal(quoteField(''), '')
})

t.test('raw fields keep their quotes so a line rebuilds byte for byte', async (t) => {
  const lines = [
    '536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom',
    '536381,82567,"AIRLINE LOUNGE,METAL SIGN",2,2010-12-01 09:41:00,2.1,15311,United Kingdom',
    '536477,22041,"RECORD FRAME 7"" SINGLE SIZE ",48,2010-12-01 12:27:00,2.1,16210,United Kingdom',
    '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom'
  ]
  for (const line of lines) {
    const fields = splitRawFields(line)
    t.equal(fields.length, 8)
    t.equal(fields.join(','), line)
  }
  t.equal(unquote(splitRawFields(lines[1])[2]), 'AIRLINE LOUNGE,METAL SIGN')
  t.equal(unquote(splitRawFields(lines[2])[2]), 'RECORD FRAME 7" SINGLE SIZE ')
  t.equal(unquote('plain'), 'plain')
})

t.test('a line ending inside a quoted field continues on the next', async (t) => {
  t.ok(endsInsideQuotes('1,"two\nlines'))
  t.notOk(endsInsideQuotes('1,"two\nlines",3'))
  t.notOk(endsInsideQuotes('1,"say ""hi""",3'))
  t.notOk(endsInsideQuotes('1,2,3'))
})

t.test('catalogue copies: clone c buys copy c mod F, products get new codes, non-products keep theirs', async (t) => {
  t.same([0, 1, 2, 3, 4, 5].map((clone) => catalogueCopy(clone, 3)), [0, 1, 2, 0, 1, 2])
  t.same([0, 1, 7].map((clone) => catalogueCopy(clone, 1)), [0, 0, 0])
  t.throws(() => catalogueCopy(1, 0), RangeError)
  t.equal(cloneStockCode('85123A', 0), '85123A')
  t.equal(cloneStockCode('85123A', 2), '85123A~2')
  t.equal(cloneStockCode('POST', 2), 'POST', 'postage is not a product')
  t.equal(cloneStockCode('gift_0001_20', 3), 'gift_0001_20', 'nor a gift voucher')
})
