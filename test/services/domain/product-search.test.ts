import t from 'tap'
import { buildProductSearchIndex, searchProducts, type ProductMatch, type SearchableProduct } from '../../../services/domain/product-search.js'
import { allowedTypos, boundedEditDistance, normaliseSearchText, searchWords } from '../../../services/domain/text-match.js'
import { seededRandom } from '../../lib/recommend/fixtures.js'

// Real products of the Online Retail data (customers made up, but ordered like the real ones).
const CATALOGUE: SearchableProduct[] = [
  { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', customers: 856 },
  { code: '22423', description: 'REGENCY CAKESTAND 3 TIER', customers: 881 },
  { code: '71053', description: 'WHITE METAL LANTERN', customers: 190 },
  { code: '84406B', description: 'CREAM CUPID HEARTS COAT HANGER', customers: 170 },
  { code: '22720', description: 'SET OF 3 CAKE TINS PANTRY DESIGN', customers: 640 },
  { code: '21212', description: 'PACK OF 72 RETROSPOT CAKE CASES', customers: 636 },
  { code: '22699', description: 'ROSES REGENCY TEACUP AND SAUCER', customers: 490 },
  { code: '22697', description: 'GREEN REGENCY TEACUP AND SAUCER', customers: 450 },
  { code: '23166', description: 'MEDIUM CERAMIC TOP STORAGE JAR', customers: 120 },
  { code: 'POST', description: 'POSTAGE', customers: 330 },
  { code: '21733', description: 'RED HANGING HEART T-LIGHT HOLDER', customers: 300 },
  { code: '85123a2', description: 'white hanging heart t-light holder', customers: 5 }
]

const codes = (matches: ProductMatch[]): string[] => matches.map((m) => CATALOGUE[m.product].code)
const kinds = (matches: ProductMatch[]): string[] => matches.map((m) => m.match)

t.test('exact name matches come first, then substrings, most popular first', async (t) => {
  const index = buildProductSearchIndex(CATALOGUE)
  const matches = searchProducts(index, '  White Hanging Heart T-Light HOLDER ', 10)
  t.same(codes(matches), ['85123A', '85123a2'])
  t.same(kinds(matches), ['exact', 'exact'])

  const heart = searchProducts(index, 'heart', 10)
  t.same(codes(heart), ['85123A', '21733', '84406B', '85123a2'], 'every name containing "heart", by customers')
  t.ok(heart.every((m) => m.match === 'substring'))
})

t.test('a stock code is an exact match', async (t) => {
  const index = buildProductSearchIndex(CATALOGUE)
  const matches = searchProducts(index, '22423', 10)
  t.same(matches[0], { product: 1, match: 'exact' })
})

t.test('typos and reordered words are found by the fuzzy tier, fewest typos first', async (t) => {
  const index = buildProductSearchIndex(CATALOGUE)
  t.same(searchProducts(index, 'cakestnd', 5), [{ product: 1, match: 'fuzzy' }])
  t.same(codes(searchProducts(index, 'regncy cakestand', 5)), ['22423'])
  t.same(codes(searchProducts(index, 'lanten metal', 5)), ['71053'])
  t.same(codes(searchProducts(index, 'holder heart', 5)), ['85123A', '21733', '85123a2'], 'all words, any order: by popularity')
  t.same(kinds(searchProducts(index, 'holder heart', 5)), ['fuzzy', 'fuzzy', 'fuzzy'])
  // "teacup regncy": both teacups match with one typo; the cakestand lacks "teacup"
  t.same(codes(searchProducts(index, 'teacup regncy', 5)), ['22699', '22697'])
  // "hodler" (transposition) matches "holder" with one typo; prefix "hold" would too, with none
  const typoRanked = searchProducts(index, 'hodler whte', 5)
  t.same(codes(typoRanked), ['85123A', '85123a2'], '"whte" is one typo from white; red hanging heart has no white')
})

t.test('the tiers never repeat a product, and the limit holds', async (t) => {
  const index = buildProductSearchIndex(CATALOGUE)
  const matches = searchProducts(index, 'cake', 3)
  t.equal(matches.length, 3)
  t.same(codes(matches), ['22423', '22720', '21212'], 'names containing "cake" by customers (cakestand contains it too)')
  const all = searchProducts(index, 'regency', 50)
  t.equal(new Set(all.map((m) => m.product)).size, all.length)
  t.same(searchProducts(index, 'cake', 0), [])
  t.same(searchProducts(index, '   ', 5), [])
  t.same(searchProducts(buildProductSearchIndex([]), 'cake', 5), [])
})

t.test('short words must match exactly, longer ones as prefixes', async (t) => {
  const index = buildProductSearchIndex(CATALOGUE)
  t.same(searchProducts(index, 'jaw', 5), [], '"jaw" is no typo of "jar": words up to 3 letters take none (and it is nobody\'s substring)')
  t.same(codes(searchProducts(index, 'jar', 5)), ['23166'])
  t.same(codes(searchProducts(index, 'jar medi', 5)), ['23166'], '"medi" is a prefix of medium')
})

t.test('names outside ASCII are found by substring and by words', async (t) => {
  const index = buildProductSearchIndex([
    { code: 'X1', description: 'CRÈME BRÛLÉE SET', customers: 3 },
    { code: 'X2', description: 'CREME BRULEE DISH', customers: 9 }
  ])
  t.same(searchProducts(index, 'brûl', 5), [{ product: 0, match: 'substring' }], 'û is not u')
  t.same(searchProducts(index, 'brûlée crème', 5), [{ product: 0, match: 'fuzzy' }])
  t.same(searchProducts(index, 'creme', 5), [{ product: 1, match: 'substring' }, { product: 0, match: 'fuzzy' }],
    'crème is one typo from creme')
})

/** Every rule, the slow way: normalise, compare, scan every product. */
function naiveSearch (products: SearchableProduct[], query: string, limit: number): ProductMatch[] {
  const q = normaliseSearchText(query)
  if (!q) return []
  const order = products.map((_, i) => i).sort((a, b) => (products[b].customers - products[a].customers) || (a - b))
  const names = products.map((p) => normaliseSearchText(p.description))
  const out: ProductMatch[] = []
  const seen = new Set<number>()
  const add = (product: number, match: ProductMatch['match']): void => {
    if (out.length < limit && !seen.has(product)) { seen.add(product); out.push({ product, match }) }
  }
  for (const p of order) if (names[p] === q || normaliseSearchText(products[p].code) === q) add(p, 'exact')
  for (const p of order) if (names[p].includes(q)) add(p, 'substring')
  const tokens = searchWords(q)
  const costOf = (token: string, word: string): number => {
    if (word === token || (token.length >= 3 && word.startsWith(token))) return 0
    const max = allowedTypos(token.length)
    const d = boundedEditDistance(token, word, max)
    return d <= max ? d : Infinity
  }
  const fuzzy: Array<{ p: number, cost: number }> = []
  for (const p of order) {
    const words = searchWords(names[p])
    let total = 0
    for (const token of tokens) total += Math.min(Infinity, ...words.map((w) => costOf(token, w)))
    if (tokens.length > 0 && Number.isFinite(total)) fuzzy.push({ p, cost: total })
  }
  fuzzy.sort((a, b) => a.cost - b.cost || order.indexOf(a.p) - order.indexOf(b.p))
  for (const { p } of fuzzy) add(p, 'fuzzy')
  return out
}

t.test('random catalogues and queries agree with a naive search', async (t) => {
  const random = seededRandom(7)
  const vocabulary = ['heart', 'holder', 'hanging', 'white', 'red', 'cake', 'cakestand', 'regency', 'teacup', 'saucer', 'lantern',
    'metal', 'set', 'of', '3', 'tins', 'pantry', 'design', 'retrospot', 'cases', 'jar', 'storage', 'ceramic', 'hearts', 'hanger']
  const pick = (): string => vocabulary[Math.floor(random() * vocabulary.length)]
  const typo = (word: string): string => {
    if (word.length < 4) return word
    const i = Math.floor(random() * (word.length - 1))
    const kind = Math.floor(random() * 4)
    if (kind === 0) return word.slice(0, i) + word.slice(i + 1)
    if (kind === 1) return word.slice(0, i) + 'x' + word.slice(i)
    if (kind === 2) return word.slice(0, i) + 'z' + word.slice(i + 1)
    return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
  }
  const products: SearchableProduct[] = Array.from({ length: 400 }, (_, i) => ({
    code: `C${i}`,
    description: Array.from({ length: 1 + Math.floor(random() * 5) }, pick).join(' ').toUpperCase(),
    customers: Math.floor(random() * 50)
  }))
  const index = buildProductSearchIndex(products)
  let disagreements = 0
  for (let trial = 0; trial < 300; trial++) {
    const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.5 ? typo(pick()) : pick()))
    const query = random() < 0.2 ? words.join(' ').slice(0, 5) : words.join(' ')
    const limit = 1 + Math.floor(random() * 30)
    const expected = naiveSearch(products, query, limit)
    const actual = searchProducts(index, query, limit)
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      disagreements++
      if (disagreements < 4) t.same(actual, expected, `query "${query}" limit ${limit}`)
    }
  }
  t.equal(disagreements, 0, '300 random queries agree')
})
