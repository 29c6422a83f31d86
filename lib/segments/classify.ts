// Which segment a customer's RFM values fall in: transform, standardise, nearest centroid.
// Shared by the trainer (known customers, segment sizes) and the service (ad-hoc lookups), so
// both always agree; it depends on nothing but the artifact contract's types. The trainer builds
// its scaled feature matrix with `scaleFeature` too, so the two paths compute the same bits.
import type { Rfm, SegmentModel } from '../artifacts/schema.js'

export type FeatureTransform = SegmentModel['transform']

/** The transform applied to each raw feature before standardising. */
export function transformFeature (value: number, transform: FeatureTransform): number {
  return transform === 'log1p' ? Math.log1p(value) : value
}

/** Inverse of `transformFeature`, to express centroids in RFM units. */
export function untransformFeature (value: number, transform: FeatureTransform): number {
  return transform === 'log1p' ? Math.expm1(value) : value
}

/** Feature j (0 recency, 1 frequency, 2 monetary) in the model's scaled space. */
export function scaleFeature (value: number, j: number, model: Pick<SegmentModel, 'transform' | 'scaler'>): number {
  return (transformFeature(value, model.transform) - model.scaler.mean[j]) / model.scaler.std[j]
}

/**
 * Index (into `segments`) of the centroid nearest to the scaled point (squared Euclidean
 * distance). Ties go to the lower index, i.e. to the segment listed first.
 */
export function nearestSegmentIndex (segments: SegmentModel['segments'], x0: number, x1: number, x2: number): number {
  let best = 0
  let bestDistance = Infinity
  for (let s = 0; s < segments.length; s++) {
    const c = segments[s].centroidScaled
    const d0 = x0 - c[0]
    const d1 = x1 - c[1]
    const d2 = x2 - c[2]
    const distance = d0 * d0 + d1 * d1 + d2 * d2
    if (distance < bestDistance) {
      bestDistance = distance
      best = s
    }
  }
  return best
}

function assertFeature (name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`)
}

/** Segment id for raw RFM values, without allocating (the trainer calls it once per customer). */
export function classifyValues (model: SegmentModel, recency: number, frequency: number, monetary: number): number {
  assertFeature('recency', recency)
  assertFeature('frequency', frequency)
  assertFeature('monetary', monetary)
  const index = nearestSegmentIndex(
    model.segments,
    scaleFeature(recency, 0, model),
    scaleFeature(frequency, 1, model),
    scaleFeature(monetary, 2, model)
  )
  return model.segments[index].id
}

/** Segment id of a customer with these RFM values. Throws RangeError on negative or non-finite values. */
export function classifyRfm (model: SegmentModel, rfm: Rfm): number {
  return classifyValues(model, rfm.recency, rfm.frequency, rfm.monetary)
}
