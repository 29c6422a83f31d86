// A dense row-major matrix of points: point i's coordinate d is values[i * dims + d]. One typed
// array instead of n small arrays keeps the O(n²) silhouette and the distance loops cache-friendly.

export interface Points {
  readonly values: Float64Array
  readonly n: number
  readonly dims: number
}

/** Number of distinct points (exact coordinates): K-Means cannot place more centroids than that. */
export function countDistinctPoints (points: Points): number {
  const seen = new Set<string>()
  for (let i = 0; i < points.n; i++) seen.add(points.values.subarray(i * points.dims, (i + 1) * points.dims).join(','))
  return seen.size
}

/** The points at `indices`, in that order, as points of their own. */
export function pointsAt (points: Points, indices: Int32Array): Points {
  const { dims } = points
  const values = new Float64Array(indices.length * dims)
  for (let s = 0; s < indices.length; s++) values.set(points.values.subarray(indices[s] * dims, (indices[s] + 1) * dims), s * dims)
  return { values, n: indices.length, dims }
}
