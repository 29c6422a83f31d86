// A dense row-major matrix of points: point i's coordinate d is values[i * dims + d]. One typed
// array instead of n small arrays keeps the O(n²) silhouette and the distance loops cache-friendly.

export interface Points {
  readonly values: Float64Array
  readonly n: number
  readonly dims: number
}

export function pointsFromRows (rows: ReadonlyArray<ArrayLike<number>>): Points {
  const dims = rows.length > 0 ? rows[0].length : 0
  const values = new Float64Array(rows.length * dims)
  rows.forEach((row, i) => {
    if (row.length !== dims) throw new RangeError(`row ${i} has ${row.length} coordinates, expected ${dims}`)
    for (let d = 0; d < dims; d++) values[i * dims + d] = row[d]
  })
  return { values, n: rows.length, dims }
}

export function pointsToRows (points: Points): number[][] {
  const rows: number[][] = new Array(points.n)
  for (let i = 0; i < points.n; i++) rows[i] = Array.from(points.values.subarray(i * points.dims, (i + 1) * points.dims))
  return rows
}

/** Number of distinct points (exact coordinates): K-Means cannot place more centroids than that. */
export function countDistinctPoints (points: Points): number {
  const seen = new Set<string>()
  for (let i = 0; i < points.n; i++) seen.add(points.values.subarray(i * points.dims, (i + 1) * points.dims).join(','))
  return seen.size
}
