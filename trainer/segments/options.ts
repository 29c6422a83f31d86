// The segment stage's options: how many segments, the RFM transform, the seed and the K-Means
// restarts. One row each (trainer/option-table); the trainer's TrainOptions, --help and manifest
// entries are built from this table, and the stage's own defaults (index.ts, kmeans.ts) are its.
import type { FeatureTransform } from '../../lib/segments/classify.js'
import { integer, integerOr, oneOf, option, optionTable, type OptionValues } from '../option-table/index.js'

/** The four business segments (High-Value, Regular, Occasional, At-Risk). */
export const DEFAULT_K = 4

/** The k sweep (inertia and silhouette per k) that `--k auto` chooses from. */
export const K_SWEEP = { min: 2, max: 10 } as const

export const SEGMENT_OPTIONS = optionTable('Segments', {
  k: option({
    // one segment says nothing about anyone; the sweep starts at 2 for the same reason
    kind: integerOr('auto', { min: 2 }),
    flag: 'k',
    help: `number of segments; auto picks from the k = ${K_SWEEP.min}..${K_SWEEP.max} sweep`,
    default: DEFAULT_K
  }),
  transform: option({
    kind: oneOf(['log1p', 'none'] as const satisfies readonly FeatureTransform[]),
    flag: 'transform',
    help: 'RFM transform before scaling; none = original project',
    default: 'log1p'
  }),
  seed: option({
    kind: integer(),
    flag: 'seed',
    help: 'random seed: same input + options = same model',
    default: 42
  }),
  nInit: option({
    // scikit-learn's n_init
    kind: integer({ min: 1 }),
    flag: 'n-init',
    help: 'K-Means restarts per k',
    default: 10
  }),
  segmentFitSample: option({
    // Centroids of 3-dimensional points hardly move past a few hundred thousand of them, while
    // 9 k × 10 restarts of Lloyd over 10M customers would take most of an hour on two cores (the
    // 200k-customer sweep takes ~40 s). Online Retail's 4.3k customers are far below: all fitted.
    kind: integer({ min: 10 }),
    flag: 'segment-fit-sample',
    help: 'above this many customers, the k sweep and K-Means fit a seeded sample of this many (every customer is still classified)',
    default: 200_000
  })
})

export type SegmentStageOptions = OptionValues<typeof SEGMENT_OPTIONS.rows>
