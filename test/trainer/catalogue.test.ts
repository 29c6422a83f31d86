import t from 'tap'
import { Value } from 'typebox/value'
import { CatalogueSchema } from '../../lib/artifacts/index.js'
import { buildCatalogue, mostFrequentDescription } from '../../trainer/catalogue.js'
import { aggregatedLog } from '../helpers/trainer-data.js'
import { randomTable, row, seededRandom } from './neighbours/fixtures.js'

t.test('mostFrequentDescription: the most frequent, ties to the lexicographically smallest', async (t) => {
  t.equal(mostFrequentDescription(new Map([['B', 2], ['A', 1], ['C', 2]])), 'B')
  t.equal(mostFrequentDescription(new Map([['red mug', 3], ['RED MUG', 3]])), 'RED MUG', 'code-unit order, not locale order')
  t.equal(mostFrequentDescription(new Map()), '')
  t.equal(mostFrequentDescription(undefined), '')
})

t.test('products: sorted by code, with description, distinct customers, total quantity', async (t) => {
  const table = aggregatedLog([
    row('1', '85123a', 6, 'WHITE HANGING HEART'),
    row('1', '85123A', 2, ' CREAM HANGING HEART '),
    row('2', '85123A', 1, 'CREAM HANGING HEART'),
    row('3', '85123A', 4, 'WHITE HANGING HEART'),
    row('3', '85123A', 1, 'CREAM HANGING HEART'),
    row('2', '22423', 3, 'REGENCY CAKESTAND'),
    row('2', 'post', 1, 'POSTAGE')
  ])
  const { catalogue, catalogueIndex } = buildCatalogue(table)
  t.same(catalogue.products.map((p) => p.code), ['22423', '85123A', 'POST'])
  const heart = catalogue.products[1]
  t.equal(heart.description, 'CREAM HANGING HEART', 'three "CREAM" beat two "WHITE", after trimming')
  t.equal(heart.customers, 3)
  t.equal(heart.quantity, 14)
  t.equal(heart.recommendable, true)
  t.equal(catalogue.products[2].recommendable, false, 'postage is kept but not recommendable')
  for (let p = 0; p < table.productCodes.length; p++) {
    t.equal(catalogue.products[catalogueIndex[p]].code, table.productCodes[p], `table product ${p} maps to its code`)
  }
  t.ok(Value.Check(CatalogueSchema, catalogue), 'matches the artifact schema')
})

t.test('a custom non-product rule decides what is recommendable', async (t) => {
  const table = aggregatedLog([row('1', 'POST'), row('1', 'GIFT_0001_10'), row('1', 'X1'), row('1', 'X2')])
  const byDefault = buildCatalogue(table).catalogue.products.map((p) => [p.code, p.recommendable])
  t.same(byDefault, [['GIFT_0001_10', false], ['POST', false], ['X1', true], ['X2', true]])
  const custom = buildCatalogue(table, { codes: ['X2'], prefixes: [] }).catalogue.products.map((p) => [p.code, p.recommendable])
  t.same(custom, [['GIFT_0001_10', true], ['POST', true], ['X1', true], ['X2', false]])
})

t.test('popularity: recommendable only, most customers first, then quantity, then code', async (t) => {
  const table = aggregatedLog([
    row('1', 'KA', 1), row('2', 'KA', 1), // 2 customers, quantity 2
    row('1', 'KB', 5), row('2', 'KB', 5), // 2 customers, quantity 10
    row('1', 'KC', 1), row('2', 'KC', 1), // ties with KA: the code decides
    row('1', 'KD', 100), // 1 customer, however much
    row('1', 'KE', 1), row('2', 'KE', 1), row('3', 'KE', 1), // 3 customers
    row('1', 'POST', 1), row('2', 'POST', 1), row('3', 'POST', 1), row('4', 'POST', 1), // most bought, never recommended
    row('1', 'D', 1) // discount: also a non-product code
  ])
  const { catalogue } = buildCatalogue(table)
  t.same(catalogue.popularity.map((p) => catalogue.products[p].code), ['KE', 'KB', 'KA', 'KC', 'KD'])
})

t.test('popularity agrees with a direct count on random data', async (t) => {
  const table = randomTable(11)
  const { catalogue } = buildCatalogue(table)
  const buyers = new Map<string, Set<string>>()
  for (let r = 0; r < table.length; r++) {
    const code = table.productCodes[table.product[r]]
    if (!buyers.has(code)) buyers.set(code, new Set())
    buyers.get(code)?.add(table.customerIds[table.customer[r]])
  }
  for (const product of catalogue.products) t.equal(product.customers, buyers.get(product.code)?.size, `${product.code} customers`)
  for (let u = 1; u < catalogue.popularity.length; u++) {
    const a = catalogue.products[catalogue.popularity[u - 1]]
    const b = catalogue.products[catalogue.popularity[u]]
    t.ok(a.customers > b.customers || (a.customers === b.customers && (a.quantity > b.quantity || (a.quantity === b.quantity && a.code < b.code))), `${a.code} before ${b.code}`)
  }
  t.equal(catalogue.popularity.length, catalogue.products.filter((p) => p.recommendable).length)
})

t.test('deterministic: same rows in another order give the same catalogue', async (t) => {
  const table = randomTable(5)
  const rows = Array.from({ length: table.length }, (_, r) => row(
    table.customerIds[table.customer[r]], table.productCodes[table.product[r]], table.quantity[r],
    [...(table.descriptionCounts[table.product[r]]?.keys() ?? [])][0]))
  const random = seededRandom(9)
  const shuffled = rows.map((value) => ({ value, key: random() })).sort((a, b) => a.key - b.key).map((entry) => entry.value)
  t.same(buildCatalogue(aggregatedLog(shuffled)).catalogue, buildCatalogue(aggregatedLog(rows)).catalogue)
  t.same(buildCatalogue(table), buildCatalogue(table), 'two runs on one table')
})
