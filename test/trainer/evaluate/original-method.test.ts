import t from 'tap'
import { buildOriginalModel, recommendOriginal } from '../../../trainer/evaluate/original-method.js'
import { aggregateRows, aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { purchase, randomLog } from './fixtures.js'

t.test('cosine over customer × description of summed quantities, by hand', async (t) => {
  // KB and KD share the description "beta": one pivot column, as in the original.
  const table = aggregateRows([
    purchase('c1', 'KA', 0, 'alpha', 1), purchase('c1', 'KB', 0, 'beta', 2),
    purchase('c2', 'KA', 0, 'alpha', 2), purchase('c2', 'KA', 1, 'alpha', 1), purchase('c2', 'KC', 1, 'gamma', 1),
    purchase('c3', 'KD', 0, ' beta ', 1), purchase('c3', 'KC', 0, 'gamma', 2),
    purchase('c4', 'KZ', 0, 'zeta', 4), purchase('c4', 'KY', 0, 'eta', 1)
  ])
  const model = buildOriginalModel(table)
  t.same(model.descriptions, ['alpha', 'beta', 'eta', 'gamma', 'zeta'], 'trimmed, sorted like pandas\' pivot columns')
  // over customers c1..c4: alpha (1, 3, 0, 0), beta (2, 0, 1, 0), eta (0, 0, 0, 1), gamma (0, 1, 2, 0), zeta (0, 0, 0, 4)
  const expected: Record<string, number> = {
    'alpha beta': 2 / Math.sqrt(50),
    'alpha gamma': 3 / Math.sqrt(50),
    'beta gamma': 2 / 5,
    'eta zeta': 1,
    'alpha eta': 0
  }
  const size = model.descriptions.length
  const at = (a: string, b: string): number => model.similarity[(model.column.get(a) as number) * size + (model.column.get(b) as number)]
  for (const [pair, value] of Object.entries(expected)) {
    const [a, b] = pair.split(' ')
    t.ok(Math.abs(at(a, b) - value) < 1e-15, `${pair}: ${at(a, b)} ≈ ${value}`)
    t.equal(at(a, b), at(b, a), `${pair} symmetric`)
  }
  for (const d of model.descriptions) t.ok(Math.abs(at(d, d) - 1) < 1e-15, `${d} with itself`)

  const names = (columns: number[]): string[] => columns.map((c) => model.descriptions[c])
  const column = (d: string): number => model.column.get(d) as number
  t.same(names(recommendOriginal(model, [column('alpha')], 2)), ['gamma', 'beta'], 'one product: its most similar descriptions')
  t.same(names(recommendOriginal(model, [column('alpha'), column('beta')], 10)), ['gamma', 'eta', 'zeta'],
    'a basket: summed rows (gamma 0.42 + 0.4), bought descriptions excluded, zero scores tie to the first column')
  t.same(names(recommendOriginal(model, [column('beta'), column('beta')], 1)), ['gamma'], 'a description bought twice counts once')
})

t.test('on a random log, agrees with a naive dense computation', async (t) => {
  const table = randomLog(7)
  const model = buildOriginalModel(aggregateTable(table))
  const size = model.descriptions.length
  const customers = table.customerIds.length
  const pivot = new Float64Array(customers * size)
  for (let r = 0; r < table.length; r++) {
    const description = [...(table.descriptionCounts[table.product[r]]?.entries() ?? [])].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]
    pivot[table.customer[r] * size + (model.column.get(description) as number)] += table.quantity[r]
  }
  let worst = 0
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      let dot = 0
      let ni = 0
      let nj = 0
      for (let c = 0; c < customers; c++) {
        dot += pivot[c * size + i] * pivot[c * size + j]
        ni += pivot[c * size + i] ** 2
        nj += pivot[c * size + j] ** 2
      }
      worst = Math.max(worst, Math.abs(model.similarity[i * size + j] - dot / Math.sqrt(ni * nj)))
    }
  }
  t.ok(worst < 1e-12, `largest difference ${worst}`)
})
