// Feature preparation: transform each RFM feature (log1p by default: RFM values are heavily
// right-skewed, and without it K-Means spends its clusters on a handful of wholesale outliers;
// `none` reproduces the original project), then standardise like scikit-learn's StandardScaler.
import type { SegmentModel } from '../../lib/artifacts/schema.js'
import { scaleFeature, transformFeature, type FeatureTransform } from '../../lib/segments/classify.js'
import type { RfmTable } from '../rfm.js'
import type { Points } from './points.js'

export type Scaler = SegmentModel['scaler']
type Triple = [number, number, number]

/** The three RFM columns in feature order (recency, frequency, monetary). */
export function rfmColumns (rfm: RfmTable): [Float64Array, Float64Array, Float64Array] {
  return [rfm.recency, rfm.frequency, rfm.monetary]
}

/**
 * Mean and population standard deviation (ddof = 0, as StandardScaler) of each transformed
 * feature. A constant feature gets std 1, as StandardScaler does, so it scales to 0 instead of NaN.
 */
export function fitScaler (rfm: RfmTable, transform: FeatureTransform): Scaler {
  const n = rfm.customerIds.length
  const mean: Triple = [0, 0, 0]
  const std: Triple = [1, 1, 1]
  rfmColumns(rfm).forEach((column, j) => {
    let sum = 0
    for (let i = 0; i < n; i++) sum += transformFeature(column[i], transform)
    const m = sum / n
    // Two passes: the textbook one-pass formula loses precision on monetary's large values.
    let squares = 0
    for (let i = 0; i < n; i++) {
      const d = transformFeature(column[i], transform) - m
      squares += d * d
    }
    const s = Math.sqrt(squares / n)
    mean[j] = m
    std[j] = s > 0 ? s : 1
  })
  return { mean, std }
}

/** The customers as points in the scaled space, computed exactly as `classifyRfm` does. */
export function scaleRfm (rfm: RfmTable, model: Pick<SegmentModel, 'transform' | 'scaler'>): Points {
  const n = rfm.customerIds.length
  const values = new Float64Array(n * 3)
  rfmColumns(rfm).forEach((column, j) => {
    for (let i = 0; i < n; i++) values[i * 3 + j] = scaleFeature(column[i], j, model)
  })
  return { values, n, dims: 3 }
}
