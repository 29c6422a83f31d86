// Geometry of the segment chart, kept apart from drawing so it can be tested without a browser.
// Both axes use log1p, the transform the model clusters in: RFM values are skewed (a few
// customers spend 100× the median), and on a linear axis every centroid but one would sit in a corner.

/** Maps a value in [lo, hi] to [start, end] on a log1p axis; values below 0 map like 0. */
export function logScale (lo, hi, start, end) {
  const a = Math.log1p(Math.max(lo, 0))
  const b = Math.log1p(Math.max(hi, 0))
  const span = b - a || 1
  return (value) => start + ((Math.log1p(Math.max(value, 0)) - a) / span) * (end - start)
}

/**
 * Tick values for a log axis covering [min, max]: from the largest tick ≤ min to the smallest
 * tick ≥ max, where ticks are 0 and m·10^e for each m in `multipliers` (e.g. [1, 3]: 0, 1, 3,
 * 10, 30, 100 …). The first and last ticks are the axis domain.
 */
export function logTicks (min, max, multipliers = [1]) {
  const low = Math.max(0, Math.min(min, max))
  const high = Math.max(low, min, max, 1)
  const candidates = [0]
  // one tick past `high`, so a single value (min = max = a tick) still gets a step above it
  for (let e = 0; candidates[candidates.length - 1] <= high; e++) {
    for (const m of multipliers) candidates.push(m * 10 ** e)
  }
  let first = 0
  while (first + 1 < candidates.length && candidates[first + 1] <= low) first++
  let last = candidates.findIndex((tick) => tick >= high)
  if (last <= first) last = first + 1
  return candidates.slice(first, last + 1)
}

/**
 * Places text labels beside points without covering each other or the chart's marks. Each label
 * tries, in order: right of its point, left, above, below (at `gap` from the point, e.g. its
 * radius); it takes the first spot inside `bounds` that overlaps no obstacle and no label placed
 * before it, or else the spot that overlaps least. Labels are placed in the order given (put the
 * most important first). `items`: { x, y, width, height, gap }; `obstacles`: boxes { left, top,
 * width, height } (the marks); `bounds`: { left, top, right, bottom }. Returns { x, y, anchor }
 * per item (y: the text's middle; anchor: 'start', 'end' or 'middle').
 */
export function placeLabels (items, obstacles, bounds) {
  const taken = [...obstacles]
  return items.map((item) => {
    const candidates = [
      { anchor: 'start', x: item.x + item.gap, y: item.y, left: item.x + item.gap },
      { anchor: 'end', x: item.x - item.gap, y: item.y, left: item.x - item.gap - item.width },
      { anchor: 'middle', x: item.x, y: item.y - item.gap - item.height / 2, left: item.x - item.width / 2 },
      { anchor: 'middle', x: item.x, y: item.y + item.gap + item.height / 2, left: item.x - item.width / 2 }
    ]
    let best
    let bestCost = Infinity
    for (const candidate of candidates) {
      const box = { left: candidate.left, top: candidate.y - item.height / 2, width: item.width, height: item.height }
      const outside = box.left < bounds.left || box.top < bounds.top || box.left + box.width > bounds.right || box.top + box.height > bounds.bottom
      const cost = (outside ? 1e9 : 0) + taken.reduce((sum, other) => sum + overlap(box, other), 0)
      if (cost < bestCost) { best = { candidate, box }; bestCost = cost }
      if (cost === 0) break
    }
    taken.push(best.box)
    return { x: best.candidate.x, y: best.candidate.y, anchor: best.candidate.anchor }
  })
}

function overlap (a, b) {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left)
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top)
  return width > 0 && height > 0 ? width * height : 0
}
