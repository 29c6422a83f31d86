import t from 'tap'
import { buildRecommendIndex } from '../../../lib/recommend/recommend-index.js'
import { recommendForBasket, recommendForProduct, type Recommendation } from '../../../lib/recommend/recommend.js'
import { SMALL_CATALOGUE, SMALL_NEIGHBOURS, randomModel } from './fixtures.js'

const A = 0; const B = 1; const C = 2; const D = 3; const POST = 4; const E = 5; const F = 6

const products = (items: Recommendation[]): number[] => items.map((item) => item.product)

t.test('a product answers its stored neighbours in order, skipping non-recommendable ones', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForProduct(index, A, { limit: 2 })
  t.same(result, {
    items: [
      { product: B, score: 0.8, sharedCustomers: 10, source: 'neighbours' },
      { product: C, score: 0.5, sharedCustomers: 5, source: 'neighbours' }
    ],
    fallback: false,
    reason: null
  })
})

t.test('fewer neighbours than the limit are topped up with popular products, never repeating one', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForProduct(index, A, { limit: 5 })
  t.same(products(result.items), [B, C, D, E, F], 'neighbours first, then by popularity without A itself')
  t.same(result.items.map((item) => item.source), ['neighbours', 'neighbours', 'popular', 'popular', 'popular'])
  t.same(result.items.slice(2).map((item) => [item.score, item.sharedCustomers]), [[0, 0], [0, 0], [0, 0]])
  t.equal(result.fallback, false)

  t.same(products(recommendForProduct(index, A, { limit: 5, fill: 'none' }).items), [B, C])
  t.same(products(recommendForProduct(index, A, { limit: 5, fill: 'fallback' }).items), [B, C])
  t.equal(recommendForProduct(index, A, { limit: 50 }).items.length, 5, 'cannot exceed the recommendable catalogue minus the product')
})

t.test('exclude removes products from neighbours and from the popular fill', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForProduct(index, A, { limit: 3, exclude: [B, D, 999, -1] })
  t.same(products(result.items), [C, E, F])
  t.equal(result.fallback, false)
})

t.test('a product without co-purchase data falls back to popular products', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForProduct(index, E, { limit: 3 })
  t.same(products(result.items), [A, B, C])
  t.equal(result.fallback, true)
  t.equal(result.reason, 'no-co-purchase-data')
  t.ok(result.items.every((item) => item.source === 'popular'))

  const post = recommendForProduct(index, POST, { limit: 2 })
  t.same(products(post.items), [A, B], 'a non-product code gets popular products, and is never one of them')
})

t.test('a product whose neighbours are all excluded says so', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForProduct(index, F, { limit: 2, exclude: [A] })
  t.same(products(result.items), [B, C])
  t.equal(result.fallback, true)
  t.equal(result.reason, 'all-neighbours-excluded')

  t.same(recommendForProduct(index, F, { limit: 2, exclude: [A], fill: 'fallback' }).items.length, 2)
  t.same(recommendForProduct(index, F, { limit: 2, exclude: [A], fill: 'none' }), { items: [], fallback: false, reason: null },
    'without any fill there is nothing to fall back on')
})

t.test('a basket sums neighbour scores, keeps the largest shared-customer count and excludes itself', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForBasket(index, [B, C], { limit: 2 })
  t.equal(result.fallback, false)
  t.same(products(result.items), [A, D])
  t.ok(Math.abs(result.items[0].score - 1.3) < 1e-12, 'A: 0.8 via B + 0.5 via C')
  t.equal(result.items[0].sharedCustomers, 10)
  t.ok(Math.abs(result.items[1].score - 1.0) < 1e-12, 'D: 0.6 via B + 0.4 via C')
  t.equal(result.items[1].sharedCustomers, 6)

  t.same(recommendForBasket(index, [B, B, C, C], { limit: 2 }), result, 'duplicates count once')
  t.same(products(recommendForBasket(index, [B, C], { limit: 2, exclude: [A] }).items), [D, E])
})

