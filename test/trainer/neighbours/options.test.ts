import t from 'tap'
import { ShopperError } from '../../../lib/errors.js'
import { DEFAULT_NEIGHBOUR_OPTIONS, resolveNeighbourOptions } from '../../../trainer/neighbours/options.js'

t.test('defaults fill what is not given', async (t) => {
  t.same(resolveNeighbourOptions(), { weighting: 'binary', topK: 20, minSupport: 5, popularityDamping: 0 })
  t.same(resolveNeighbourOptions({ topK: 5, weighting: 'log-quantity' }), { ...DEFAULT_NEIGHBOUR_OPTIONS, topK: 5, weighting: 'log-quantity' })
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
