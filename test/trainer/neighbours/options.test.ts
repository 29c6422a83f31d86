import t from 'tap'
import { ShopperError } from '../../../lib/errors.js'
import { DEFAULT_NEIGHBOUR_OPTIONS, neighbourOptionConflict, resolveNeighbourOptions } from '../../../trainer/neighbours/options.js'

t.test('defaults fill what is not given', async (t) => {
  t.same(resolveNeighbourOptions(), { similarity: 'ease', easeLambda: 2000, halfLifeDays: 45, easeProducts: 1000, weighting: 'binary', topK: 20, minSupport: 3, popularityDamping: 0 })
  t.same(resolveNeighbourOptions({ similarity: 'cosine', topK: 5, weighting: 'log-quantity' }), { ...DEFAULT_NEIGHBOUR_OPTIONS, similarity: 'cosine', topK: 5, weighting: 'log-quantity' })
  t.same(resolveNeighbourOptions({ topK: undefined }), DEFAULT_NEIGHBOUR_OPTIONS, 'undefined means default')
})

t.test('bad values are usage errors that name the option', async (t) => {
  const bad: Array<[string, Record<string, unknown>]> = [
    ['weighting', { weighting: 'tf-idf' }],
    ['topK', { topK: 0 }],
    ['topK', { topK: 2.5 }],
    ['minSupport', { minSupport: 0 }],
    ['minSupport', { minSupport: Number.NaN }],
    ['popularityDamping', { popularityDamping: -0.1 }],
    ['popularityDamping', { popularityDamping: Number.POSITIVE_INFINITY }]
  ]
  for (const [name, options] of bad) {
    t.throws(() => resolveNeighbourOptions(options), new ShopperError('ERR_USAGE', `neighbours: ${name} must be`), JSON.stringify(options))
  }
})

t.test('options that are each valid but do not go together: one line naming the flags', async (t) => {
  const conflicts: Array<[Record<string, unknown>, RegExp]> = [
    [{ weighting: 'quantity' }, /^--similarity ease learns from binary purchases: --weighting quantity needs --similarity cosine or bm25$/],
    [{ popularityDamping: 0.5 }, /^--similarity ease does not take --popularity-damping/],
    [{ similarity: 'bm25', weighting: 'log-quantity' }, /^--similarity bm25 saturates counts itself: --weighting must be binary or quantity$/]
  ]
  for (const [options, message] of conflicts) {
    t.throws(() => resolveNeighbourOptions(options), { code: 'ERR_USAGE', message }, JSON.stringify(options))
    t.equal(neighbourOptionConflict({ ...DEFAULT_NEIGHBOUR_OPTIONS, ...options }) !== undefined, true)
  }
  for (const ok of [{ similarity: 'cosine', weighting: 'log-quantity', popularityDamping: 0.5 }, { similarity: 'bm25', weighting: 'quantity' }, { halfLifeDays: 'none' }] as const) {
    t.doesNotThrow(() => resolveNeighbourOptions(ok), JSON.stringify(ok))
  }
})

t.test('EASE and the decay have bounds of their own', async (t) => {
  t.throws(() => resolveNeighbourOptions({ easeProducts: 2001 }), { code: 'ERR_USAGE', message: /neighbours: easeProducts must be an integer between 1 and 2000, got 2001/ })
  t.throws(() => resolveNeighbourOptions({ easeLambda: 0 }), { code: 'ERR_USAGE', message: /neighbours: easeLambda must be/ })
  t.throws(() => resolveNeighbourOptions({ halfLifeDays: 0 }), { code: 'ERR_USAGE', message: /neighbours: halfLifeDays must be/ })
  t.throws(() => resolveNeighbourOptions({ halfLifeDays: 'never' as never }), { code: 'ERR_USAGE' })
})
