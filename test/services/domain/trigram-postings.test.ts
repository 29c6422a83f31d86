import t from 'tap'
import { buildTrigramPostings } from '../../../services/domain/trigram-postings.js'
import { TRIGRAM_SPACE, trigramIds } from '../../../services/domain/text-match.js'

t.test('each trigram lists the texts containing it once, in text order', async (t) => {
  const texts = ['cake stand', 'cakes', 'tin', 'cake cake cake', 'ab']
  const postings = buildTrigramPostings(texts, false)
  t.equal(postings.offsets.length, TRIGRAM_SPACE + 1)
  const textsWith = (gram: string): number[] => {
    const [id] = trigramIds(gram, false)
    return Array.from(postings.items.subarray(postings.offsets[id], postings.offsets[id + 1]))
  }
  t.same(textsWith('cak'), [0, 1, 3], 'a repeated trigram counts once per text')
  t.same(textsWith('tin'), [2])
  t.same(textsWith('zzz'), [])
  t.same(Array.from(postings.distinct), texts.map((text) => new Set(trigramIds(text, false)).size))
  t.equal(postings.distinct[4], 0, 'a text shorter than a trigram has none (unpadded)')

  // every (text, trigram) pair appears exactly once
  let pairs = 0
  texts.forEach((text) => { pairs += new Set(trigramIds(text, false)).size })
  t.equal(postings.items.length, pairs)
})

t.test('padded postings give short texts trigrams', async (t) => {
  const postings = buildTrigramPostings(['ab', 'b'], true)
  t.same(Array.from(postings.distinct), [4, 3])
})

t.test('trigram ids fold characters outside the alphabet together', async (t) => {
  t.same(trigramIds('brûlée', false).length, 4)
  t.same(trigramIds('aéa', false), trigramIds('aüa', false), 'é and ü share a symbol: a candidate, never a match by itself')
  t.not(trigramIds('abc', false)[0], trigramIds('abd', false)[0])
  t.same(trigramIds('aaaa', false), [trigramIds('aaa', false)[0]], 'distinct by default')
  t.equal(trigramIds('aaaa', false, false).length, 2)
})
