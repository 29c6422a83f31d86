// TextKeys must number texts exactly as a Map<string, number> in order of first insertion would,
// whether a text comes as a string or as UTF-8 bytes.
import t from 'tap'
import { TextKeys } from '../../../trainer/aggregates/text-keys.js'
import { seededRandom as random } from '../../../lib/seeded-random.js'

t.test('the numbers of a Map in insertion order, by string and by bytes, through growth', async (t) => {
  const keys = new TextKeys()
  const reference = new Map<string, number>()
  const next = random(7)
  const alphabet = ['1', '2', '3', 'A', '~', 'é', '😀', ' ']
  let mismatches = 0
  for (let i = 0; i < 20_000; i++) {
    const text = Array.from({ length: Math.floor(next() * 5) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('')
    if (!reference.has(text)) reference.set(text, reference.size)
    const bytes = Buffer.from(`,${text},`)
    const got = next() < 0.5 ? keys.ofText(text) : keys.ofBytes(bytes, 1, bytes.length - 1)
    if (got !== reference.get(text)) mismatches++
  }
  t.equal(mismatches, 0)
  t.equal(keys.size, reference.size)
  t.same(keys.values, [...reference.keys()])
  t.ok(reference.size > 1024, 'enough texts to rehash the slot table')
})

t.test('absent texts are -1 and not inserted', async (t) => {
  const keys = new TextKeys()
  t.equal(keys.ofText('12346'), 0)
  t.equal(keys.ofText('12347', false), -1)
  t.equal(keys.ofBytes(Buffer.from('1234'), 0, 4, false), -1, 'a prefix of a known text')
  t.equal(keys.ofBytes(Buffer.from('123467'), 0, 6, false), -1, 'a known text as a prefix')
  t.equal(keys.ofBytes(Buffer.from('x12346'), 1, 6, false), 0)
  t.equal(keys.size, 1)
  t.equal(keys.ofText(''), 1, 'the empty text is a text')
})

t.test('bytes that are not UTF-8 share a number with the string they decode to', async (t) => {
  const keys = new TextKeys()
  const broken = Buffer.from([0x41, 0xff, 0x42]) // 'A', an invalid byte, 'B'
  const otherBroken = Buffer.from([0x41, 0xfe, 0x42])
  const n = keys.ofBytes(broken, 0, 3)
  t.equal(keys.values[n], 'A\ufffdB')
  t.equal(keys.ofText('A\ufffdB'), n)
  t.equal(keys.ofBytes(otherBroken, 0, 3), n, 'as a Map of the decoded strings would')
  t.equal(keys.ofBytes(Buffer.from('Aé'), 0, 3), n + 1)
})
