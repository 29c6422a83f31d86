// Offline evaluation of recommendation quality (issue 5): the trainer's public surface for the
// `evaluate` stage. The markdown, README and command modules serve `npm run evaluate` only.
export {
  DEFAULT_EVALUATION_OPTIONS, EVALUATION_KS, TARGET_RATIO_VS_POPULAR,
  assessTarget, buildItemKnnIndex, resolveEvaluationOptions, evaluateItemKnn, evaluateMostPopular, evaluateOriginal, evaluateRecommendations, prepareEvaluation,
  type EvaluationContext, type EvaluationOptions, type EvaluationReport, type EvaluationSetup, type MethodEvaluation, type MethodName
} from './evaluate.js'
export { MetricsAccumulator, scoreRanking, type RankingMetrics } from './metrics.js'
export { splitChronologically, type ChronologicalSplit, type SplitOptions } from './split.js'
export { DEFAULT_EVALUATION_DAYS, EVALUATION_OPTIONS, type EvaluationStageOptions } from './options.js'
export { VARIANT_GRID, searchVariants, type VariantGrid, type VariantSearch } from './variants.js'
export { compareSegmentTransforms, type TransformComparison } from './segment-transform.js'
