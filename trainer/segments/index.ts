// Pipeline step 3: from RFM values to a labelled segment model.
// transform + standardise → k sweep (K-Means with restarts, inertia, silhouette) → k (fixed or
// auto) → labels and canonical ids → the SegmentModel of the artifact contract. Customers are
// then assigned with `classifyValues`, the very function the service uses, so segment sizes,
// customers.json and live lookups always agree.
import type { SegmentModel, SweepPoint } from '../../lib/artifacts/schema.js'
import { ShopperError } from '../../lib/errors.js'
import { classifyValues, untransformFeature } from '../../lib/segments/classify.js'
import type { RfmTable } from '../rfm.js'
import { AUTO_K_RULE, chooseK, type AutoKRule } from './choose-k.js'
import { fitKMeans, type Clustering } from './kmeans.js'
import { labelClusters } from './label.js'
import { byStage, defaultsOf, resolveOptions } from '../option-table/index.js'
import { DEFAULT_K, SEGMENT_OPTIONS, type SegmentStageOptions } from './options.js'
import { assignNearest } from './lloyd.js'
import { countDistinctPoints, pointsAt, type Points } from './points.js'
import { sampleIndices } from './seed.js'
import { silhouetteScore } from './silhouette.js'
import { DEFAULT_SWEEP_OPTIONS, sweepK, type SweepOptions } from './sweep.js'
import { fitScaler, rfmColumns, scaleRfm } from './transform.js'

