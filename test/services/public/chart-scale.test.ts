// Geometry of the page's segment chart (services/public/chart-scale.js).
import t from 'tap'
import { logScale, logTicks, placeLabels, type Box } from '../../../services/public/chart-scale.js'

t.test('logScale maps log1p(value) linearly onto the range, either direction', async (t) => {
  const x = logScale(0, 999, 10, 310)
  t.equal(x(0), 10)
  t.equal(x(999), 310)
  t.equal(x(Math.sqrt(1000) - 1), 160, 'the geometric middle of log1p lands in the middle')
  t.equal(x(-5), 10, 'negative values map like 0')
  const y = logScale(10, 10000, 200, 0)
  t.equal(y(10), 200)
  t.equal(y(10000), 0)
  t.ok(y(100) < y(50), 'more money is higher up')
  const flat = logScale(5, 5, 0, 100)
  t.ok(Number.isFinite(flat(5)), 'an empty domain does not divide by zero')
})

t.test('logTicks covers [min, max] with the nearest ticks outside it', async (t) => {
  t.same(logTicks(7.6, 152, [1, 3]), [3, 10, 30, 100, 300])
  t.same(logTicks(0, 30, [1, 3]), [0, 1, 3, 10, 30])
  t.same(logTicks(270, 4252, [1]), [100, 1000, 10000])
  t.same(logTicks(0, 279489, [1]), [0, 1, 10, 100, 1000, 10000, 100000, 1000000])
  t.same(logTicks(100, 100, [1]), [100, 1000], 'a single value still spans one step')
  t.same(logTicks(0, 0, [1]), [0, 1])
  t.same(logTicks(4252, 270, [1]), [100, 1000, 10000], 'min and max in either order')
  t.same(logTicks(0.5, 0.8, [1]), [0, 1])
})

function boxesOf (items: Array<{ x: number, y: number, width: number, height: number }>, placed: ReturnType<typeof placeLabels>): Box[] {
  return placed.map((p, i) => ({
    left: p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - items[i].width : p.x - items[i].width / 2,
    top: p.y - items[i].height / 2,
    width: items[i].width,
    height: items[i].height
  }))
}

function overlaps (a: Box, b: Box): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height
}

t.test('placeLabels puts labels right of their points when there is room', async (t) => {
  const items = [{ x: 50, y: 50, width: 40, height: 14, gap: 8 }, { x: 50, y: 150, width: 40, height: 14, gap: 8 }]
  t.same(placeLabels(items, [], { left: 0, top: 0, right: 300, bottom: 200 }), [
    { x: 58, y: 50, anchor: 'start' },
    { x: 58, y: 150, anchor: 'start' }
  ])
})

t.test('placeLabels avoids the edge, the marks and the labels placed before', async (t) => {
  const bounds = { left: 0, top: 0, right: 300, bottom: 200 }
  const nearEdge = placeLabels([{ x: 280, y: 100, width: 60, height: 14, gap: 8 }], [], bounds)
  t.same(nearEdge, [{ x: 272, y: 100, anchor: 'end' }], 'left of a point at the right edge')

  const mark: Box = { left: 108, top: 90, width: 30, height: 30 }
  const beside = placeLabels([{ x: 100, y: 100, width: 60, height: 14, gap: 6 }], [mark], bounds)
  t.equal(beside[0].anchor, 'end', 'a circle to the right pushes the label to the left')

  // three points on top of each other (circles of radius 7): no two labels may overlap
  const items = [0, 1, 2].map(() => ({ x: 150, y: 100, width: 50, height: 14, gap: 10 }))
  const placed = placeLabels(items, [], bounds)
  const boxes = boxesOf(items, placed)
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) t.notOk(overlaps(boxes[i], boxes[j]), `labels ${i} and ${j} do not overlap`)
  }
  t.same(placed.map((p) => p.anchor), ['start', 'end', 'middle'])
})

t.test('placeLabels: with no free spot, the least overlapping one inside the bounds', async (t) => {
  const bounds = { left: 0, top: 0, right: 100, bottom: 40 }
  const blocker: Box = { left: 0, top: 0, width: 100, height: 40 }
  const placed = placeLabels([{ x: 50, y: 20, width: 30, height: 14, gap: 4 }], [blocker], bounds)
  t.equal(placed.length, 1)
  t.ok(placed[0].y >= 7 && placed[0].y <= 33, 'stays inside the bounds')
})
