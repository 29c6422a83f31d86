// The few numbers ops compare versions by, taken from a version's manifest.
import type { Manifest } from '../../../../lib/artifacts/index.js'

export interface HeadlineMetrics {
  /** transaction rows kept after cleaning */
  rows: number
  customers: number
  products: number
  k: number
  silhouette: number | null
  /** offline hit rate @10 of the recommendations, when the trainer evaluated */
  hitRate: number | null
}

export function headlineMetrics (manifest: Manifest): HeadlineMetrics {
  return {
    rows: manifest.cleaning.rowsKept,
    customers: manifest.cleaning.customers,
    products: manifest.recommendations.products,
    k: manifest.segmentation.k,
    silhouette: manifest.segmentation.silhouette,
    hitRate: evaluationHitRate(manifest.evaluation)
  }
}

// The contract keeps `evaluation` open (the trainer's evaluation report may grow), so the hit
// rate is looked up where the evaluation report puts it rather than assumed.
const HIT_RATE_PATHS = [
  ['model', 'at10', 'hitRate'],
  ['model', 'hitRateAt10'],
  ['model', 'hitRate'],
  ['at10', 'hitRate'],
  ['hitRateAt10'],
  ['hitRate']
]

export function evaluationHitRate (evaluation: unknown): number | null {
  for (const keys of HIT_RATE_PATHS) {
    let value: unknown = evaluation
    for (const key of keys) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined
    if (typeof value === 'number' && Number.isFinite(value)) return value
  }
  return null
}
