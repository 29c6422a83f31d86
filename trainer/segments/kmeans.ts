// K-Means: greedy k-means++ seeding, then Lloyd's iterations (ml-kmeans' algorithm on typed
// arrays, see lloyd.ts), restarted `nInit` times from seeds derived from one base seed; the
// restart with the lowest inertia wins (the first one on a tie), like scikit-learn's n_init.
// Inertia is sklearn's inertia_: the sum of squared distances to the nearest final centroid
// (ml-kmeans reports none, and its `clusters` are the assignment to the previous iteration's
// centroids, so labels are recomputed against the final ones).
import { kmeansPlusPlus } from './init.js'
import { assignNearest, lloyd } from './lloyd.js'
import { SEGMENT_OPTIONS } from './options.js'
import type { Points } from './points.js'
import { deriveSeed } from './seed.js'

export interface KMeansOptions {
  seed: number
  /** restarts; the lowest inertia wins */
  nInit: number
  maxIterations: number
  /** convergence: every centroid moved less than this squared distance in the last iteration */
  tolerance: number
}

/**
 * The seed and the restarts are the segment stage's options (./options.ts: 42, scikit-learn's
 * n_init = 10). sklearn's max_iter = 300, ml-kmeans' default tolerance: a looser 1e-4 (sklearn's
 * tol on standardised features) needs 43 % fewer iterations, but stops some restarts early in
 * worse optima: without log1p, k = 9 came out 1.1 % above scikit-learn's inertia.
 */
export const DEFAULT_KMEANS_OPTIONS: KMeansOptions = {
  seed: SEGMENT_OPTIONS.rows.seed.default,
  nInit: SEGMENT_OPTIONS.rows.nInit.default,
  maxIterations: 300,
  tolerance: 1e-6
}

export interface Clustering {
  k: number
  /** row-major k × dims */
  centroids: Float64Array
  /** nearest centroid of each point */
  labels: Int32Array
  inertia: number
}

/** Seed of restart `restart` of a run with base seed `seed`. */
export function restartSeed (seed: number, restart: number): number {
  return deriveSeed(seed, restart)
}

/** The k-means++ centres for this seed, as a row-major k × dims matrix. */
export function initialCentres (points: Points, k: number, seed: number): Float64Array {
  const { values, dims } = points
  const centres = new Float64Array(k * dims)
  kmeansPlusPlus(points, k, seed).forEach((row, c) => centres.set(values.subarray(row * dims, (row + 1) * dims), c * dims))
  return centres
}

export function fitKMeans (points: Points, k: number, options: Partial<KMeansOptions> = {}): Clustering {
  const { seed, nInit, maxIterations, tolerance } = { ...DEFAULT_KMEANS_OPTIONS, ...options }
  if (!Number.isInteger(k) || k < 1 || k > points.n) throw new RangeError(`k must be an integer in 1..${points.n}, got ${k}`)
  if (!Number.isInteger(nInit) || nInit < 1) throw new RangeError(`nInit must be a positive integer, got ${nInit}`)
  const labels = new Int32Array(points.n)
  let best: Clustering | undefined
  for (let restart = 0; restart < nInit; restart++) {
    const centroids = lloyd(points, initialCentres(points, k, restartSeed(seed, restart)), k, { maxIterations, tolerance }).centroids
    const inertia = assignNearest(points, centroids, k, labels)
    if (!Number.isFinite(inertia)) throw new Error(`k-means produced invalid centroids (k = ${k}, restart ${restart})`)
    if (!best || inertia < best.inertia) best = { k, centroids, labels: labels.slice(), inertia }
  }
  return best as Clustering
}
