// The few numbers ops compare versions by, taken from a version's manifest.
import type { Manifest } from '../../../../lib/artifacts/index.js'

export interface HeadlineMetrics {
  /** transaction rows kept after cleaning */
  rows: number
  customers: number
  products: number
  k: number
  silhouette: number | null
  /** offline hit rate @10 of the recommendations, when the trainer evaluated (`--evaluate`) */
  hitRate: number | null
}

export function headlineMetrics (manifest: Manifest): HeadlineMetrics {
  return {
    rows: manifest.cleaning.rowsKept,
    customers: manifest.cleaning.customers,
    products: manifest.recommendations.products,
    k: manifest.segmentation.k,
    silhouette: manifest.segmentation.silhouette,
    // the evaluation report is part of the contract (EvaluationReportSchema), checked when the manifest loads
    hitRate: manifest.evaluation?.model.at10.hitRate ?? null
  }
}
