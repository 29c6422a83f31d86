// The k sweep: K-Means for each k in a range, recording inertia (for the elbow) and silhouette.
// The clusterings are kept so the chosen k needs no second fit (same seed → same result anyway).
import type { SweepPoint } from '../../lib/artifacts/schema.js'
import { DEFAULT_KMEANS_OPTIONS, fitKMeans, type Clustering, type KMeansOptions } from './kmeans.js'
import { K_SWEEP } from './options.js'
import type { Points } from './points.js'
import { DEFAULT_SILHOUETTE_OPTIONS, silhouetteScores } from './silhouette.js'

export interface SweepOptions extends KMeansOptions {
  kMin: number
  kMax: number
  /** silhouette is exact up to this many points, sampled above */
  silhouetteSampleSize: number
}

export const DEFAULT_SWEEP_OPTIONS: SweepOptions = {
  ...DEFAULT_KMEANS_OPTIONS,
  kMin: K_SWEEP.min,
  kMax: K_SWEEP.max,
  silhouetteSampleSize: DEFAULT_SILHOUETTE_OPTIONS.sampleSize
}

export interface KSweep {
  points: SweepPoint[]
  /** parallel to `points` */
  clusterings: Clustering[]
}

/**
 * Sweeps k = kMin..kMax, stopping early at `maxK` (the number of distinct points: K-Means
 * cannot use more centroids). Every k uses the same base seed.
 */
export function sweepK (points: Points, options: Partial<SweepOptions> = {}, maxK = points.n): KSweep {
  const { kMin, kMax, silhouetteSampleSize, ...kmeansOptions } = { ...DEFAULT_SWEEP_OPTIONS, ...options }
  const clusterings: Clustering[] = []
  for (let k = Math.max(1, kMin); k <= Math.min(kMax, maxK); k++) clusterings.push(fitKMeans(points, k, kmeansOptions))
  const silhouettes = silhouetteScores(points, clusterings, { sampleSize: silhouetteSampleSize, seed: kmeansOptions.seed })
  return {
    points: clusterings.map(({ k, inertia }, i) => ({ k, inertia, silhouette: silhouettes[i] })),
    clusterings
  }
}
