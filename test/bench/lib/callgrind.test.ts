// Counting a server's cost per request under callgrind (bench:large-model --meter instructions):
// reading callgrind's totals, the cycle estimate, and the control path on a real node process —
// work counted only while collection is on, and ten times the work counted as about ten times
// the instructions.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import t from 'tap'
import { allThreads, Callgrind, callgrindArguments, controlSucceeded, cycleEstimate, FIRST_LEVEL_CACHE, LAST_LEVEL_CACHE, mainThread, overSubtracted, parseTotals, withoutIdle, type Dump } from '../../../bench/lib/callgrind.js'
import { skipWithout } from '../../helpers/system-tools.js'

const SAMPLE = `# callgrind format
version: 1
creator: callgrind-3.19.0
pid: 2036
cmd:  /usr/bin/node --expose-gc server.js
part: 1
desc: LL cache: 33554432 B, 64 B, 16-way associative
events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
summary: 1000 400 200 10 20 5 1 2
totals: 1000 400 200 10 20 5 1 2
fl=(1) ???
`

t.test('the totals line, one count per event; a trailing zero left off is zero', async (t) => {
  t.same(parseTotals(SAMPLE), { Ir: 1000, Dr: 400, Dw: 200, I1mr: 10, D1mr: 20, D1mw: 5, ILmr: 1, DLmr: 2, DLmw: 0 })
  t.same(parseTotals('events: Ir\nsummary: 42\n'), { Ir: 42 }, 'summary: when there is no totals: line')
})

t.test('anything else is refused, not read as zeros', async (t) => {
  t.throws(() => parseTotals('not a profile\n'), /not a callgrind output file/)
  t.throws(() => parseTotals('events: Ir\ntotals: 1 2\n'), /do not match the events/)
  t.throws(() => parseTotals('events: Ir Dr\ntotals: 1 x\n'), /do not match the events/)
})

t.test('the cycle estimate: an instruction a cycle, 10 an L1 miss, 100 a last-level miss', async (t) => {
  t.equal(cycleEstimate(parseTotals(SAMPLE)), 1000 + 10 * (10 + 20 + 5) + 100 * (1 + 2 + 0))
  t.equal(cycleEstimate({ Ir: 7 }), 7, 'without the cache simulator: instructions')
})

t.test('every thread summed, the main thread apart', async (t) => {
  const dump: Dump = { threads: [{ thread: 1, counts: { Ir: 10, D1mr: 1 } }, { thread: 3, counts: { Ir: 5 } }] }
  t.same(allThreads(dump), { Ir: 15, D1mr: 1 })
  t.same(mainThread(dump), { Ir: 10, D1mr: 1 })
  t.throws(() => mainThread({ threads: [{ thread: 2, counts: { Ir: 1 } }] }), /no thread 1/)
})

t.test('the idle rate comes off each thread for the window\'s duration, never below zero', async (t) => {
  const window: Dump = { threads: [{ thread: 1, counts: { Ir: 10_000, DLmr: 50 } }, { thread: 3, counts: { Ir: 100 } }, { thread: 4, counts: { Ir: 7 } }] }
  // idle over 2 s: 1,000 instructions and 10 misses on the main thread, 200 on thread 3, none on 4
  const idle: Dump = { threads: [{ thread: 1, counts: { Ir: 1_000, DLmr: 10 } }, { thread: 3, counts: { Ir: 200 } }] }
  const net = withoutIdle(window, 6_000, idle, 2_000)
  t.same(net.threads, [
    { thread: 1, counts: { Ir: 7_000, DLmr: 20 } },
    { thread: 3, counts: { Ir: 0 } },
    { thread: 4, counts: { Ir: 7 } }
  ])
  t.throws(() => withoutIdle(window, 1, idle, 0), /durations/)
  t.same(overSubtracted(window, 6_000, idle, 2_000), ['thread 3: Ir'], 'the clamp is reported, thread and event')
  t.same(overSubtracted(window, 1_000, idle, 2_000), [], 'nothing clamped over a short window')
})

