// The trainer's options as composed from the stages' tables: the flags, defaults and manifest
// entries of the command line before the tables (issue 9) are all still there — an option added
// since is not an error here — one bound per option, and the contract types each entry as its
// table does.
import t from 'tap'
import { Type } from 'typebox'
import { Compile } from 'typebox/compile'
import { NeighbourOptionsSchema, TrainingOptionsSchema } from '../../lib/artifacts/index.js'
import '../../lib/artifacts/formats.js'
import { NEIGHBOUR_OPTIONS, resolveNeighbourOptions } from '../../trainer/neighbours/index.js'
import { manifestSchema } from '../../trainer/option-table/index.js'
import { TRAIN_OPTIONS, optionsForManifest, resolveTrainOptions } from '../../trainer/options.js'
import { parseTrainArgs } from '../../trainer/command.js'
import { BUNDLED_INPUT } from '../../trainer/read/options.js'

const plain = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema))

t.test('every flag of the command line before the tables', async (t) => {
  const flags = Object.values(TRAIN_OPTIONS.rows).map((row) => row.flag)
  for (const flag of [
    'aggregate-in-database', 'as-of', 'columns', 'evaluate', 'evaluation-days', 'input', 'k', 'keep', 'max-malformed', 'min-support', 'n-init',
    'non-product-codes', 'out', 'popularity-damping', 'seed', 'top-k', 'transform', 'weighting'
  ]) t.ok(flags.includes(flag), `--${flag}`)
})

t.test('the documented defaults', async (t) => {
  const resolved = resolveTrainOptions({ out: 'artifacts' })
  t.notOk('columns' in resolved || 'nonProductCodes' in resolved || 'asOf' in resolved || 'keep' in resolved, 'unset unless given')
  t.match(resolved, {
    input: BUNDLED_INPUT,
    maxMalformedShare: 0.01,
    k: 4,
    transform: 'log1p',
    seed: 42,
    nInit: 10,
    similarity: 'ease',
    topK: 20,
    minSupport: 3,
    weighting: 'binary',
    popularityDamping: 0,
    evaluate: false,
    evaluationDays: 90,
    out: 'artifacts'
  })
})

t.test('bad values are one-line usage errors naming the flag, wherever they come from', async (t) => {
  const bad: Array<[Record<string, unknown>, string]> = [
    [{ k: 1 }, '--k must be an integer ≥ 2 or auto, got 1'],
    [{ k: 'many' }, '--k must be an integer ≥ 2 or auto, got many'],
    [{ nInit: 0 }, '--n-init must be a positive integer, got 0'],
    [{ seed: 1.5 }, '--seed must be an integer, got 1.5'],
    [{ transform: 'sqrt' }, '--transform must be log1p or none, got sqrt'],
    [{ topK: 0 }, '--top-k must be a positive integer, got 0'],
    [{ minSupport: -1 }, '--min-support must be a positive integer, got -1'],
    [{ weighting: 'tf-idf' }, '--weighting must be binary, quantity or log-quantity, got tf-idf'],
    [{ popularityDamping: 1.5 }, '--popularity-damping must be a number between 0 and 1, got 1.5'],
    [{ maxMalformedShare: 2 }, '--max-malformed must be a share between 0 and 1, got 2'],
    [{ evaluationDays: 0 }, '--evaluation-days must be a positive integer, got 0'],
    [{ keep: 0 }, '--keep must be a positive integer, got 0'],
    [{ valueHorizonDays: 0 }, '--value-horizon-days must be an integer between 1 and 3650, got 0'],
    [{ asOf: new Date('x') }, '--as-of must be a valid date, got Invalid Date']
  ]
  for (const [given, message] of bad) {
    t.throws(() => resolveTrainOptions({ out: 'artifacts', ...given }), { code: 'ERR_USAGE', message }, message)
  }
})

