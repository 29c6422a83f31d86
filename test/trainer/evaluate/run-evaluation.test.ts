// `npm run evaluate` end to end on a small log: the variant search runs on the validation window
// (before the test window, trained on what precedes it), never on the test window it reports on.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import t from 'tap'
import { runEvaluation } from '../../../trainer/evaluate/command.js'
import { formatEvaluationMarkdown } from '../../../trainer/evaluate/report-markdown.js'
import { randomLog } from './fixtures.js'

t.test('variants are searched on the validation window; the test window only reports', async (t) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'evaluate-'))
  t.teardown(async () => { await rm(dir, { recursive: true, force: true }) })
  const table = randomLog(31, 80, 40, 3000, 300)
  const lines = ['InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country']
  for (let r = 0; r < table.length; r++) {
    const date = new Date(table.invoiceDate[r]).toISOString().replace('T', ' ').slice(0, 19)
    lines.push(`${500000 + table.invoice[r]},${table.productCodes[table.product[r]]},item,${table.quantity[r]},${date},1.5,${table.customerIds[table.customer[r]].slice(1)},UK`)
  }
  const input = path.join(dir, 'log.csv')
  await writeFile(input, lines.join('\n') + '\n')

  const run = await runEvaluation({ input, evaluationDays: 60, cutoff: undefined, variants: true, segments: false, reference: false, json: false, readme: false }, [], () => {})
  if (run.variants === null || run.validation === null) throw new Error('variants and their validation window expected')
  const testCutoff = Date.parse(run.report.setup.cutoff)
  const validationCutoff = Date.parse(run.validation.setup.cutoff)
  t.equal(testCutoff - validationCutoff, 60 * 86_400_000, 'the validation window is the 60 days before the test window')
  t.ok(run.validation.setup.trainRows < run.report.setup.trainRows, 'its model learns from less: only what precedes it')
  t.equal(run.validation.setup.trainRows + run.validation.setup.testRows, run.report.setup.trainRows, 'and its window is the test model\'s last 60 days')
  for (const result of run.variants.results) t.equal(result.customers, run.validation.setup.customersEvaluated, 'every variant scored on the validation customers')
  t.ok(run.variants.results.some((r) => r.options?.similarity === 'cosine') && run.variants.results.some((r) => r.options?.similarity === 'ease'), 'the similarities are compared')
  t.equal(run.validation.bestOnTest.customers, run.report.setup.customersEvaluated, 'the validation pick is reported once on the test window')
  t.ok(run.report.baselines?.formerDefaults !== undefined, 'the former defaults are the ranking baseline')
  t.match(formatEvaluationMarkdown(run), /\*\*On the validation window, not the test window\*\*/)
})
