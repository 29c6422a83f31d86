import t from 'tap'
import { buildRecommendIndex } from '../../../lib/recommend/recommend-index.js'
import { recommendForBasket, recommendForCustomer, type Recommendation } from '../../../lib/recommend/recommend.js'
import { buildPurchaseRows, purchaseCountOf, purchaseRowsOf, purchasesOf } from '../../../lib/recommend/purchase-rows.js'
import { SMALL_CATALOGUE, SMALL_NEIGHBOURS, randomModel, seededRandom } from './fixtures.js'

const A = 0; const B = 1; const C = 2; const D = 3; const POST = 4; const E = 5; const F = 6
const products = (items: Recommendation[]): number[] => items.map((item) => item.product)

t.test('purchase rows from compressed sparse rows and from lists are the same varint rows', async (t) => {
  const fromFile = buildPurchaseRows({ offsets: [0, 2, 2, 5], products: [A, C, B, D, POST] })
  const fromLists = purchaseRowsOf([[A, C], [], Int32Array.from([B, D, POST])])
  t.same(fromLists, fromFile)
  t.equal(fromFile.customers, 3)
  t.same(Array.from(purchasesOf(fromFile, 0)), [A, C])
  t.same(Array.from(purchasesOf(fromFile, 1)), [])
  t.same(Array.from(purchasesOf(fromFile, 2)), [B, D, POST])
  t.same([0, 1, 2].map((c) => purchaseCountOf(fromFile, c)), [2, 0, 3])
  t.same(Array.from(fromFile.bytes), [A, C - A, B, D - B, POST - D], 'the first index, then the gaps, a byte each')
  t.same(buildPurchaseRows(fromFile), fromFile, 'rows already varint-encoded are used as they are')
  // every varint length, up to the largest uint32
  const wide = [0, 127, 128, 16_383, 16_384, 2_097_151, 2_097_152, 268_435_455, 268_435_456, 0xffffffff]
  const wideRows = purchaseRowsOf([wide, [0xffffffff], [5, 6, 1_000_000]])
  t.same(Array.from(purchasesOf(wideRows, 0)), wide)
  t.same(Array.from(purchasesOf(wideRows, 1)), [0xffffffff])
  t.same(Array.from(purchasesOf(wideRows, 2)), [5, 6, 1_000_000])
  t.same([0, 1, 2].map((c) => purchaseCountOf(wideRows, c)), [wide.length, 1, 3])
  t.equal(wideRows.offsets[2] - wideRows.offsets[1], 5, 'a uint32 takes at most 5 bytes')
  t.throws(() => purchaseRowsOf([[2, 1]]), /not ascending and distinct/)
  t.throws(() => purchasesOf(fromFile, 3), RangeError)
  t.throws(() => purchasesOf(fromFile, -1), RangeError)
  t.throws(() => purchasesOf(fromFile, 0.5), RangeError)
})

t.test('a customer is recommended for from their whole history, and never anything in it', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const rows = purchaseRowsOf([[A, B], [E], [], [A, B, C, D, E, F]])
  const first = recommendForCustomer(index, rows, 0, { limit: 4 })
  t.same(first, recommendForBasket(index, [A, B], { limit: 4 }), 'the basket aggregation over the history')
  t.notOk(products(first.items).some((p) => p === A || p === B))
  t.same(products(recommendForCustomer(index, rows, 0, { limit: 4, exclude: [C] }).items).includes(C), false, 'exclude too')

  const noData = recommendForCustomer(index, rows, 1, { limit: 3 })
  t.match(noData, { fallback: true, reason: 'no-co-purchase-data' }, 'a history without co-purchase data: popular products, flagged')
  t.notOk(products(noData.items).includes(E))
  t.match(recommendForCustomer(index, rows, 2, { limit: 2 }), { fallback: true, reason: 'no-co-purchase-data' }, 'an empty history')
  const everything = recommendForCustomer(index, rows, 3, { limit: 10 })
  t.same(everything.items, [], 'a customer who bought every recommendable product gets nothing rather than a repeat')
})

t.test('on random models, nothing bought is ever recommended, with any fill', async (t) => {
  const { catalogue, neighbours } = randomModel(300, 15, 7)
  const index = buildRecommendIndex(neighbours, catalogue)
  const random = seededRandom(11)
  const lists = Array.from({ length: 200 }, () => {
    const bought = new Set<number>()
    const size = Math.floor(random() ** 3 * 250)
    while (bought.size < size) bought.add(Math.floor(random() * 300))
    return [...bought].sort((a, b) => a - b)
  })
  const rows = purchaseRowsOf(lists)
  for (const fill of ['full', 'fallback', 'none'] as const) {
    let repeats = 0
    for (let c = 0; c < lists.length; c++) {
      const bought = new Set(lists[c])
      for (const item of recommendForCustomer(index, rows, c, { limit: 50, fill }).items) if (bought.has(item.product)) repeats++
    }
    t.equal(repeats, 0, `fill ${fill}`)
  }
})
