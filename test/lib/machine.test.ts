import os from 'node:os'
import t from 'tap'
import { busyMachineNote, describeMachine, formatMachine } from '../../lib/machine.js'

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

t.test('a busy machine is called out, an idle one is not', async (t) => {
  const machine = { ...describeMachine(), cores: 2 }
  t.equal(busyMachineNote({ ...machine, loadAverage: 1.5 }), null)
  t.match(busyMachineNote({ ...machine, loadAverage: 13.99 }) ?? '', /load average 14\.0 on 2 cores/)
})
