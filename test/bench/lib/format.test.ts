import t from 'tap'
import { formatBytes, formatCount, formatDate, formatRatio, formatSeconds } from '../../../bench/lib/format.js'

t.test('bytes in MiB', async (t) => {
  t.equal(formatBytes(8.4 * 1024 * 1024), '8.4 MiB')
  t.equal(formatBytes(605492 * 1024), '591 MiB')
})

t.test('seconds, ratios, counts, dates', async (t) => {
  t.equal(formatSeconds(1234), '1.23 s')
  t.equal(formatSeconds(29110), '29.1 s')
  t.equal(formatRatio(3.456), '3.46×')
  t.equal(formatRatio(12.34), '12.3×')
  t.equal(formatRatio(Infinity), 'n/a')
  t.equal(formatCount(541909), '541,909')
  t.equal(formatDate(new Date('2026-11-25T16:08:59Z')), '2026-11-25 16:08 UTC')
})
