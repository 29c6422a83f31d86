// The history the lifetime-value models are fitted on (--value-fit-sample): every customer up to
// the sample size, else a fixed seeded sample. The trainer's fit (index.ts) and the evaluation's
// (evaluate.ts) both go through it, so what is scored is fitted as what is served.
import { sampleIndices } from '../../lib/seeded-random.js'
import { fillBy } from '../../lib/typed-arrays.js'
import type { RepeatHistory } from './bgnbd.js'
import type { SpendHistory } from './gamma-gamma.js'
import type { CalibrationSummary } from './purchase-days.js'

/** the value stage has no seed option: one fixed sample, so the same input gives the same fit */
const FIT_SAMPLE_SEED = 42

/** The history the models are fitted on: all of it up to `sampleSize` customers, else a seeded random sample. */
export function historyToFit (summary: CalibrationSummary, sampleSize: number): RepeatHistory & SpendHistory {
  const n = summary.x.length
  if (n <= sampleSize) return summary
  const sample = sampleIndices(n, sampleSize, FIT_SAMPLE_SEED)
  const pick = (values: Float64Array): Float64Array => fillBy(new Float64Array(sample.length), (j) => values[sample[j]])
  return { x: pick(summary.x), tx: pick(summary.tx), T: pick(summary.T), zbar: pick(summary.zbar) }
}
