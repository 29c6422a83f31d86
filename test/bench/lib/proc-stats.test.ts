import t from 'tap'
import { cpuSecondsOf, rssOf } from '../../../bench/lib/proc-stats.js'

t.test('this process: its RSS and its CPU time as /proc reports them', async (t) => {
  const before = cpuSecondsOf(process.pid)
  // busy until /proc shows more CPU time (a clock tick is 10 ms), or 5 s on a very busy machine
  const until = Date.now() + 5000
  while (cpuSecondsOf(process.pid) <= before && Date.now() < until) for (let i = 0; i < 1e5; i++) Math.sqrt(i)
  t.ok(cpuSecondsOf(process.pid) > before, 'CPU time grows with work')
  const { rss } = process.memoryUsage()
  t.ok(Math.abs(rssOf(process.pid) - rss) < 64 * 1024 * 1024, 'close to what the process says about itself')
})

t.test('no such process: 0', async (t) => {
  t.equal(rssOf(-1), 0)
  t.equal(cpuSecondsOf(-1), 0)
})
