import t from 'tap'
import { AnswerCache } from '../../../../services/routes/recommendations/answer-cache.js'
import type { ServedModel } from '../../../../services/domain/served-model.js'

const model = (version: string): ServedModel => ({ version }) as unknown as ServedModel

t.test('answers are built once per model and key', async (t) => {
  const cache = new AnswerCache(10)
  const a = model('a')
  const b = model('b')
  let builds = 0
  const build = (text: string) => () => { builds++; return text }
  t.equal(cache.get(a, 1, build('a1')), 'a1')
  t.equal(cache.get(a, 1, build('other')), 'a1', 'cached')
  t.equal(cache.get(b, 1, build('b1')), 'b1', 'another model has its own answers')
  t.equal(builds, 2)
  t.equal(cache.size(a), 1)
  t.equal(cache.size(model('c')), 0)
})

t.test('a full cache starts over instead of growing', async (t) => {
  const cache = new AnswerCache(3)
  const a = model('a')
  for (let key = 0; key < 3; key++) cache.get(a, key, () => `answer ${key}`)
  t.equal(cache.size(a), 3)
  t.equal(cache.get(a, 99, () => 'new'), 'new')
  t.equal(cache.size(a), 1, 'cleared, then the new answer')
  for (let key = 0; key < 100; key++) cache.get(a, key, () => `answer ${key}`)
  t.ok(cache.size(a) <= 3)
})
