// One endpoint measured on two servers in the same runs, compared run by run. Each run measures
// both servers back to back, so what drifts across runs (a neighbour's job, the machine's clock,
// the processes' luck: every run has fresh ones) moves both; the ratio within a run cancels it,
// and the median of the per-run ratios is the figure to judge. A ratio of the two medians mixes
// runs that were not measured together.
import { medianOf, type Measured } from './api-report.js'
import { median } from './stats.js'

export interface RatioSpread {
  median: number
  min: number
  max: number
}

export interface PairedComparison {
  /** medians of each server's runs (bench:api's figures) */
  small: Measured
  large: Measured
  /** small CPU per request ÷ large, per run: ≥ 1 when the large server does a request in no more CPU */
  cpu: RatioSpread
  /** large req/s ÷ small, per run */
  rate: RatioSpread
}

/** The median and range of per-run ratios; a run with no ratio (NaN: no requests) is left out. */
export function spread (ratios: number[]): RatioSpread {
  const finite = ratios.filter(Number.isFinite)
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN }
  return { median: median(finite), min: Math.min(...finite), max: Math.max(...finite) }
}

/** `small[i]` and `large[i]` were measured in run i. */
export function pairRuns (small: Measured[], large: Measured[]): PairedComparison {
  if (small.length === 0 || small.length !== large.length) {
    throw new RangeError(`paired runs need the same number of runs on both servers, got ${small.length} and ${large.length}`)
  }
  return {
    small: medianOf(small),
    large: medianOf(large),
    cpu: spread(small.map((s, i) => s.cpuPerRequest / large[i].cpuPerRequest)),
    rate: spread(small.map((s, i) => large[i].reqPerSec / s.reqPerSec))
  }
}
