import t from 'tap'
import { formatDate, formatDateTime, formatInteger, formatNumber, formatPercent, formatShare, formatSignificant } from '../../../trainer/report/format.js'

t.test('formatNumber: thousands separators and fixed decimals, independent of the locale', async (t) => {
  t.equal(formatNumber(8911407.9), '8,911,408')
  t.equal(formatNumber(1234.5, 1), '1,234.5')
  t.equal(formatNumber(999.996, 2), '1,000.00', 'rounding can add a digit group')
  t.equal(formatNumber(12), '12')
  t.equal(formatNumber(-1234567.25, 1), '−1,234,567.3', 'a real minus sign')
  t.equal(formatNumber(-0.001, 2), '0.00', 'no sign when the value rounds to zero')
  t.equal(formatNumber(NaN), 'NaN')
  t.equal(formatInteger(541909), '541,909')
})

t.test('percentages and shares', async (t) => {
  t.equal(formatPercent(0.8234), '82.3%')
  t.equal(formatPercent(1), '100.0%')
  t.equal(formatPercent(0.5, 0), '50%')
  t.equal(formatShare(40 / 541909), '< 0.1%', 'a small non-zero share is not shown as zero')
  t.equal(formatShare(0), '0.0%')
  t.equal(formatShare(0.016), '1.6%')
})

t.test('formatSignificant: about n significant digits at any magnitude', async (t) => {
  t.equal(formatSignificant(674.475, 3), '674')
  t.equal(formatSignificant(2053.79, 3), '2,054', 'no decimals above the significant digits')
  t.equal(formatSignificant(0.337039, 3), '0.337')
  t.equal(formatSignificant(3938.0307, 5), '3,938.0')
  t.equal(formatSignificant(0, 3), '0')
})

t.test('dates print the data clock, no time zone conversion', async (t) => {
  t.equal(formatDateTime('2011-12-09T12:50:00.000Z'), '2011-12-09 12:50')
  t.equal(formatDate('2011-12-10T12:50:00.000Z'), '2011-12-10')
})
