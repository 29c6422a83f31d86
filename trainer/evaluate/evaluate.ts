// The offline evaluation of recommendation quality (issue 5): split the log in time, train the
// item-kNN model on the earlier part, recommend 10 products to each customer from what they had
// bought, and score the lists against what they bought next. The model answers through
// `recommendForCustomer`, the very function GET /customers/{id}/recommendations answers with
// (the whole history as one basket, popular fill included), so the numbers describe what is served. Baselines run on the same split and the
// same customers.
import type { EvaluationReport, EvaluationSetup, MethodEvaluation, MethodName } from '../../lib/artifacts/index.js'
import { buildRecommendIndex, purchaseRowsOf, recommendForCustomer, type PopularFill, type RecommendIndex } from '../../lib/recommend/index.js'
import { ShopperError } from '../../lib/errors.js'
import { buildCatalogue, type BuiltCatalogue } from '../catalogue.js'
import { buildNeighbours, resolveNeighbourOptions, type NeighbourOptions } from '../neighbours/index.js'
import { DEFAULT_NON_PRODUCT_RULE, type NonProductRule } from '../non-product-codes.js'
import type { TransactionTable } from '../transactions.js'
import { buildEvaluationCases, type EvaluationCase } from './cases.js'
import { MetricsAccumulator } from './metrics.js'
import { buildOriginalModel, recommendOriginal } from './original-method.js'
import { recommendPopular } from './popular.js'
import { DEFAULT_EVALUATION_DAYS } from './options.js'
import { splitChronologically, type ChronologicalSplit } from './split.js'
import { fillBy } from '../../lib/typed-arrays.js'

/** Lists are 10 long; @5 is their first 5 (each method's top 5 is the prefix of its top 10). */
export const EVALUATION_KS = [10, 5] as const
const LIST_LENGTH = 10

/** The target: hit rate @10 at least this many times the most-popular baseline's. */
export const TARGET_RATIO_VS_POPULAR = 1.6
/** issue 10: ranking quality must rise too: NDCG@10 at least this much above the former defaults' */
export const TARGET_NDCG_GAIN = 0.05
/** The defaults before issue 10 (binary cosine, minSupport 5, no decay): the ranking baseline. */
export const FORMER_DEFAULTS: Readonly<Partial<NeighbourOptions>> = Object.freeze({ similarity: 'cosine', weighting: 'binary', topK: 20, minSupport: 5, popularityDamping: 0, halfLifeDays: 'none' })

export interface EvaluationOptions {
  /** the last N days are the test period (default 90) */
  evaluationDays: number
  /** explicit cutoff instead of `evaluationDays` */
  cutoff?: Date
  nonProductRule: NonProductRule
  /** options of the evaluated model (the trainer passes its own); defaults where absent */
  neighbours: Partial<NeighbourOptions>
  /** also run the most-popular and original-method baselines (default true) */
  baselines: boolean
}

// The report's shape is the artifact contract's (manifest.evaluation): the service reads it too.
export type { EvaluationReport, EvaluationSetup, MethodEvaluation, MethodName } from '../../lib/artifacts/index.js'

/** Everything the methods share: the split, the training catalogue, the customers to score. */
export interface EvaluationContext {
  split: ChronologicalSplit
  built: BuiltCatalogue
  cases: EvaluationCase[]
  setup: EvaluationSetup
}

export const DEFAULT_EVALUATION_OPTIONS: Readonly<EvaluationOptions> = Object.freeze({
  evaluationDays: DEFAULT_EVALUATION_DAYS,
  nonProductRule: DEFAULT_NON_PRODUCT_RULE,
  neighbours: {},
  baselines: true
})

/** The defaults, overridden by every option `given` defines (an undefined value keeps the default). */
export function resolveEvaluationOptions (given: Partial<EvaluationOptions> = {}): EvaluationOptions {
  const defined = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined))
  return { ...DEFAULT_EVALUATION_OPTIONS, ...defined }
}

/** Split, training catalogue and cases; throws ERR_USAGE when no customer can be evaluated. */
export function prepareEvaluation (table: TransactionTable, given: Partial<EvaluationOptions> = {}): EvaluationContext {
  const options = resolveEvaluationOptions(given)
  const split = splitChronologically(table, options)
  const built = buildCatalogue(split.train, options.nonProductRule)
  const evaluation = buildEvaluationCases(split, built)
  const { cases } = evaluation
  const cutoff = new Date(split.cutoff).toISOString()
  if (cases.length === 0) {
    throw new ShopperError('ERR_USAGE', `evaluation: no customer bought before the cutoff ${cutoff} and something new after it; choose another test period`)
  }
  let history = 0
  let relevant = 0
  for (const c of cases) {
    history += c.history.length
    relevant += c.relevant.size
  }
  return {
    split,
    built,
    cases,
    setup: {
      cutoff,
      evaluationDays: options.cutoff === undefined ? options.evaluationDays : null,
      trainRows: split.trainRows,
      testRows: split.testRows,
      recommendableProducts: built.catalogue.popularity.length,
      customersWithTestPurchases: evaluation.customersWithTestPurchases,
      customersWithoutHistory: evaluation.customersWithoutHistory,
      customersOnlyRepeats: evaluation.customersOnlyRepeats,
      customersEvaluated: cases.length,
      meanHistory: history / cases.length,
      meanRelevant: relevant / cases.length
    }
  }
}

function summarise (method: MethodName, options: NeighbourOptions | null, metrics: MetricsAccumulator, covered: number, recommendable: number, started: number): MethodEvaluation {
  return {
    method,
    options,
    customers: metrics.customers,
    at10: metrics.means(0),
    at5: metrics.means(1),
    coverage: recommendable > 0 ? covered / recommendable : 0,
    ms: performance.now() - started
  }
}

