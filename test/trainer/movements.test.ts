// Movements between versions on the bundled data: a retrain with another seed keeps ≥ 99 % of
// customers' labels (labels come from a rule on the centroids, not from K-Means' cluster order),
// the manifest and the report say so, and a previous version that cannot be read is skipped.
import t from 'tap'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pino from 'pino'
import { customerRecords, MODEL_FILES, REPORT_FILE, loadVersion } from '../../lib/artifacts/index.js'
import { trainAndPublish } from '../../trainer/train.js'

t.test('real data: another seed keeps labels; the movements are in the manifest and the report', async (t) => {
  const out = t.testdir()
  const first = await trainAndPublish({ out })
  t.equal(first.manifest.movements, undefined, 'a first version has nothing to compare with')
  const second = await trainAndPublish({ out, seed: 7 })
  const [a, b] = await Promise.all([loadVersion(out, first.version), loadVersion(out, second.version)])
  const labelOf = new Map(customerRecords(a.customers).map((c) => [c.id, a.segments.segments[c.segment].label]))
  const kept = customerRecords(b.customers).filter((c) => labelOf.get(c.id) === b.segments.segments[c.segment].label).length
  const share = kept / customerRecords(b.customers).length
  t.ok(share >= 0.99, `seed 7 keeps ${(100 * share).toFixed(2)} % of the default seed's labels (${kept} of ${customerRecords(b.customers).length})`)

  const movements = b.manifest.movements!
  t.equal(movements.from, first.version)
  t.match(movements.customers, { previous: 4338, current: 4338, inBoth: 4338, sameSegment: kept, new: 0, gone: 0 })
  t.equal(movements.transitions.reduce((sum, r) => sum + r.customers, 0), 4338)
  t.equal(movements.transitions.filter((r) => r.from === r.to).reduce((sum, r) => sum + r.customers, 0), kept)
  const report = await readFile(path.join(second.dir, REPORT_FILE), 'utf8')
  t.match(report, /<section id="movements"><h2>Movements since the previous version<\/h2>/)
  t.match(report, /<figure class="chart" id="movements-heat-map">/)
  t.match(report, new RegExp(`Compared with ${first.version}`))

  // the newest version broken: the next training skips it, says why, and publishes
  await writeFile(path.join(second.dir, MODEL_FILES.customers), '{"customers": []}')
  const lines: Array<{ msg: string, reason?: string }> = []
  const logger = pino({ level: 'info' }, { write: (line: string) => { lines.push(JSON.parse(line)) } })
  const third = await trainAndPublish({ out }, logger)
  t.equal(third.manifest.movements, undefined, 'no movements against a version that cannot be read')
  t.ok(lines.some((l) => /previous version .* cannot be read: no movements/.test(l.msg) && /customers\.bin/.test(l.reason ?? '')), 'the reason is logged')
})