t.test('every cache level is stated, so two machines simulate the same caches', async (t) => {
  const args = callgrindArguments('/tmp/x')
  const { bytes, ways, line } = FIRST_LEVEL_CACHE
  t.ok(args.includes(`--I1=${bytes},${ways},${line}`) && args.includes(`--D1=${bytes},${ways},${line}`), args.join(' '))
  t.ok(args.includes(`--LL=${LAST_LEVEL_CACHE.bytes},${LAST_LEVEL_CACHE.ways},${LAST_LEVEL_CACHE.line}`))
  t.ok(args.includes('--instr-atstart=no'), 'collection off while the program starts')
})

t.test('callgrind_control exits 0 when it reaches no process; its words tell', async (t) => {
  t.ok(controlSucceeded('PID 30958: node -e setTimeout(()=>{},8000)\n  OK.\n'))
  t.notOk(controlSucceeded("Error: Callgrind task with PID/name '999999' not detected.\nSee '/usr/bin/callgrind_control -h' for help.\n"))
  t.notOk(controlSucceeded(''), 'no output is no success')
})

t.test('a command that reaches no callgrind run throws, with callgrind_control\'s words', { skip: skipWithout('/usr/bin/callgrind_control', 'apt-get install valgrind') }, async (t) => {
  // pid 1 runs, but not under callgrind
  const callgrind = new Callgrind(1, path.join(os.tmpdir(), 'no-such-run'))
  t.throws(() => callgrind.zero(), /callgrind_control -z 1 failed: Error: Callgrind task with PID\/name '1' not detected/)
  await t.rejects(callgrind.dump(), /failed/)
})

// A node process that, for each line "N" on stdin, runs a loop of N iterations and prints "done".
const WORKER = `
const rl = require('node:readline').createInterface({ input: process.stdin })
let sink = 0
function work (n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 1000003; return s }
console.log('up')
rl.on('line', (line) => { sink += work(Number(line)); console.log('done ' + (sink % 10)) })
`

t.test('a real process: only what runs while collection is on is counted, and in proportion', { skip: skipWithout('/usr/bin/valgrind', 'apt-get install valgrind'), timeout: 240_000 }, async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'callgrind-test-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const prefix = path.join(dir, 'out')
  const child = spawn('valgrind', [...callgrindArguments(prefix), process.execPath, '-e', WORKER], { stdio: ['pipe', 'pipe', 'ignore'] })
  t.teardown(() => { child.kill('SIGKILL') })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async (): Promise<string> => (await lines.next()).value as string
  t.equal(await next(), 'up')
  const run = async (n: number): Promise<void> => {
    child.stdin.write(`${n}\n`)
    t.match(await next(), /^done/)
  }
  const pid = child.pid
  if (pid === undefined) throw new Error('no pid')
  const callgrind = new Callgrind(pid, prefix)
  // compiled at valgrind's plain speed, uncounted
  for (let i = 0; i < 20; i++) await run(100_000)
  const off = Date.now()
  callgrind.instrument(true)
  callgrind.zero()
  const idle = mainThread(await callgrind.dump()).Ir
  callgrind.zero()
  await run(200_000)
  const small = mainThread(await callgrind.dump())
  const largeStarted = callgrind.zero()
  await run(2_000_000)
  const large = await callgrind.dump()
  t.ok(large.at > largeStarted, 'a window is stamped from its zero to its dump')
  // the same loop with collection off: only the switching around it is counted
  callgrind.instrument(false)
  await run(2_000_000)
  callgrind.instrument(true)
  const uncounted = mainThread(await callgrind.dump()).Ir
  callgrind.instrument(false)
  t.ok(uncounted < (mainThread(large).Ir - idle) / 10, `2M iterations with collection off: ${uncounted} instructions, against ${mainThread(large).Ir} counted`)
  t.ok(large.threads.length > 1, `one file per thread (${large.threads.length})`)
  t.equal(large.threads[0].thread, 1)
  const ratio = (mainThread(large).Ir - idle) / (small.Ir - idle)
  t.ok(ratio > 8 && ratio < 12, `10× the loop: ${ratio.toFixed(2)}× the main thread's instructions (idle window ${idle})`)
  t.ok(small.Ir > 200_000, `at least an instruction an iteration (${small.Ir})`)
  t.ok(typeof small.D1mr === 'number' && typeof small.DLmr === 'number', 'the cache simulator is on')
  t.ok(allThreads(large).Ir >= mainThread(large).Ir)
  t.comment(`counted in ${Date.now() - off} ms`)
  child.stdin.end()
  await once(child, 'exit')
})