t.test('a basket without co-purchase data falls back to popular products outside the basket', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const result = recommendForBasket(index, [E, POST], { limit: 2 })
  t.same(products(result.items), [A, B])
  t.equal(result.reason, 'no-co-purchase-data')
  const excluded = recommendForBasket(index, [F], { limit: 2, exclude: [A] })
  t.equal(excluded.reason, 'all-neighbours-excluded')
  const basketCoversNeighbours = recommendForBasket(index, [A, F], { limit: 1 })
  t.same(products(basketCoversNeighbours.items), [B], "F's only neighbour is in the basket, A's are not")
  t.same(recommendForBasket(index, [], { limit: 2 }).reason, 'no-co-purchase-data', 'an empty basket gets popular products')
})

t.test('bad arguments are refused', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  t.throws(() => recommendForProduct(index, 7), RangeError)
  t.throws(() => recommendForProduct(index, -1), RangeError)
  t.throws(() => recommendForBasket(index, [A, 1.5]), RangeError)
  t.throws(() => recommendForProduct(index, A, { limit: -1 }), RangeError)
  t.same(recommendForProduct(index, A, { limit: 0 }).items, [])
})

t.test('the scratch space is reused correctly across calls and across an epoch wrap-around', async (t) => {
  const index = buildRecommendIndex(SMALL_NEIGHBOURS, SMALL_CATALOGUE)
  const expected = recommendForBasket(index, [B, C], { limit: 4, exclude: [E] })
  index.scratch.epoch = 0xffffffff - 1
  for (let i = 0; i < 4; i++) {
    t.same(recommendForBasket(index, [B, C], { limit: 4, exclude: [E] }), expected, `call ${i} across the wrap-around`)
    t.same(products(recommendForProduct(index, A, { limit: 5 }).items), [B, C, D, E, F], 'no exclusion leaks from the previous call')
  }
  t.ok(index.scratch.epoch < 10, 'the epoch restarted')
})

/** The rule written out the slow, obvious way: maps, a full sort. */
function naiveBasket (model: ReturnType<typeof randomModel>, basket: number[], exclude: number[], limit: number): Recommendation[] {
  const { offsets, neighbour, score, sharedCustomers } = model.neighbours
  const { products, popularity } = model.catalogue
  const skip = new Set([...basket, ...exclude])
  const sums = new Map<number, { score: number, shared: number }>()
  for (const b of new Set(basket)) {
    for (let i = offsets[b]; i < offsets[b + 1]; i++) {
      const n = neighbour[i]
      if (!products[n].recommendable || skip.has(n)) continue
      const entry = sums.get(n) ?? { score: 0, shared: 0 }
      entry.score += score[i]
      entry.shared = Math.max(entry.shared, sharedCustomers[i])
      sums.set(n, entry)
    }
  }
  const rank = (p: number): number => { const r = popularity.indexOf(p); return r < 0 ? products.length : r }
  const ranked = [...sums].sort(([a, x], [b, y]) => (y.score - x.score) || (y.shared - x.shared) || (rank(a) - rank(b)) || (a - b))
  const items: Recommendation[] = ranked.slice(0, limit).map(([product, { score, shared }]) => ({ product, score, sharedCustomers: shared, source: 'neighbours' }))
  for (const p of popularity) {
    if (items.length >= limit) break
    if (!skip.has(p) && !sums.has(p)) items.push({ product: p, score: 0, sharedCustomers: 0, source: 'popular' })
  }
  return items
}

t.test('baskets agree with a naive implementation of the rule on random models', async (t) => {
  for (const seed of [1, 2, 3, 4, 5]) {
    const model = randomModel(300, 12, seed)
    const index = buildRecommendIndex(model.neighbours, model.catalogue)
    let basketSeed = seed * 7919
    const next = (n: number): number => { basketSeed = (basketSeed * 48271) % 2147483647; return basketSeed % n }
    for (let trial = 0; trial < 40; trial++) {
      const basket = Array.from({ length: 1 + next(8) }, () => next(300))
      const exclude = Array.from({ length: next(4) }, () => next(300))
      const limit = 1 + next(30)
      const actual = recommendForBasket(index, basket, { limit, exclude })
      const expected = naiveBasket(model, basket, exclude, limit)
      if (JSON.stringify(actual.items) !== JSON.stringify(expected)) {
        t.same(actual.items, expected, `seed ${seed} trial ${trial}`)
        return
      }
    }
    t.pass(`seed ${seed}: 40 random baskets agree`)
  }
})
