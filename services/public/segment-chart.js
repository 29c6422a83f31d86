// The small chart of the segmentation result: each segment's centroid by recency (x) and money
// spent (y), its circle's area the segment's share of customers, and the customer entered as a
// black diamond; the customer's segment is drawn stronger. Redrawn at the container's width (crisp
// text on a phone and on a desktop alike). Frequency is not an axis: the table beside it has it.
import { s } from './dom.js'
import { formatCompactMoney, formatCompactNumber, formatMoney, plural } from './format.js'
import { logScale, logTicks, placeLabels } from './chart-scale.js'

const MARGIN = { top: 14, right: 14, bottom: 42, left: 54 }
const FONT_SIZE = 12
// average glyph width of the page's sans-serif at 12px, for label boxes (bold labels are wider)
const CHAR_WIDTH = 7.2

function chartHeight (width) {
  return Math.round(Math.min(340, Math.max(230, width * 0.62)))
}

function radiusOf (share) {
  return 5 + 18 * Math.sqrt(share)
}

function diamond (x, y, r) {
  return `M${x},${y - r}L${x + r},${y}L${x},${y + r}L${x - r},${y}Z`
}

/**
 * Draws into `container` (replacing its content): `segments` from GET /segments, `colours` per
 * segment, `customer` { recency, frequency, monetary }, `current` the customer's segment id.
 */
export function drawSegmentChart (container, { segments, colours, customer, current }) {
  const width = Math.max(260, Math.floor(container.clientWidth))
  const height = chartHeight(width)
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: height - MARGIN.bottom }

  const recencies = [...segments.map((seg) => seg.centroid.recency), customer.recency]
  const spends = [...segments.map((seg) => seg.centroid.monetary), customer.monetary]
  const xTicks = logTicks(Math.min(...recencies), Math.max(...recencies), [1, 3])
  const yTicks = logTicks(Math.min(...spends), Math.max(...spends), [1])
  const x = logScale(xTicks[0], xTicks[xTicks.length - 1], plot.left, plot.right)
  const y = logScale(yTicks[0], yTicks[yTicks.length - 1], plot.bottom, plot.top)

  const currentSegment = segments.find((seg) => seg.id === current)
  const title = `Segments by recency and money spent. This customer (${plural(customer.recency, 'day')} since the last purchase, ` +
    `${formatMoney(customer.monetary)} spent) is in ${currentSegment ? currentSegment.label : 'an unknown segment'}.`
  const svg = s('svg', { class: 'chart-svg', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title })

  const grid = s('g', { class: 'grid' })
  for (const tick of xTicks) {
    const px = x(tick)
    grid.append(s('line', { x1: px, x2: px, y1: plot.top, y2: plot.bottom }),
      s('text', { x: px, y: plot.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, formatCompactNumber(tick)))
  }
  for (const tick of yTicks) {
    const py = y(tick)
    grid.append(s('line', { x1: plot.left, x2: plot.right, y1: py, y2: py }),
      s('text', { x: plot.left - 6, y: py, 'text-anchor': 'end', 'dominant-baseline': 'middle', class: 'tick' }, formatCompactMoney(tick)))
  }
  grid.append(
    s('text', { x: (plot.left + plot.right) / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis-title' }, 'Days since the last purchase'),
    s('text', { x: 12, y: (plot.top + plot.bottom) / 2, 'text-anchor': 'middle', class: 'axis-title', transform: `rotate(-90 12 ${(plot.top + plot.bottom) / 2})` }, 'Spent (£)')
  )
  svg.append(grid)

  // big circles first, so a small one is never hidden under a big one
  const order = segments.map((seg, i) => i).sort((a, b) => segments[b].share - segments[a].share)
  const circles = s('g', { class: 'segments' })
  for (const i of order) {
    const seg = segments[i]
    const isCurrent = seg.id === current
    circles.append(s('circle', {
      cx: x(seg.centroid.recency),
      cy: y(seg.centroid.monetary),
      r: radiusOf(seg.share),
      fill: colours[i],
      'fill-opacity': isCurrent ? 0.55 : 0.2,
      stroke: colours[i],
      'stroke-width': isCurrent ? 3 : 1.5,
      class: isCurrent ? 'segment is-current' : 'segment'
    }))
  }
  svg.append(circles)

  const cx = x(customer.recency)
  const cy = y(customer.monetary)
  svg.append(s('path', { d: diamond(cx, cy, 7), class: 'customer-marker' }))

  // the customer's label first, then the customer's segment, then the others (biggest first)
  const labelled = [
    { text: 'This customer', x: cx, y: cy, gap: 11, kind: 'customer' },
    ...order.map((i) => segments[i])
      .sort((a, b) => Number(b.id === current) - Number(a.id === current))
      .map((seg) => ({ text: seg.label, x: x(seg.centroid.recency), y: y(seg.centroid.monetary), gap: radiusOf(seg.share) + 3, kind: seg.id === current ? 'current' : 'other' }))
  ]
  const marks = [
    ...segments.map((seg) => {
      const r = radiusOf(seg.share)
      return { left: x(seg.centroid.recency) - r, top: y(seg.centroid.monetary) - r, width: 2 * r, height: 2 * r }
    }),
    { left: cx - 8, top: cy - 8, width: 16, height: 16 }
  ]
  const positions = placeLabels(labelled.map((label) => ({
    x: label.x, y: label.y, gap: label.gap, height: FONT_SIZE + 2, width: label.text.length * CHAR_WIDTH * (label.kind === 'other' ? 1 : 1.08)
  })), marks, { left: plot.left, top: 0, right: width, bottom: plot.bottom })
  const labels = s('g', { class: 'labels' })
  labelled.forEach((label, i) => {
    const { x: lx, y: ly, anchor } = positions[i]
    labels.append(s('text', {
      x: lx,
      y: ly,
      'text-anchor': anchor,
      'dominant-baseline': 'middle',
      class: label.kind === 'customer' ? 'label label-customer' : label.kind === 'current' ? 'label is-current' : 'label'
    }, label.text))
  })
  svg.append(labels)

  container.replaceChildren(svg)
}
