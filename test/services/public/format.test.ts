// Number and date formatting of the page (services/public/format.js).
import t from 'tap'
import {
  formatCompactMoney, formatCompactNumber, formatDate, formatExpected, formatInteger, formatMean, formatMoney, formatScore, formatShare, plural
} from '../../../services/public/format.js'

t.test('integers, money and shares in British English', async (t) => {
  t.equal(formatInteger(4338), '4,338')
  t.equal(formatInteger(7.6), '8')
  t.equal(formatMoney(270.62), '£271')
  t.equal(formatMoney(89), '£89.00')
  t.equal(formatMoney(4252.39), '£4,252')
  t.equal(formatMoney(0), '£0.00')
  t.equal(formatShare(0.1646), '16.5%')
  t.equal(formatShare(1), '100.0%')
})

t.test('axis labels are short', async (t) => {
  t.same([0, 10, 100, 1000, 10000, 1500, 1e6].map(formatCompactMoney), ['£0', '£10', '£100', '£1k', '£10k', '£1.5k', '£1M'])
  t.same([0, 3, 30, 300, 3000].map(formatCompactNumber), ['0', '3', '30', '300', '3k'])
})

t.test('scores, centroid means, dates and plurals', async (t) => {
  t.equal(formatScore(0.5435), '0.54')
  t.equal(formatScore(0), '0.00')
  t.equal(formatScore(0.004), '0.004')
  t.equal(formatScore(0.0123), '0.012', 'EASE weights: two significant digits')
  t.equal(formatScore(0.0095), '0.0095')
  t.equal(formatScore(0.099), '0.099')
  t.equal(formatScore(1.2), '1.20', 'basket scores are sums and may pass 1')
  t.equal(formatMean(1.26), '1.3')
  t.equal(formatMean(7.63), '7.6')
  t.equal(formatMean(152.2), '152')
  t.equal(formatDate('2026-11-25T15:45:00.000Z'), '25 Nov 2026')
  t.equal(formatDate('not a date'), 'not a date')
  t.equal(plural(1, 'customer'), '1 customer')
  t.equal(plural(1178, 'customer'), '1,178 customers')
  t.equal(plural(0, 'match', 'matches'), '0 matches')
})

t.test('expected purchases: two decimals while small', async (t) => {
  t.same([0.1882, 1.4045, 9.999, 22.6959, 123.4].map(formatExpected), ['0.19', '1.40', '10.00', '22.7', '123'])
})