/** Recommendable catalogue products among `items` (catalogue indices). */
function countRecommendable (built: BuiltCatalogue, items: Iterable<number>): number {
  let count = 0
  for (const p of items) if (built.catalogue.products[p]?.recommendable === true) count++
  return count
}

/** The serving index of an item-kNN model trained on the training part. */
export function buildItemKnnIndex (context: EvaluationContext, options: Partial<NeighbourOptions>): RecommendIndex {
  return buildRecommendIndex(buildNeighbours(context.split.train, context.built, options), context.built.catalogue)
}

/**
 * Scores an item-kNN model through the service's personal recommender (each case's history is its
 * customer's purchase row). `fill: 'full'` (the service's default) tops short lists up with
 * popular products; `'none'` scores the model alone.
 */
export function evaluateItemKnn (context: EvaluationContext, given: Partial<NeighbourOptions>, fill: PopularFill = 'full', index?: RecommendIndex): MethodEvaluation {
  const started = performance.now()
  const options = resolveNeighbourOptions(given)
  const recommender = index ?? buildItemKnnIndex(context, options)
  const metrics = new MetricsAccumulator(EVALUATION_KS)
  const purchases = purchaseRowsOf(context.cases.map((c) => c.history))
  context.cases.forEach((c, row) => {
    const { items } = recommendForCustomer(recommender, purchases, row, { limit: LIST_LENGTH, fill })
    metrics.add(items.map((item) => item.product), c.relevant)
  })
  const method = fill === 'full' ? 'item-knn' : 'item-knn-no-fill'
  return summarise(method, options, metrics, countRecommendable(context.built, metrics.recommended), context.setup.recommendableProducts, started)
}

export function evaluateMostPopular (context: EvaluationContext): MethodEvaluation {
  const started = performance.now()
  const metrics = new MetricsAccumulator(EVALUATION_KS)
  const { popularity } = context.built.catalogue
  for (const c of context.cases) metrics.add(recommendPopular(popularity, c.history, LIST_LENGTH), c.relevant)
  return summarise('most-popular', null, metrics, countRecommendable(context.built, metrics.recommended), context.setup.recommendableProducts, started)
}

/**
 * The original method (see original-method.ts), scored over descriptions: a recommended
 * description is a hit when the customer bought, from the cutoff on and not before, a product
 * whose description it is. Coverage counts the recommendable products behind the descriptions.
 */
export function evaluateOriginal (context: EvaluationContext): MethodEvaluation {
  const started = performance.now()
  const model = buildOriginalModel(context.split.train)
  const { products } = context.built.catalogue
  const columnOfProduct = fillBy(new Int32Array(products.length), (p) => model.column.get(products[p].description) ?? -1)
  const descriptionOfCode = context.split.descriptions

  const metrics = new MetricsAccumulator(EVALUATION_KS)
  let unseen = 0
  for (const c of context.cases) {
    const history: number[] = []
    for (const p of c.history) if (columnOfProduct[p] >= 0) history.push(columnOfProduct[p])
    const relevant = new Set<number>()
    for (const code of c.relevantCodes) {
      const column = model.column.get(descriptionOfCode.get(code) ?? '')
      relevant.add(column ?? -(++unseen))
    }
    metrics.add(recommendOriginal(model, history, LIST_LENGTH), relevant)
  }

  // coverage: recommendable products whose description was recommended to someone
  let covered = 0
  for (let p = 0; p < products.length; p++) {
    if (products[p].recommendable && columnOfProduct[p] >= 0 && metrics.recommended.has(columnOfProduct[p])) covered++
  }
  return summarise('original', null, metrics, covered, context.setup.recommendableProducts, started)
}

/**
 * The trainer's `--evaluate`: the model with `options.neighbours` (and, by default, both
 * baselines) on one chronological split. The result is plain JSON for `manifest.evaluation`.
 */
export function evaluateRecommendations (table: TransactionTable, given: Partial<EvaluationOptions> = {}): EvaluationReport {
  const options = resolveEvaluationOptions(given)
  const context = prepareEvaluation(table, options)
  const model = evaluateItemKnn(context, options.neighbours)
  if (!options.baselines) return { setup: context.setup, model, baselines: null, target: null }
  const mostPopular = evaluateMostPopular(context)
  const original = evaluateOriginal(context)
  const formerDefaults = evaluateItemKnn(context, FORMER_DEFAULTS)
  return { setup: context.setup, model, baselines: { mostPopular, original, formerDefaults }, target: assessTarget(model, mostPopular, original, formerDefaults) }
}

export function assessTarget (model: MethodEvaluation, mostPopular: MethodEvaluation, original: MethodEvaluation, formerDefaults?: MethodEvaluation): NonNullable<EvaluationReport['target']> {
  const ratio = mostPopular.at10.hitRate > 0 ? model.at10.hitRate / mostPopular.at10.hitRate : null
  const ndcgGain = formerDefaults !== undefined && formerDefaults.at10.ndcg > 0 ? model.at10.ndcg / formerDefaults.at10.ndcg - 1 : null
  return {
    ratioVsMostPopular: ratio,
    required: TARGET_RATIO_VS_POPULAR,
    meetsRatio: ratio !== null && ratio >= TARGET_RATIO_VS_POPULAR,
    beatsOriginal: model.at10.hitRate > original.at10.hitRate,
    ...(formerDefaults === undefined ? {} : { ndcgGainVsFormerDefaults: ndcgGain, requiredNdcgGain: TARGET_NDCG_GAIN, meetsNdcg: ndcgGain !== null && ndcgGain >= TARGET_NDCG_GAIN })
  }
}
