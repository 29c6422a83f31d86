// Pinning the benchmarked server and the load generator to cores of their own: the plan for a
// machine's CPU count, and taskset really moving a running process (every thread) to the CPUs.
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import os from 'node:os'
import t from 'tap'
import { describePinning, pinningPlan, pinProcess, tasksetAvailable } from '../../../bench/lib/cpu-pinning.js'

t.test('the last CPU serves, the others generate the load', async (t) => {
  t.same(pinningPlan(2), { server: '1', load: '0', every: '0-1' })
  t.same(pinningPlan(8), { server: '7', load: '0-6', every: '0-7' })
})

t.test('nothing to separate on one CPU (or a count that is not one)', async (t) => {
  t.equal(pinningPlan(1), null)
  t.equal(pinningPlan(0), null)
  t.equal(pinningPlan(2.5), null)
})

t.test('the report says where each side ran', async (t) => {
  t.match(describePinning({ server: '1', load: '0', every: '0-1' }), /server pinned to CPU 1 and autocannon \(this process\) to CPU 0/)
  t.match(describePinning(null), /not pinned/)
})

t.test('pinProcess moves every thread of a running process', { skip: !tasksetAvailable() || os.availableParallelism() < 2 ? 'needs taskset and 2 CPUs' : false }, async (t) => {
  // a Node child: it has threads (the platform's workers, libuv's pool) besides the main one
  const child = spawn(process.execPath, ['-e', 'console.log("up"); setTimeout(() => {}, 30000)'], { stdio: ['ignore', 'pipe', 'ignore'] })
  t.teardown(() => { child.kill() })
  // running JavaScript: its threads exist by now
  await once(child.stdout, 'data')
  const pid = child.pid
  if (pid === undefined) throw new Error('no child pid')
  pinProcess(pid, '1')
  const threads = execFileSync('ls', [`/proc/${pid}/task`], { encoding: 'utf8' }).trim().split('\n')
  t.ok(threads.length > 1, `${threads.length} threads`)
  for (const tid of threads) {
    // "pid 123's current affinity list: 1"
    const list = execFileSync('taskset', ['-c', '-p', tid], { encoding: 'utf8' }).trim().split(': ').pop()
    t.equal(list, '1', `thread ${tid}`)
  }
})
