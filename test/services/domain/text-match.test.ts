import t from 'tap'
import { allowedTypos, boundedEditDistance, normaliseSearchText, paddedTrigrams, searchWords } from '../../../services/domain/text-match.js'

/** Optimal string alignment distance, unbounded, the textbook way. */
function osa (a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

t.test('names and queries share one normal form', async (t) => {
  t.equal(normaliseSearchText('  WHITE  Hanging\tHEART\nT-LIGHT '), 'white hanging heart t-light')
  t.same(searchWords('white hanging heart t-light holder'), ['white', 'hanging', 'heart', 't', 'light', 'holder'])
  t.same(searchWords("set/3 red retrospot tea towels, 60x40cm's"), ['set', '3', 'red', 'retrospot', 'tea', 'towels', '60x40cm', 's'])
  t.same(searchWords('crème brûlée'), ['crème', 'brûlée'], 'letters outside ASCII are letters')
  t.same(searchWords(''), [])
})

t.test('padded trigrams give short words some, without duplicates', async (t) => {
  t.same(paddedTrigrams('ab').length, 4)
  t.same(paddedTrigrams('aaaa').length, new Set(paddedTrigrams('aaaa')).size)
  t.ok(paddedTrigrams('cake').every((key) => Number.isInteger(key)))
})

t.test('typo allowance grows with the word length', async (t) => {
  t.same([1, 3, 4, 7, 8, 20].map(allowedTypos), [0, 0, 1, 1, 2, 2])
})

t.test('the bounded distance agrees with the textbook distance, capped at max + 1', async (t) => {
  const words = ['cakestand', 'cakestnd', 'caekstand', 'cakes', 'lantern', 'lanten', 'latnern', 'holder', 'hodler', 'heart', 'hearts', 'a', '', 'regency', 'regncy']
  for (const a of words) {
    for (const b of words) {
      for (const max of [0, 1, 2, 3]) {
        const expected = Math.min(osa(a, b), max + 1)
        const actual = boundedEditDistance(a, b, max)
        if (actual !== expected) t.equal(actual, expected, `${a} / ${b} (max ${max})`)
      }
    }
  }
  t.equal(boundedEditDistance('cakestnd', 'cakestand', 2), 1, 'one deletion')
  t.equal(boundedEditDistance('hodler', 'holder', 1), 1, 'a transposition is one typo')
  t.equal(boundedEditDistance('x'.repeat(80), 'x'.repeat(79) + 'y', 1), 1, 'words longer than the preallocated rows')
})
