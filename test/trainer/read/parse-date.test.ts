import t from 'tap'
import { createInvoiceDateParser, daysFromCivil, daysInMonth, parseInvoiceDate } from '../../../trainer/read/parse-date.js'

t.test('daysFromCivil agrees with Date.UTC over four centuries of first-of-months and leap days', async (t) => {
  let mismatches = 0
  for (let year = 1900; year <= 2300; year++) {
    for (let month = 1; month <= 12; month++) {
      for (const day of [1, daysInMonth(year, month)]) {
        if (daysFromCivil(year, month, day) * 86_400_000 !== Date.UTC(year, month - 1, day)) mismatches++
      }
    }
  }
  t.equal(mismatches, 0)
  t.equal(daysFromCivil(1970, 1, 1), 0)
})

t.test('daysInMonth knows leap years', async (t) => {
  t.equal(daysInMonth(2011, 2), 28)
  t.equal(daysInMonth(2012, 2), 29)
  t.equal(daysInMonth(1900, 2), 28, 'century, not a leap year')
  t.equal(daysInMonth(2000, 2), 29, '400th year is')
  t.equal(daysInMonth(2011, 4), 30)
  t.equal(daysInMonth(2011, 12), 31)
})

t.test('ISO style: YYYY-MM-DD HH:MM:SS as UTC wall-clock', async (t) => {
  t.equal(parseInvoiceDate('2010-12-01 08:26:00'), Date.UTC(2010, 11, 1, 8, 26, 0))
  t.equal(parseInvoiceDate('2011-12-09 12:50:59'), Date.UTC(2011, 11, 9, 12, 50, 59))
  t.equal(parseInvoiceDate('2011-12-09 12:50'), Date.UTC(2011, 11, 9, 12, 50), 'seconds optional')
  t.equal(parseInvoiceDate('2011-12-09T12:50:00'), Date.UTC(2011, 11, 9, 12, 50), 'T separator')
  t.equal(parseInvoiceDate('2011-12-09'), Date.UTC(2011, 11, 9), 'date alone')
  t.equal(parseInvoiceDate('2012-02-29 00:00:00'), Date.UTC(2012, 1, 29))
})

t.test('US style: M/D/YYYY H:MM[:SS] as in other CSV copies', async (t) => {
  t.equal(parseInvoiceDate('12/1/2010 8:26'), Date.UTC(2010, 11, 1, 8, 26))
  t.equal(parseInvoiceDate('1/12/2011 17:05'), Date.UTC(2011, 0, 12, 17, 5), 'month first')
  t.equal(parseInvoiceDate('01/02/2011 08:26:30'), Date.UTC(2011, 0, 2, 8, 26, 30), 'two digits and seconds')
  t.equal(parseInvoiceDate('12/9/2011 12:50'), parseInvoiceDate('2011-12-09 12:50:00'), 'both styles name the same instant')
})

t.test('impossible dates and times are rejected, not rolled over', async (t) => {
  for (const text of [
    '2011-02-29 10:00:00', '2011-02-30 10:00:00', '2011-13-01 10:00:00', '2011-00-10 10:00:00', '2011-04-31 10:00',
    '2011-01-01 24:00:00', '2011-01-01 10:60:00', '2011-01-01 10:00:60', '2/30/2011 8:26', '13/1/2011 8:26', '0/1/2011 8:26'
  ]) t.ok(Number.isNaN(parseInvoiceDate(text)), text)
})

t.test('other text is rejected', async (t) => {
  for (const text of [
    '', 'yesterday', '2011-1-01 10:00', '2011-01-01 10', '2011-01-01 10:00:00.5', '2011-01-01 10:00 ', '2011/01/01 10:00',
    '12/1/10 8:26', '12/1/2010', '12/1/2010 8', '12-1-2010 8:26', '12/1/2010 8:26:5', 'x2/1/2010 8:26', '2011-01-01x10:00'
  ]) t.ok(Number.isNaN(parseInvoiceDate(text)), JSON.stringify(text))
})

t.test('the caching parser returns what the plain one does, for repeated and changing text', async (t) => {
  const parse = createInvoiceDateParser()
  for (const text of ['2010-12-01 08:26:00', '2010-12-01 08:26:00', 'bad', 'bad', '12/1/2010 8:28', '2010-12-01 08:26:00']) {
    t.same(parse(text), parseInvoiceDate(text), text)
  }
})
