// Two servers' runs compared run by run: the per-run ratios' median and range, not the ratio of
// the medians.
import t from 'tap'
import type { Measured } from '../../../bench/lib/api-report.js'
import { pairRuns } from '../../../bench/lib/paired-runs.js'

function run (reqPerSec: number, cpuPerRequest: number): Measured {
  const counts = { requests: 1000, notModified: 0, non2xx: 0, errors: 0 }
  return { name: 'GET /recommendations/:product', kind: 'recommendations', level: 'info', reqPerSec, cpuPerRequest, logBytesPerRequest: 250, p50: 0, p99: 1, ...counts }
}

t.test('each run is compared with its own partner', async (t) => {
  // run 2 was slow for both servers (a neighbour's job): the ratio of medians would call the large
  // server 67 % of the small one, the runs themselves say it matched it every time
  const small = [run(10_000, 50), run(5_000, 100), run(10_000, 50)]
  const large = [run(10_000, 50), run(5_000, 100), run(6_000, 90)]
  const paired = pairRuns(small, large)
  t.equal(paired.rate.median, 1)
  t.equal(paired.rate.min, 0.6)
  t.equal(paired.rate.max, 1)
  t.equal(paired.cpu.median, 1)
  t.equal(paired.cpu.min, 50 / 90)
  t.equal(paired.small.reqPerSec, 10_000, 'the medians are still each server\'s own')
  t.equal(paired.large.reqPerSec, 6_000)
})

t.test('a run without requests counts as no ratio, not as zero', async (t) => {
  const paired = pairRuns([run(10_000, NaN), run(10_000, 40)], [run(9_000, 45), run(9_000, 50)])
  t.equal(paired.cpu.median, 0.8)
  t.equal(paired.cpu.min, 0.8)
  const none = pairRuns([run(10_000, NaN)], [run(9_000, 45)])
  t.ok(Number.isNaN(none.cpu.median))
})

t.test('runs that do not pair up are refused', async (t) => {
  t.throws(() => pairRuns([run(1, 1)], []), /same number of runs on both servers, got 1 and 0/)
  t.throws(() => pairRuns([], []), RangeError)
})
