// manifest.options and manifest.evaluation are typed (issue 9). The schema version stays 1: every
// manifest the trainer wrote before still validates — the two fixtures here were published by
// the trainer at bbd82b3, the commit before, on the bundled data (`--evaluate`; and every option
// set) — and a reader of the previous contract, which took any object there, reads these too.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { Compile } from 'typebox/compile'
import { EvaluationReportSchema, ManifestSchema, TrainingOptionsSchema } from '../../../lib/artifacts/index.js'
import '../../../lib/artifacts/formats.js'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { fixtureEvaluationReport, FIXTURE_TRAINING_OPTIONS } from '../../helpers/fixtures.js'

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'lib', 'artifacts', 'fixtures')
const manifest = Compile(ManifestSchema)
const options = Compile(TrainingOptionsSchema)
const evaluation = Compile(EvaluationReportSchema)

async function fixture (name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>
}

t.test('manifests written before the options and the evaluation were typed still validate', async (t) => {
  for (const name of ['manifest-evaluated-before-typed-options.json', 'manifest-every-option-before-typed-options.json']) {
    const written = await fixture(name)
    t.ok(manifest.Check(written), `${name}: ${[...manifest.Errors(written)].map((e) => `${e.instancePath} ${e.message}`).join('; ')}`)
  }
  const evaluated = await fixture('manifest-evaluated-before-typed-options.json')
  t.match(evaluated.evaluation, { model: { at10: { hitRate: Number } } })
})

t.test('options: each bound is the contract\'s, and options added later are allowed', async (t) => {
  t.ok(options.Check(FIXTURE_TRAINING_OPTIONS))
  t.ok(options.Check({ ...FIXTURE_TRAINING_OPTIONS, k: 'auto', columns: { invoice: 'Order' }, keep: 3, asOf: '2011-12-31T00:00:00.000Z' }))
  t.ok(options.Check({ ...FIXTURE_TRAINING_OPTIONS, aLaterOption: true }))
  for (const [change, why] of [
    [{ popularityDamping: 1.5 }, 'damping above 1'],
    [{ k: 1 }, 'one segment'],
    [{ weighting: 'tf-idf' }, 'an unknown weighting'],
    [{ asOf: 'yesterday' }, 'not a date-time'],
    [{ topK: undefined }, 'a missing option']
  ] as const) {
    t.notOk(options.Check({ ...FIXTURE_TRAINING_OPTIONS, ...change }), why)
  }
})

t.test('evaluation: the report --evaluate writes, with or without baselines; nothing else', async (t) => {
  t.ok(evaluation.Check(fixtureEvaluationReport()))
  t.ok(evaluation.Check(fixtureEvaluationReport({ baselines: null, target: null })))
  t.notOk(evaluation.Check({ hitRate: 0.3 }), 'a bare hit rate')
  t.notOk(evaluation.Check(fixtureEvaluationReport({ model: { at10: { hitRate: 1.2 } } })), 'a hit rate above 1')
  t.notOk(evaluation.Check(fixtureEvaluationReport({ model: { method: 'magic' as 'original' } })), 'an unknown method')
})
