import os from 'node:os'
import t from 'tap'
import { describeMachine, formatMachine } from '../../../bench/lib/machine.js'

t.test('describes this machine', async (t) => {
  const machine = describeMachine()
  t.equal(machine.cores, os.cpus().length)
  t.equal(machine.node, process.version)
  t.equal(machine.totalMemoryBytes, os.totalmem())
  t.ok(machine.cpuModel.length > 0)
  const line = formatMachine(machine)
  t.match(line, `${machine.cores} cores`)
  t.match(line, process.version)
})
