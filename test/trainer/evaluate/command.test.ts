import t from 'tap'
import { parseEvaluateArgs } from '../../../trainer/evaluate/command.js'
import { BUNDLED_INPUT } from '../../../trainer/read/options.js'

t.test('defaults: bundled data, 90 days, variants, segments, markdown; the README is never written unless asked', async (t) => {
  t.same(parseEvaluateArgs([]), {
    help: false,
    args: { input: BUNDLED_INPUT, evaluationDays: 90, cutoff: undefined, variants: true, segments: true, reference: false, json: false, readme: false }
  })
})

t.test('options', async (t) => {
  const parsed = parseEvaluateArgs(['--input', 'x.csv', '--evaluation-days', '30', '--no-variants', '--no-segments', '--reference', '--json', '--write-readme'])
  t.same(parsed, { help: false, args: { input: 'x.csv', evaluationDays: 30, cutoff: undefined, variants: false, segments: false, reference: true, json: true, readme: true } })
  const withCutoff = parseEvaluateArgs(['--cutoff', '2011-09-01'])
  t.equal(withCutoff.help === false && withCutoff.args.cutoff?.toISOString(), '2011-09-01T00:00:00.000Z')
  t.same(parseEvaluateArgs(['-h']), { help: true })
})

t.test('bad options are usage errors', async (t) => {
  for (const argv of [['--evaluation-days', '0'], ['--evaluation-days', 'x'], ['--cutoff', 'soon'], ['--frobnicate'], ['positional']]) {
    t.throws(() => parseEvaluateArgs(argv), { code: 'ERR_USAGE' }, argv.join(' '))
  }
})