t.test('popularity damping: one bound, at most 1, for the command line and the stage alike (the stage took any α ≥ 0)', async (t) => {
  t.equal(resolveTrainOptions({ out: 'a', similarity: 'cosine', popularityDamping: 1 }).popularityDamping, 1)
  t.equal(resolveNeighbourOptions({ similarity: 'cosine', popularityDamping: 1 }).popularityDamping, 1)
  t.throws(() => resolveNeighbourOptions({ popularityDamping: 2 }), { code: 'ERR_USAGE', message: 'neighbours: popularityDamping must be a number between 0 and 1, got 2' })
  t.throws(() => parseTrainArgs(['--popularity-damping', 'lots'], {}), { code: 'ERR_USAGE', message: '--popularity-damping must be a number, got "lots"' })
})

t.test("the contract's schema of manifest.options is the tables' (bounds included)", async (t) => {
  const tables = plain(manifestSchema(TRAIN_OPTIONS.rows)) as Record<string, unknown>
  const contract = plain(TrainingOptionsSchema.properties) as Record<string, Record<string, unknown>>
  for (const [key, schema] of Object.entries(contract)) {
    const { description: _description, ...rest } = schema
    t.same(rest, tables[key], `${key}: the contract's schema is its table's`)
  }
  const alwaysWritten = Type.Object(manifestSchema(TRAIN_OPTIONS.rows)).required
  // always written now, optional in the contract: versions trained before these options existed
  // lack them and must still load (their meaning then: cosine, no decay; no value stage; every
  // customer fitted)
  const addedLater = ['similarity', 'easeLambda', 'halfLifeDays', 'easeProducts', 'valueHorizonDays', 'segmentFitSample', 'valueFitSample']
  for (const key of Object.keys(contract)) {
    const required = (TrainingOptionsSchema.required as readonly string[]).includes(key)
    if (addedLater.includes(key)) {
      t.ok(!required && alwaysWritten.includes(key), `${key}: always written, optional in the contract for older versions`)
      continue
    }
    t.equal(required, alwaysWritten.includes(key), `${key}: required in the contract exactly when always written`)
  }
  t.same(plain(NeighbourOptionsSchema.properties), plain(Type.Object(manifestSchema(NEIGHBOUR_OPTIONS.rows)).properties), "the evaluation's neighbour options are the neighbour table's")
})

t.test('what the manifest records: the entries before the tables, valid under the contract', async (t) => {
  const check = Compile(TrainingOptionsSchema)
  const defaults = optionsForManifest(resolveTrainOptions({ out: 'artifacts' }))
  t.match(defaults, {
    maxMalformedShare: 0.01,
    nonProductCodes: ['POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS'],
    nonProductPrefixes: ['GIFT_0001_'],
    k: 4,
    transform: 'log1p',
    seed: 42,
    nInit: 10,
    asOf: null,
    similarity: 'ease',
    easeLambda: 2000,
    halfLifeDays: 45,
    easeProducts: 1000,
    topK: 20,
    minSupport: 3,
    weighting: 'binary',
    popularityDamping: 0,
    evaluate: false,
    evaluationDays: 90
  }, 'no paths: the manifest names the input by its identity')
  t.ok(check.Check(defaults))

  const parsed = parseTrainArgs([
    '--columns', 'invoice=Order', '--non-product-codes', 'post,dot', '--k', 'auto', '--as-of', '2011-12-31', '--keep', '3', '--evaluate'
  ], {})
  if (parsed.help) throw new Error('not --help')
  const given = optionsForManifest(resolveTrainOptions(parsed.options))
  t.match(given, { columns: { invoice: 'Order' }, nonProductCodes: ['POST', 'DOT'], nonProductPrefixes: [], k: 'auto', asOf: '2011-12-31T00:00:00.000Z', keep: 3, evaluate: true })
  t.ok(check.Check(given))
  t.ok(check.Check({ ...given, someLaterOption: 'x' }), 'an option added later still loads in this reader')
})
