import t from 'tap'
import { FOUR_SEGMENTS, labelClusters, valueScore } from '../../../trainer/segments/label.js'
import { createRandom } from '../../../trainer/segments/seed.js'

// scaled centroids of the four kinds (recency, frequency, monetary)
const BEST = [-1.2, 1.6, 1.4]
const REGULAR = [0.1, 0.3, 0.5]
const OCCASIONAL = [-0.8, -0.4, -0.4]
const AT_RISK = [0.9, -0.8, -0.8]

function permutations<T> (items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map(rest => [item, ...rest]))
}

t.test('k = 4: High-Value, Regular, Occasional, At-Risk in that id order, whatever the cluster order', async t => {
  const kinds = [BEST, REGULAR, OCCASIONAL, AT_RISK]
  for (const order of permutations([0, 1, 2, 3])) {
    const labelled = labelClusters(order.map(i => kinds[i]))
    t.same(labelled.map(l => l.label), ['High-Value', 'Regular', 'Occasional', 'At-Risk'])
    t.same(labelled.map(l => order[l.cluster]), [0, 1, 2, 3], `cluster order ${order.join('')}`)
  }
})

t.test('k = 4: At-Risk is the worst recency after High-Value; Regular the more frequent of the rest', async t => {
  // the best value score also has the worst recency: it stays High-Value
  const labelled = labelClusters([[1.5, 3, 3], [1.0, -1, -1], [-0.5, -0.2, 0.4], [-0.3, 0.2, -0.1]])
  t.same(labelled.map(l => [l.label, l.cluster]), [['High-Value', 0], ['Regular', 3], ['Occasional', 2], ['At-Risk', 1]])
})

t.test('every label has a description and an action; At-Risk suggests retention', async t => {
  for (const segment of Object.values(FOUR_SEGMENTS)) {
    t.ok(segment.description.length > 10 && segment.action.length > 10, segment.label)
  }
  t.match(FOUR_SEGMENTS.atRisk.action, /retention|win-back/i)
  t.match(FOUR_SEGMENTS.highValue.action, /VIP|loyalty/)
})

t.test('k = 1 is all customers', async t => {
  t.same(labelClusters([[0, 0, 0]]).map(l => l.label), ['All Customers'])
  t.throws(() => labelClusters([]), RangeError)
})

t.test('other k: composite names, best value first', async t => {
  const two = labelClusters([AT_RISK, BEST])
  t.same(two.map(l => [l.label, l.cluster]), [['Recent Big Spenders', 1], ['Lapsed Light Buyers', 0]])
  const three = labelClusters([[0, 0, 0], [1.2, 1, 1.2], [-1, 1, 1]])
  // value scores 3, 1, 0
  t.same(three.map(l => l.label), ['Recent Big Spenders', 'Lapsed Big Spenders', 'Cooling Regulars'])
  t.match(three[1].action, /win-back/i)
  t.match(three[1].description, /long time/)
})

t.test('labels are unique and deterministic for k = 2..10 on random centroids', async t => {
  const random = createRandom(21)
  for (let trial = 0; trial < 30; trial++) {
    for (let k = 2; k <= 10; k++) {
      const centroids = Array.from({ length: k }, () => [random() * 4 - 2, random() * 4 - 2, random() * 4 - 2])
      const labelled = labelClusters(centroids)
      const labels = labelled.map(l => l.label)
      if (new Set(labels).size !== k) t.fail(`duplicate labels: ${labels.join(', ')}`)
      if (new Set(labelled.map(l => l.cluster)).size !== k) t.fail('a cluster labelled twice')
      if (labelled.some(l => !l.description || !l.action)) t.fail('missing description or action')
      if (k !== 4) {
        const scores = labelled.map(l => valueScore(centroids[l.cluster]))
        if (scores.some((s, i) => i > 0 && s > scores[i - 1])) t.fail('ids not by value score')
      }
      // the same centroids in reverse cluster order get the same labels for the same centroids
      const reversed = labelClusters([...centroids].reverse())
      t.same(reversed.map(l => [l.label, k - 1 - l.cluster]), labelled.map(l => [l.label, l.cluster]))
    }
  }
})

t.test('clusters sharing a composite name are numbered', async t => {
  const labelled = labelClusters([[-1, -1, -1], [-1.1, -1, -1], [2, -1, -1]])
  t.same(labelled.map(l => l.label), ['Recent Light Buyers 1', 'Recent Light Buyers 2', 'Lapsed Light Buyers'])
})