/** The stage's options (./options.ts: k — a number or 'auto', see choose-k.ts — transform, seed, nInit) and the sweep's. */
export interface SegmentOptions extends SegmentStageOptions, Omit<SweepOptions, keyof SegmentStageOptions> {
  autoRule: AutoKRule
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = {
  ...DEFAULT_SWEEP_OPTIONS,
  ...defaultsOf(SEGMENT_OPTIONS.rows),
  autoRule: AUTO_K_RULE
}

export interface SegmentResult {
  model: SegmentModel
  k: number
  kSelection: 'fixed' | 'auto'
  sweep: SweepPoint[]
  /** of the chosen clustering, in the scaled space */
  inertia: number
  silhouette: number | null
  /** customers per segment id */
  sizes: number[]
  /** segment id of each customer, in the RFM table's order */
  assignments: Int32Array
}

/** Centroid row c of a clustering, mapped back to RFM units and clamped into the data's range. */
function centroidInRfmUnits (clustering: Clustering, c: number, model: Pick<SegmentModel, 'transform' | 'scaler'>, ranges: Array<[number, number]>): number[] {
  // A centroid is a mean of points, so it lies within the data's range in every feature; the
  // clamp only removes rounding error from the inverse transform (which could otherwise give a
  // frequency of 0.9999999 and break the contract's minimum of 1).
  return [0, 1, 2].map(j => {
    const value = untransformFeature(clustering.centroids[c * 3 + j] * model.scaler.std[j] + model.scaler.mean[j], model.transform)
    return Math.min(ranges[j][1], Math.max(ranges[j][0], value))
  })
}

function columnRanges (rfm: RfmTable): Array<[number, number]> {
  return rfmColumns(rfm).map(column => {
    let min = Infinity
    let max = -Infinity
    for (let i = 0; i < column.length; i++) {
      if (column[i] < min) min = column[i]
      if (column[i] > max) max = column[i]
    }
    return [min, max] as [number, number]
  })
}

function resolveK (k: SegmentOptions['k'], customers: number, distinct: number): void {
  if (k === 'auto') return
  if (k > customers) throw new ShopperError('ERR_K_TOO_LARGE', `k = ${k} is larger than the number of customers (${customers})`)
  if (k > distinct) throw new ShopperError('ERR_K_TOO_LARGE', `k = ${k} but the ${customers} customers have only ${distinct} distinct RFM profiles`)
}

function chosenClustering (points: Points, k: number, sweep: { points: SweepPoint[], clusterings: Clustering[] }, options: SegmentOptions): { clustering: Clustering, silhouette: number | null } {
  const index = sweep.clusterings.findIndex(c => c.k === k)
  if (index >= 0) return { clustering: sweep.clusterings[index], silhouette: sweep.points[index].silhouette }
  const clustering = fitKMeans(points, k, options)
  return { clustering, silhouette: silhouetteScore(points, clustering.labels, k, { sampleSize: options.silhouetteSampleSize, seed: options.seed }) }
}

export function buildSegmentModel (rfm: RfmTable, options: Partial<SegmentOptions> = {}): SegmentResult {
  // the table's options checked as the command line's are; the sweep's are the stage's own
  const resolved: SegmentOptions = { ...DEFAULT_SEGMENT_OPTIONS, ...options, ...resolveOptions(SEGMENT_OPTIONS.rows, options, byStage('segments')) }
  const n = rfm.customerIds.length
  if (n === 0) throw new ShopperError('ERR_EMPTY_AFTER_CLEANING', 'no customers to segment')

  const scaling = { transform: resolved.transform, scaler: fitScaler(rfm, resolved.transform) }
  const all = scaleRfm(rfm, scaling)
  // above --segment-fit-sample customers the sweep and the chosen k's K-Means fit a seeded random
  // sample; every customer is then classified against its centroids, as the service does
  const sampled = n > resolved.segmentFitSample
  const points = sampled ? pointsAt(all, sampleIndices(n, resolved.segmentFitSample, resolved.seed)) : all
  const distinct = countDistinctPoints(points)
  resolveK(resolved.k, points.n, distinct)

  const sweep = sweepK(points, resolved, distinct)
  // With fewer distinct profiles than the sweep's first k there is nothing to choose from.
  const k = resolved.k !== 'auto'
    ? resolved.k
    : sweep.points.length > 0 ? chooseK(sweep.points, resolved.autoRule) : Math.min(distinct, DEFAULT_K)
  const chosen = chosenClustering(points, k, sweep, resolved)
  const { silhouette } = chosen
  // fitted on a sample: the manifest's inertia is still over every customer
  const clustering = sampled ? { ...chosen.clustering, inertia: assignNearest(all, chosen.clustering.centroids, k, new Int32Array(n)) } : chosen.clustering

  const centroidsScaled = Array.from({ length: k }, (_, c) => Array.from(clustering.centroids.subarray(c * 3, c * 3 + 3)))
  const ranges = columnRanges(rfm)
  const model: SegmentModel = {
    features: ['recency', 'frequency', 'monetary'],
    ...scaling,
    segments: labelClusters(centroidsScaled).map(({ cluster, label, description, action }, id) => {
      const [recency, frequency, monetary] = centroidInRfmUnits(clustering, cluster, scaling, ranges)
      return { id, label, description, action, size: 0, share: 0, centroidScaled: centroidsScaled[cluster], centroid: { recency, frequency, monetary } }
    })
  }

  const assignments = new Int32Array(n)
  const sizes = new Array<number>(k).fill(0)
  for (let i = 0; i < n; i++) {
    const id = classifyValues(model, rfm.recency[i], rfm.frequency[i], rfm.monetary[i])
    assignments[i] = id
    sizes[id]++
  }
  for (const segment of model.segments) {
    segment.size = sizes[segment.id]
    segment.share = sizes[segment.id] / n
  }

  return { model, k, kSelection: resolved.k === 'auto' ? 'auto' : 'fixed', sweep: sweep.points, inertia: clustering.inertia, silhouette, sizes, assignments }
}

export { classifyRfm, classifyValues } from '../../lib/segments/classify.js'
export { AUTO_K_RULE, chooseK, type AutoKRule } from './choose-k.js'
export { DEFAULT_K, K_SWEEP, SEGMENT_OPTIONS, type SegmentStageOptions } from './options.js'
export type { Clustering, KMeansOptions } from './kmeans.js'
export type { SweepOptions } from './sweep.js'
