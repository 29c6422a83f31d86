import t from 'tap'
import { binIndex, binLabel, countEdges, linearEdges, logEdges, median, minMax, minPositive, niceStep, stackedHistogram } from '../../../trainer/report/histogram.js'

function seeded (seed: number): () => number {
  let a = seed
  return () => {
    a = (a * 1103515245 + 12345) % 2147483648
    return a / 2147483648
  }
}

t.test('niceStep and linearEdges: round steps covering the data', async (t) => {
  t.equal(niceStep(0, 373, 30), 20)
  t.equal(niceStep(0, 100, 10), 10)
  t.equal(niceStep(0, 1, 4), 0.5)
  t.equal(niceStep(5, 5, 10), 1, 'an empty span still gives a usable step')
  const edges = linearEdges(0, 373, 30)
  t.equal(edges[0], 0)
  t.ok(edges[edges.length - 1] > 373, 'the last edge is above the maximum, so it falls in a bin')
  t.ok(edges.every((e, i) => i === 0 || Math.abs(e - edges[i - 1] - 20) < 1e-9), 'equal steps')
})

t.test('logEdges: increasing, round, covering [min, max]', async (t) => {
  const edges = logEdges(2.9, 279489, 6)
  t.ok(edges[0] <= 2.9 && edges[edges.length - 1] > 279489)
  t.ok(edges.every((e, i) => i === 0 || e > edges[i - 1]), 'strictly increasing')
  t.ok(edges.every(e => Number(e.toPrecision(3)) === e), 'three significant digits')
  t.ok(edges.includes(10) && edges.includes(100) && edges.includes(1000), 'powers of ten are edges')
  t.throws(() => logEdges(0, 10), RangeError)
})

t.test('countEdges: one bin per count up to 10, then wider bins, the last one holding max', async (t) => {
  t.same(countEdges(1), [1, 2])
  t.same(countEdges(3), [1, 2, 3, 4])
  t.same(countEdges(209), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 16, 21, 31, 51, 101, 201, 501])
  for (const max of [1, 2, 10, 11, 15, 16, 50, 51, 100, 101, 999, 1000, 1001, 25000]) {
    const edges = countEdges(max)
    t.ok(edges[edges.length - 1] > max && edges[edges.length - 2] <= max, `max ${max} is in the last bin, which is not empty of range`)
  }
  t.equal(binLabel(3, 4), '3')
  t.equal(binLabel(11, 16), '11–15')
})

t.test('binIndex: half-open bins, values outside give -1', async (t) => {
  const edges = [0, 10, 20, 30]
  t.equal(binIndex(edges, 0), 0)
  t.equal(binIndex(edges, 9.99), 0)
  t.equal(binIndex(edges, 10), 1)
  t.equal(binIndex(edges, 29.9), 2)
  t.equal(binIndex(edges, 30), -1)
  t.equal(binIndex(edges, -1), -1)
  t.equal(binIndex(edges, NaN), -1)
})

t.test('stackedHistogram agrees with counting each value by hand', async (t) => {
  const random = seeded(11)
  const values = Float64Array.from({ length: 500 }, () => Math.floor(random() * 1000) / 10)
  const groups = Int32Array.from({ length: 500 }, () => Math.floor(random() * 3))
  values[0] = -5 // outside
  const edges = linearEdges(0, 99.9, 10)
  const { bins, outside } = stackedHistogram(values, edges, groups, 3)
  t.equal(outside, 1)
  for (let b = 0; b < edges.length - 1; b++) {
    let y = 0
    for (let g = 0; g < 3; g++) {
      let expected = 0
      for (let i = 0; i < values.length; i++) if (groups[i] === g && values[i] >= edges[b] && values[i] < edges[b + 1]) expected++
      const bin = bins.find(x => x.start === edges[b] && x.group === g)
      t.equal(bin?.count ?? 0, expected, `bin ${b}, group ${g}`)
      if (bin) {
        t.equal(bin.y0, y, 'stacks on the groups before it')
        t.equal(bin.y1, y + expected)
        y += expected
      }
    }
  }
  t.equal(bins.reduce((s, b) => s + b.count, 0), 499, 'every value inside the edges is counted once')
  t.ok(bins.every(b => b.count > 0), 'empty parts are left out')
  t.same(stackedHistogram([1, 2, 3], [0, 5]).bins, [{ start: 0, end: 5, group: 0, count: 3, y0: 0, y1: 3 }], 'without groups, one group 0')
})

t.test('median, minMax, minPositive', async (t) => {
  t.equal(median([5, 1, 3]), 3)
  t.equal(median([4, 1, 3, 2]), 2.5)
  t.ok(Number.isNaN(median([])))
  t.same(minMax([3, -1, 7]), [-1, 7])
  t.equal(minPositive([0, 0, 2.5, 1.5]), 1.5)
  t.equal(minPositive([0, -1]), Infinity)
})
