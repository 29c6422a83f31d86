// The segments' feature transform (`log1p` or none) is a separate choice from the recommender's
// options: there is no held-out truth for clusters, so it is judged on what the clustering looks
// like. This measures both at the same k and seed with the trainer's own segment stage.
//
// Read the silhouettes with care: each is measured in its own feature space. Without the
// transform, monetary and frequency are so skewed that a few wholesale customers sit far from
// everyone else; K-Means gives them clusters of their own, and "everyone else in one cluster, a
// handful of outliers in the others" scores a HIGH silhouette while being useless as segments.
// That is why the segment sizes are reported next to it, and why the default is log1p (see the
// README's evaluation section for the measured numbers).
import { computeRfm } from '../rfm.js'
import { buildSegmentModel } from '../segments/index.js'
import type { TransactionAggregates } from '../aggregates/contract.js'

export interface TransformComparison {
  transform: 'log1p' | 'none'
  k: number
  silhouette: number | null
  /** customers per segment, largest first */
  sizes: number[]
  /** segment labels, in the order of `sizes` */
  labels: string[]
  /** share of customers in the largest segment */
  largestShare: number
}

export interface TransformComparisonOptions {
  k: number
  seed: number
  nInit: number
}

export function compareSegmentTransforms (aggregates: TransactionAggregates, options: TransformComparisonOptions): TransformComparison[] {
  const rfm = computeRfm(aggregates)
  return (['log1p', 'none'] as const).map((transform) => {
    const result = buildSegmentModel(rfm, { transform, k: options.k, kMin: options.k, kMax: options.k, seed: options.seed, nInit: options.nInit })
    const segments = [...result.model.segments].sort((a, b) => b.size - a.size || a.id - b.id)
    const total = segments.reduce((sum, s) => sum + s.size, 0)
    return {
      transform,
      k: result.k,
      silhouette: result.silhouette,
      sizes: segments.map((s) => s.size),
      labels: segments.map((s) => s.label),
      largestShare: total > 0 ? segments[0].size / total : 0
    }
  })
}
