import t from 'tap'
import { lastJsonLine, parseTimeOutput, runMeasured } from '../../../bench/lib/measure.js'
import { gnuTime } from '../../../bench/lib/system-packages.js'

const MIB = 1024 * 1024

t.test('parses GNU time output, including the line it adds for a failed command', async (t) => {
  t.same(parseTimeOutput('29.11 605492 31.20 1.05\n'), { elapsedSeconds: 29.11, maxRssKb: 605492, userSeconds: 31.2, systemSeconds: 1.05 })
  t.same(parseTimeOutput('Command exited with non-zero status 2\n0.05 3120 0.01 0.00\n'), { elapsedSeconds: 0.05, maxRssKb: 3120, userSeconds: 0.01, systemSeconds: 0 })
  t.throws(() => parseTimeOutput('garbage'))
})

t.test('finds the JSON summary printed last', async (t) => {
  t.same(lastJsonLine('progress\n{"a":1}\n{"b":2}\n'), { b: 2 })
  t.same(lastJsonLine('{"a":1}\n{not json\n'), { a: 1 })
  t.equal(lastJsonLine('no json here'), null)
  t.equal(lastJsonLine('[1,2]'), null)
})

t.test('measured peak RSS agrees with what the child reports about itself', { skip: gnuTime.isPresent() ? false : 'GNU time not installed' }, async (t) => {
  // The child touches every page of a 200 MiB buffer, then prints its own getrusage maxRSS (KiB).
  const script = 'const b = Buffer.alloc(200 * 1024 * 1024, 1); console.log(JSON.stringify({ self: process.resourceUsage().maxRSS, sum: b[0] + b[b.length - 1] }))'
  const run = await runMeasured(process.execPath, ['-e', script])
  t.equal(run.exitCode, 0)
  const reported = lastJsonLine(run.stdout)
  t.ok(reported !== null)
  const selfBytes = Number(reported?.self) * 1024
  t.ok(run.peakRssBytes >= 200 * MIB, `peak ${run.peakRssBytes} covers the 200 MiB buffer`)
  t.ok(run.peakRssBytes >= selfBytes, 'not less than the child saw itself')
  t.ok(run.peakRssBytes <= selfBytes * 1.05 + 8 * MIB, `close to the child's own figure (${run.peakRssBytes} vs ${selfBytes})`)
  t.ok(run.wallMs > 0)
  t.ok(run.cpuMs >= 0)
})

t.test('CPU time counts the work the child did', { skip: gnuTime.isPresent() ? false : 'GNU time not installed' }, async (t) => {
  // busy-loop until the child's own CPU clock shows 300 ms
  const script = 'const u = () => { const r = process.cpuUsage(); return (r.user + r.system) / 1000 }; while (u() < 300) {}'
  const run = await runMeasured(process.execPath, ['-e', script])
  t.equal(run.exitCode, 0)
  t.ok(run.cpuMs >= 280, `cpu ${run.cpuMs} ms covers the 300 ms of work (GNU time rounds to 10 ms)`)
})

t.test('a child started through a shell is measured with its descendants', { skip: gnuTime.isPresent() ? false : 'GNU time not installed' }, async (t) => {
  const script = 'Buffer.alloc(150 * 1024 * 1024, 1)'
  const run = await runMeasured('/bin/sh', ['-c', `"${process.execPath}" -e "${script}"; exit 3`])
  t.equal(run.exitCode, 3, 'exit status passes through')
  t.ok(run.peakRssBytes >= 150 * MIB, `peak ${run.peakRssBytes} includes the grandchild`)
})

t.test('a small child shows a small peak', { skip: gnuTime.isPresent() ? false : 'GNU time not installed' }, async (t) => {
  const run = await runMeasured('/bin/sh', ['-c', 'echo hello'])
  t.equal(run.stdout, 'hello\n')
  t.ok(run.peakRssBytes > 0 && run.peakRssBytes < 50 * MIB, `peak ${run.peakRssBytes}`)
})
