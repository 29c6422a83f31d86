// `node --import tsx bench/recency-search.ts [--input FILE …] [--quick] [--from bench/out/recency-search-….json]`
// Does time decay of the customer × product matrix lift EASE (issue 10)? The weights stay
// item-based — a product × product table, each product's top-K row, a basket scored by summing
// its products' rows through the service's own `recommendForBasket` — only X changes:
//   X[c][p] = w = 0.5^(age / halfLife),  age = (reference − last purchase of p by c) in days,
// with `reference` the latest purchase in the training rows (the trainer's "now"; any other
// reference multiplies every w by one constant, which the λ scaling below cancels exactly), and
// halfLife = ∞ giving today's binary X. EASE on the decayed X:
//   G = XᵀX (G[a][b] = Σ_c w_ca · w_cb),  P = (G + λ_eff I)⁻¹,  B[a][b] = −P[a][b] / P[b][b],
//   λ_eff = λ · trace(G) / trace(G_binary)   (λ on the binary scale: λ 500 at halfLife ∞ is today's
//   EASE, and the same λ means the same relative penalty at every halfLife),
// minSupport still counted in customers (unweighted), top-K positive weights kept. The tail (products
// outside the `maxDenseProducts` most-bought) keeps build.ts's cosine rows rescaled by tailScale,
// either binary (`scope: gram`: decay in EASE's Gram only) or cosine over the same decayed X
// (`scope: all`). The protocol and selection rule are bench/similarity-search.ts's:
//   1. windows (trainer/evaluate/windows.ts): test = the last 90 days, trained on everything before;
//      validation = the 90 days before the test window, trained on what precedes it.
//   2. VALIDATION only: the grid halfLife × λ × minSupport × scope (topK and the dense size fixed at
//      the current defaults, EASE_WITHOUT_DECAY), plus most-popular and today's cosine defaults.
//   3. the choice: each configuration's target attainment on a data set is the mean of
//      (HR@10 / most-popular's) / 1.6 and (NDCG@10 / today's cosine defaults') / 1.05; the pick is
//      the highest mean attainment over the data sets (one setting for all).
//   4. TEST: most-popular, today's cosine, today's EASE default (no decay), the pick — and, for
//      information only (never a choice), each halfLife's own validation pick.
//   5. CPU of the whole-file neighbour build (the trainer's workload), today's EASE against the pick,
//      alternated in one child process per data set, median of 3.
// A check before anything is scored: halfLife ∞ through this file's builder gives exactly the
// neighbours of trainer/neighbours/ease.ts's buildEaseNeighbours.
// Markdown on stdout, progress on stderr, everything in bench/out/recency-search-*.json.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Neighbours } from '../lib/artifacts/index.js'
import { busyMachineNote, describeMachine, formatMachine } from '../lib/machine.js'
import { markdownTable } from '../lib/markdown.js'
import { buildRecommendIndex, recommendForBasket, type RecommendIndex } from '../lib/recommend/index.js'
import { buildCatalogue, type BuiltCatalogue } from '../trainer/catalogue.js'
import type { EvaluationContext } from '../trainer/evaluate/evaluate.js'
import { MetricsAccumulator, type RankingMetrics } from '../trainer/evaluate/metrics.js'
import { recommendPopular } from '../trainer/evaluate/popular.js'
import { prepareWindows } from '../trainer/evaluate/windows.js'
import { offerCosinePairs } from '../trainer/neighbours/cosine.js'
import { invertSymmetricPositiveDefinite } from '../trainer/neighbours/dense-cholesky.js'
import {
  EASE_WITHOUT_DECAY, buildEaseNeighbours, denseGram, denseGrams, easeRows, mergeRows, selectDenseProducts, tailScale,
  type DenseProducts, type EaseSolution
} from '../trainer/neighbours/ease.js'
import { buildPurchaseMatrix, columnCounts, purchaseColumns, type PurchaseColumns, type PurchaseMatrix } from '../trainer/neighbours/purchase-matrix.js'
import { recencyWeights } from '../trainer/neighbours/recency.js'
import { heapsToSparseRows, recommendableColumns, type SparseRows } from '../trainer/neighbours/sparse-rows.js'
import { TopKHeaps } from '../trainer/neighbours/top-k.js'
import { columnNorms } from '../trainer/neighbours/weights.js'
import { loadCleanTransactions } from '../trainer/read/load-clean-transactions.js'
import type { TransactionAggregates } from '../trainer/aggregates/contract.js'
import { formatCount } from './lib/format.js'
import { saveResults } from './lib/results-file.js'

const DEFAULT_INPUTS = ['data/online_retail.csv.gz', '../shared/data/online_retail_ii.csv.gz']
const LIST_LENGTH = 10
const TARGET_HR_VS_POPULAR = 1.6
const TARGET_NDCG_VS_DEFAULTS = 1.05
const COST_REPEATS = 3

// ---- configurations --------------------------------------------------------------------------
/** 'none': binary X (halfLife ∞); 'gram': decayed X in EASE, binary cosine tail; 'all': decayed X in both */
type Scope = 'none' | 'gram' | 'all'

interface RecencyConfig {
  /** days; null = ∞ (no decay) */
  halfLifeDays: number | null
  /** on the binary scale: λ_eff = λ · trace(G) / trace(G_binary) */
  lambda: number
  topK: number
  minSupport: number
  maxDenseProducts: number
  scope: Scope
}

/** Today's trainer defaults for cosine (the NDCG reference): binary, topK 20, minSupport 5, no damping. */
const TODAY_COSINE = { topK: 20, minSupport: 5 } as const

/** Today's EASE default, no decay. */
const BASELINE: RecencyConfig = { ...EASE_WITHOUT_DECAY, halfLifeDays: null, scope: 'none' }

interface Grid {
  halfLives: Array<number | null>
  lambdas: number[]
  minSupports: number[]
  scopes: Array<'gram' | 'all'>
}

// A first run over halfLife 30–365 × λ 125–2,000 × minSupport 5–20 picked a corner (30 d, λ 2,000,
// minSupport 5): the grid reaches past it on each of those three edges.
const FULL_GRID: Grid = {
  halfLives: [14, 21, 30, 45, 60, 90, 180, 365, null],
  lambdas: [250, 500, 1000, 2000, 4000, 8000],
  minSupports: [3, 5, 10],
  scopes: ['gram', 'all']
}

const QUICK_GRID: Grid = { halfLives: [90, null], lambdas: [500], minSupports: [10], scopes: ['gram', 'all'] }

function gridConfigs (grid: Grid): RecencyConfig[] {
  const configs: RecencyConfig[] = []
  for (const halfLifeDays of grid.halfLives) {
    for (const lambda of grid.lambdas) {
      for (const minSupport of grid.minSupports) {
        for (const scope of halfLifeDays === null ? ['none' as const] : grid.scopes) {
          configs.push({ halfLifeDays, lambda, topK: EASE_WITHOUT_DECAY.topK, minSupport, maxDenseProducts: EASE_WITHOUT_DECAY.maxDenseProducts, scope })
        }
      }
    }
  }
  if (!configs.some((c) => key(c) === key(BASELINE))) configs.unshift(BASELINE)
  return configs
}

const halfLifeLabel = (h: number | null): string => (h === null ? '∞' : `${h} d`)

function label (config: RecencyConfig | 'popular' | 'cosine'): string {
  if (config === 'popular') return 'most popular (not yet bought)'
  if (config === 'cosine') return 'today\'s cosine (binary, topK 20, minSupport 5)'
  const decay = config.halfLifeDays === null ? 'no decay' : `halfLife ${halfLifeLabel(config.halfLifeDays)} (${config.scope === 'all' ? 'EASE + tail' : 'EASE only'})`
  return `EASE ${decay}, λ ${config.lambda}, topK ${config.topK}, minSupport ${config.minSupport}, dense ${config.maxDenseProducts}`
}

function key (config: RecencyConfig): string {
  return JSON.stringify([config.halfLifeDays, config.lambda, config.topK, config.minSupport, config.maxDenseProducts, config.scope])
}

// ---- the decayed matrix ------------------------------------------------------------------------
// The trainer's own: each matrix cell's last purchase (PurchaseMatrix.lastPurchase), its decay
// (recency.ts) and the weighted Gram beside the binary counts in one walk (ease.ts denseGrams).
/** The decay of each cell for a half-life (∞ = null: all 1, today's binary matrix). */
function decayWeights (matrix: PurchaseMatrix, halfLifeDays: number | null): Float64Array {
  return recencyWeights(matrix, halfLifeDays ?? 'none')
}

/** P = (G + λ_eff I)⁻¹ with λ_eff = λ · trace(G) / trace(G_binary); `gram` is left untouched. */
function solveWeighted (gram: Float64Array, counts: Float64Array, dense: DenseProducts, lambda: number): { solution: EaseSolution, lambdaEff: number } {
  const n = dense.product.length
  let traceWeighted = 0
  let traceBinary = 0
  for (let a = 0; a < n; a++) {
    traceWeighted += gram[a * n + a]
    traceBinary += counts[a * n + a]
  }
  const lambdaEff = traceBinary > 0 ? lambda * traceWeighted / traceBinary : lambda
  const a = gram.slice()
  for (let d = 0; d < n; d++) a[d * n + d] += lambdaEff
  const timings = { gramMs: 0, choleskyMs: 0, triangularInverseMs: 0, productMs: 0 }
  const inverse = invertSymmetricPositiveDefinite(a, n, timings)
  // `shared` is read only in its strict upper triangle, for minSupport: the binary counts
  return { solution: { dense, n, inverse, shared: counts, timings, lambdaUsed: lambdaEff }, lambdaEff }
}

/**
 * build.ts's cosine steps over given cell weights, no popularity damping (copied: build.ts takes a
 * weighting name, not weights). All-ones weights give its binary rows — the tail ease.ts merges,
 * which the equivalence check in main() confirms, and today's cosine defaults.
 */
function weightedCosineRows (matrix: PurchaseMatrix, columns: PurchaseColumns, weights: Float64Array, recommendable: number, topK: number, minSupport: number): SparseRows {
  const heaps = new TopKHeaps(matrix.products, Math.max(1, Math.min(topK, recommendable - 1)))
  offerCosinePairs({ matrix, columns, weights, norms: columnNorms(matrix, weights), damping: new Float64Array(matrix.products).fill(1), minSupport }, heaps)
  return heapsToSparseRows(heaps)
}

function withTail (rows: SparseRows, cosine: () => SparseRows, dense: DenseProducts, customers: Int32Array): { rows: SparseRows, tailScale: number } {
  let tail = 0
  for (let p = 0; p < customers.length; p++) if (customers[p] > 0 && dense.denseOf[p] < 0) tail++
  if (tail === 0) return { rows, tailScale: 1 }
  const tailRows = cosine()
  const scale = tailScale(rows, tailRows, dense, customers)
  return { rows: mergeRows(rows, tailRows, dense, scale), tailScale: scale }
}

function neighboursFile (rows: SparseRows, config: RecencyConfig): Neighbours {
  return { weighting: 'binary', topK: config.topK, minSupport: config.minSupport, popularityDamping: 0, ...rows }
}

interface BuildTimings { matrixMs: number, datesMs: number, gramMs: number, solveMs: number, rowsMs: number, tailMs: number }

/**
 * The whole build from a table, as the trainer would run it with a `halfLife` option: what the
 * cost job measures, and (at halfLife ∞) what the equivalence check compares with buildEaseNeighbours.
 */
function buildRecencyEase (aggregates: TransactionAggregates, built: BuiltCatalogue, config: RecencyConfig): { neighbours: Neighbours, lambdaEff: number, timings: BuildTimings } {
  let started = performance.now()
  const products = built.catalogue.products.length
  const { columnOf, recommendable } = recommendableColumns(aggregates, built)
  const matrix = buildPurchaseMatrix(aggregates, columnOf, products)
  const columns = purchaseColumns(matrix)
  const dense = selectDenseProducts(matrix, config.maxDenseProducts)
  const matrixMs = performance.now() - started
  started = performance.now()
  const weights = decayWeights(matrix, config.halfLifeDays)
  const datesMs = performance.now() - started
  started = performance.now()
  let gram: Float64Array
  let counts: Float64Array
  if (config.halfLifeDays === null) {
    counts = denseGram(matrix, columns, dense)
    gram = counts
  } else {
    const grams = denseGrams(matrix, columns, dense, weights)
    counts = grams.counts
    gram = grams.weighted ?? grams.counts
  }
  const gramMs = performance.now() - started
  started = performance.now()
  const { solution, lambdaEff } = solveWeighted(gram, counts, dense, config.lambda)
  const solveMs = performance.now() - started
  started = performance.now()
  const rows = easeRows(solution, products, config.topK, config.minSupport)
  const rowsMs = performance.now() - started
  started = performance.now()
  const tailWeights = config.scope === 'all' ? weights : new Float64Array(matrix.product.length).fill(1)
  const merged = withTail(rows, () => weightedCosineRows(matrix, columns, tailWeights, recommendable, config.topK, config.minSupport), dense, columnCounts(matrix))
  const tailMs = performance.now() - started
  return { neighbours: neighboursFile(merged.rows, config), lambdaEff, timings: { matrixMs, datesMs, gramMs, solveMs, rowsMs, tailMs } }
}

// ---- scoring through the service's answer path ----------------------------------------------
interface Score {
  config: RecencyConfig | 'popular' | 'cosine'
  label: string
  customers: number
  at10: RankingMetrics
  at5: RankingMetrics
  coverage: number
  ms: number
  lambdaEff?: number
  tailScale?: number
}

function score (context: EvaluationContext, config: Score['config'], index: RecommendIndex | null, started: number): Score {
  const metrics = new MetricsAccumulator([10, 5])
  for (const c of context.cases) {
    const items = index === null
      ? recommendPopular(context.built.catalogue.popularity, c.history, LIST_LENGTH)
      : recommendForBasket(index, c.history, { limit: LIST_LENGTH, fill: 'full' }).items.map((item) => item.product)
    metrics.add(items, c.relevant)
  }
  let covered = 0
  for (const p of metrics.recommended) if (context.built.catalogue.products[p]?.recommendable === true) covered++
  return {
    config,
    label: label(config),
    customers: metrics.customers,
    at10: metrics.means(0),
    at5: metrics.means(1),
    coverage: covered / context.built.catalogue.popularity.length,
    ms: performance.now() - started
  }
}

/** One window's models, the matrix, its dates and the binary counts built once for every configuration. */
class Trial {
  readonly results: Score[] = []
  private readonly context: EvaluationContext
  private readonly log: (s: Score) => void
  private readonly matrix: PurchaseMatrix
  private readonly columns: PurchaseColumns
  private readonly customers: Int32Array
  private readonly recommendable: number
  private readonly denseCache = new Map<number, { dense: DenseProducts, counts: Float64Array }>()
  private readonly binaryTail = new Map<string, SparseRows>()

  constructor (context: EvaluationContext, log: (s: Score) => void) {
    this.context = context
    this.log = log
    const { columnOf, recommendable } = recommendableColumns(context.split.train, context.built)
    this.recommendable = recommendable
    this.matrix = buildPurchaseMatrix(context.split.train, columnOf, context.built.catalogue.products.length)
    this.columns = purchaseColumns(this.matrix)
    this.customers = columnCounts(this.matrix)
  }

  private record (s: Score): Score {
    this.results.push(s)
    this.log(s)
    return s
  }

  private index (neighbours: Neighbours): RecommendIndex {
    return buildRecommendIndex(neighbours, this.context.built.catalogue)
  }

  popular (): Score { return this.record(score(this.context, 'popular', null, performance.now())) }

  cosine (): Score {
    const started = performance.now()
    const rows = weightedCosineRows(this.matrix, this.columns, new Float64Array(this.matrix.product.length).fill(1), this.recommendable, TODAY_COSINE.topK, TODAY_COSINE.minSupport)
    return this.record(score(this.context, 'cosine', this.index({ weighting: 'binary', popularityDamping: 0, ...TODAY_COSINE, ...rows }), started))
  }

  private denseFor (maxDense: number): { dense: DenseProducts, counts: Float64Array } {
    let entry = this.denseCache.get(maxDense)
    if (entry === undefined) {
      const dense = selectDenseProducts(this.matrix, maxDense)
      entry = { dense, counts: denseGram(this.matrix, this.columns, dense) }
      this.denseCache.set(maxDense, entry)
    }
    return entry
  }

  /**
   * Every configuration in `configs` (they may differ in halfLife, λ, minSupport, scope; topK and
   * the dense size as given): one weighted Gram per halfLife, one solve per (halfLife, λ).
   */
  runAll (configs: RecencyConfig[]): Score[] {
    const out: Score[] = []
    const byHalfLife = new Map<string, RecencyConfig[]>()
    for (const c of configs) {
      const k = `${c.halfLifeDays ?? 'inf'}/${c.maxDenseProducts}`
      byHalfLife.set(k, [...(byHalfLife.get(k) ?? []), c])
    }
    for (const group of byHalfLife.values()) {
      const { halfLifeDays, maxDenseProducts } = group[0]
      const { dense, counts } = this.denseFor(maxDenseProducts)
      const weights = decayWeights(this.matrix, halfLifeDays)
      const gram = halfLifeDays === null ? counts : (denseGrams(this.matrix, this.columns, dense, weights).weighted ?? counts)
      const decayedTail = new Map<string, SparseRows>()
      for (const lambda of [...new Set(group.map((c) => c.lambda))]) {
        const solveStarted = performance.now()
        const { solution, lambdaEff } = solveWeighted(gram, counts, dense, lambda)
        const solveMs = performance.now() - solveStarted
        for (const config of group.filter((c) => c.lambda === lambda)) {
          const started = performance.now() - solveMs
          const rows = easeRows(solution, this.matrix.products, config.topK, config.minSupport)
          const tk = `${config.topK}/${config.minSupport}`
          const cache = config.scope === 'all' ? decayedTail : this.binaryTail
          const tail = (): SparseRows => {
            let t = cache.get(tk)
            if (t === undefined) {
              const tailWeights = config.scope === 'all' ? weights : new Float64Array(this.matrix.product.length).fill(1)
              t = weightedCosineRows(this.matrix, this.columns, tailWeights, this.recommendable, config.topK, config.minSupport)
              cache.set(tk, t)
            }
            return t
          }
          const merged = withTail(rows, tail, dense, this.customers)
          const s = score(this.context, config, this.index(neighboursFile(merged.rows, config)), started)
          s.lambdaEff = lambdaEff
          s.tailScale = merged.tailScale
          out.push(this.record(s))
        }
      }
    }
    return out
  }
}

// ---- the choice -------------------------------------------------------------------------------
interface DataSetRun {
  input: string
  name: string
  loadMs: number
  windows: { validationCutoff: string, testCutoff: string }
  setup: { validation: EvaluationContext['setup'], test: EvaluationContext['setup'] }
  validation: Score[]
  test: Score[]
}

function find (scores: Score[], config: Score['config']): Score | undefined {
  return scores.find((s) => (typeof config === 'string' || typeof s.config === 'string' ? s.config === config : key(s.config) === key(config)))
}

function attainmentOn (scores: Score[], config: RecencyConfig): number | null {
  const result = find(scores, config)
  const popular = find(scores, 'popular')
  const today = find(scores, 'cosine')
  if (result === undefined || popular === undefined || today === undefined) return null
  return (result.at10.hitRate / popular.at10.hitRate / TARGET_HR_VS_POPULAR + result.at10.ndcg / today.at10.ndcg / TARGET_NDCG_VS_DEFAULTS) / 2
}

/** Mean over the data sets of the configuration's validation attainment. */
function attainment (runs: DataSetRun[], config: RecencyConfig): number | null {
  let sum = 0
  for (const run of runs) {
    const a = attainmentOn(run.validation, config)
    if (a === null) return null
    sum += a
  }
  return sum / runs.length
}

function best (runs: DataSetRun[], configs: RecencyConfig[]): { config: RecencyConfig, attainment: number } {
  let chosen: { config: RecencyConfig, attainment: number } | null = null
  for (const config of configs) {
    const value = attainment(runs, config)
    if (value !== null && (chosen === null || value > chosen.attainment)) chosen = { config, attainment: value }
  }
  if (chosen === null) throw new Error('no configuration was scored on every data set')
  return chosen
}

// ---- cost, in a child process per data set ----------------------------------------------------
interface CostJob { input: string, config: RecencyConfig }
interface CostSample { cpuMs: number, wallMs: number }
interface Cost {
  input: string
  config: RecencyConfig
  baseline: CostSample[]
  decayed: CostSample[]
  decayedTimings: BuildTimings
  lambdaEff: number
}

async function measureCost (job: CostJob): Promise<Cost> {
  const { aggregates } = await loadCleanTransactions({ input: job.input })
  const built = buildCatalogue(aggregates)
  const measure = (build: () => void): CostSample => {
    globalThis.gc?.()
    const cpu = process.cpuUsage()
    const started = performance.now()
    build()
    const wallMs = performance.now() - started
    const used = process.cpuUsage(cpu)
    return { cpuMs: (used.user + used.system) / 1000, wallMs }
  }
  const baseline: CostSample[] = []
  const decayed: CostSample[] = []
  let last: ReturnType<typeof buildRecencyEase> | null = null
  for (let i = 0; i < COST_REPEATS; i++) {
    baseline.push(measure(() => { buildEaseNeighbours(aggregates, built, EASE_WITHOUT_DECAY) }))
    decayed.push(measure(() => { last = buildRecencyEase(aggregates, built, job.config) }))
  }
  const result = last as unknown as ReturnType<typeof buildRecencyEase>
  return { input: job.input, config: job.config, baseline, decayed, decayedTimings: result.timings, lambdaEff: result.lambdaEff }
}

function costInChild (job: CostJob): Cost {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--cost-job', JSON.stringify(job)],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
  if (child.status !== 0) throw new Error(`cost child failed (${child.status}): ${child.stderr}`)
  return JSON.parse(child.stdout) as Cost
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}

// ---- the equivalence check --------------------------------------------------------------------
function sameRows (a: Neighbours, b: Neighbours): boolean {
  const eq = (x: ArrayLike<number>, y: ArrayLike<number>): boolean => x.length === y.length && Array.from(x).every((v, i) => v === y[i])
  return eq(a.offsets, b.offsets) && eq(a.neighbour, b.neighbour) && eq(a.score, b.score) && eq(a.sharedCustomers, b.sharedCustomers)
}

// ---- main -----------------------------------------------------------------------------------
interface SearchRecord {
  command: string
  startedAt: string
  machine: ReturnType<typeof describeMachine>
  grid: Grid
  pick: RecencyConfig
  pickAttainment: number
  baselineAttainment: number
  halfLifePicks: Array<{ halfLifeDays: number | null, config: RecencyConfig, attainment: number }>
  runs: DataSetRun[]
  costs: Cost[]
  totalMs: number
}

async function main (): Promise<void> {
  const { values } = parseArgs({
    options: { input: { type: 'string', multiple: true }, quick: { type: 'boolean', default: false }, from: { type: 'string' }, 'cost-job': { type: 'string' } }
  })
  if (values.from !== undefined) {
    console.log(render(JSON.parse(readFileSync(values.from, 'utf8')) as SearchRecord))
    return
  }
  if (values['cost-job'] !== undefined) {
    process.stdout.write(JSON.stringify(await measureCost(JSON.parse(values['cost-job']) as CostJob)))
    return
  }
  const grid = values.quick === true ? QUICK_GRID : FULL_GRID
  const inputs = values.input ?? DEFAULT_INPUTS.filter((file) => existsSync(file))
  const startedAt = new Date().toISOString()
  const machine = describeMachine()
  const t0 = performance.now()
  const progress = (line: string): void => {
    const s = Math.round((performance.now() - t0) / 1000)
    process.stderr.write(`[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}] ${line}\n`)
  }
  progress(`recency search on ${inputs.join(', ')} (${values.quick === true ? 'quick' : 'full'} grid); ${formatMachine(machine)}`)
  const configs = gridConfigs(grid)
  const line = (name: string, what: string) => (s: Score) => progress(`${name} ${what}: ${s.label}: HR@10 ${f4(s.at10.hitRate)} NDCG@10 ${f4(s.at10.ndcg)} (${(s.ms / 1000).toFixed(2)} s)`)

  const runs: DataSetRun[] = []
  const contexts = new Map<string, EvaluationContext>()
  for (const input of inputs) {
    const name = input.split('/').pop() ?? input
    const loadStarted = performance.now()
    const { table } = await loadCleanTransactions({ input })
    const windows = prepareWindows(table)
    const loadMs = performance.now() - loadStarted
    contexts.set(input, windows.test)
    progress(`${name}: ${formatCount(table.length)} rows; validation ${new Date(windows.windows.validationCutoff).toISOString().slice(0, 10)} → test ${new Date(windows.windows.testCutoff).toISOString().slice(0, 10)} (${(loadMs / 1000).toFixed(1)} s)`)

    // halfLife ∞ through this file's builder must be the trainer's EASE, bit for bit
    const { train } = windows.validation.split
    if (!sameRows(buildRecencyEase(train, windows.validation.built, BASELINE).neighbours, buildEaseNeighbours(train, windows.validation.built, EASE_WITHOUT_DECAY).neighbours)) {
      throw new Error(`${name}: halfLife ∞ does not reproduce buildEaseNeighbours`)
    }
    progress(`${name}: check passed — halfLife ∞ reproduces buildEaseNeighbours exactly`)

    const trial = new Trial(windows.validation, line(name, 'validation'))
    trial.popular()
    trial.cosine()
    trial.runAll(configs)
    runs.push({
      input,
      name,
      loadMs,
      windows: { validationCutoff: new Date(windows.windows.validationCutoff).toISOString(), testCutoff: new Date(windows.windows.testCutoff).toISOString() },
      setup: { validation: windows.validation.setup, test: windows.test.setup },
      validation: trial.results,
      test: []
    })
  }

  const chosen = best(runs, configs)
  const baselineAttainment = attainment(runs, BASELINE) ?? Number.NaN
  const halfLifePicks = grid.halfLives.map((h) => {
    const b = best(runs, configs.filter((c) => c.halfLifeDays === h))
    return { halfLifeDays: h, config: b.config, attainment: b.attainment }
  })
  progress(`chosen on validation: ${label(chosen.config)} (attainment ${chosen.attainment.toFixed(4)}; today's EASE ${baselineAttainment.toFixed(4)})`)

  // TEST: scored once, never fed back
  for (const run of runs) {
    const trial = new Trial(contexts.get(run.input) as EvaluationContext, line(run.name, 'TEST'))
    trial.popular()
    trial.cosine()
    const seen = new Set<string>()
    const testConfigs = [BASELINE, chosen.config, ...halfLifePicks.map((p) => p.config)].filter((c) => {
      if (seen.has(key(c))) return false
      seen.add(key(c))
      return true
    })
    trial.runAll(testConfigs)
    run.test = trial.results
  }

  const costs: Cost[] = []
  for (const run of runs) {
    const cost = costInChild({ input: run.input, config: chosen.config })
    costs.push(cost)
    progress(`${run.name} cost (whole file, median of ${COST_REPEATS}): today's EASE ${(median(cost.baseline.map((s) => s.cpuMs)) / 1000).toFixed(2)} s CPU, ` +
      `decayed ${(median(cost.decayed.map((s) => s.cpuMs)) / 1000).toFixed(2)} s CPU`)
  }

  const record: SearchRecord = {
    command: `node --import tsx bench/recency-search.ts ${process.argv.slice(2).join(' ')}`.trim(),
    startedAt,
    machine,
    grid,
    pick: chosen.config,
    pickAttainment: chosen.attainment,
    baselineAttainment,
    halfLifePicks,
    runs,
    costs,
    totalMs: performance.now() - t0
  }
  await saveResults('recency-search', startedAt, record)
  console.log(render(record))
}

// ---- output -------------------------------------------------------------------------------------
const f4 = (x: number): string => x.toFixed(4)

const HEADERS = ['method / settings', 'λ_eff', 'customers', 'HR@10', 'vs popular', 'NDCG@10', 'vs today', 'P@10', 'R@10', 'HR@5', 'coverage', 'attainment', 'time']

function rows (scores: Score[], attain: (s: Score) => number | null): string[][] {
  const popular = find(scores, 'popular') as Score
  const today = find(scores, 'cosine') as Score
  return scores.map((s) => {
    const a = attain(s)
    return [
      s.label, s.lambdaEff === undefined ? '–' : s.lambdaEff.toPrecision(3), formatCount(s.customers), f4(s.at10.hitRate), (s.at10.hitRate / popular.at10.hitRate).toFixed(3) + '×',
      f4(s.at10.ndcg), s.config === 'popular' ? '–' : `${((s.at10.ndcg / today.at10.ndcg - 1) * 100).toFixed(1)} %`,
      f4(s.at10.precision), f4(s.at10.recall), f4(s.at5.hitRate), s.coverage.toFixed(3), a === null ? '–' : a.toFixed(3), `${(s.ms / 1000).toFixed(2)} s`
    ]
  })
}

function render (record: SearchRecord): string {
  const { runs, pick, costs } = record
  const out: string[] = []
  out.push(`Produced by \`${record.command}\` on ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC; ${formatMachine(record.machine)}; ${(record.totalMs / 60000).toFixed(1)} min in all.`)
  const busy = busyMachineNote(record.machine)
  if (busy !== null) out.push('', busy)
  out.push('', `Grid on the validation windows: halfLife ${record.grid.halfLives.map(halfLifeLabel).join(', ')} × λ ${record.grid.lambdas.join(', ')} × minSupport ${record.grid.minSupports.join(', ')} × ` +
    `decay in ${record.grid.scopes.map((s) => (s === 'all' ? 'EASE + tail' : 'EASE only')).join(' / ')}; topK ${EASE_WITHOUT_DECAY.topK}, dense ${EASE_WITHOUT_DECAY.maxDenseProducts}.`)
  out.push('', `**Chosen on the validation windows**: **${label(pick)}** (mean attainment ${record.pickAttainment.toFixed(4)}; today's EASE default, no decay: ${record.baselineAttainment.toFixed(4)}; 1 = both targets exactly met).`)

  // summary
  const summary: string[][] = []
  for (const run of runs) {
    for (const [window, scores] of [['validation', run.validation], ['TEST', run.test]] as const) {
      const popular = find(scores, 'popular') as Score
      const today = find(scores, 'cosine') as Score
      for (const config of [BASELINE, pick]) {
        const s = find(scores, config)
        if (s === undefined) continue
        summary.push([run.name, window, config === BASELINE ? 'today\'s EASE (no decay)' : 'pick (decayed)', label(config), f4(s.at10.hitRate),
          (s.at10.hitRate / popular.at10.hitRate).toFixed(4) + '×', f4(s.at10.ndcg), `${((s.at10.ndcg / today.at10.ndcg - 1) * 100).toFixed(1)} %`])
      }
    }
  }
  out.push('', '### Summary', '', markdownTable(['data set', 'window', 'model', 'settings', 'HR@10', 'vs popular (target 1.6×)', 'NDCG@10', 'vs today\'s cosine (target +5 %)'], summary,
    ['left', 'left', 'left', 'left', 'right', 'right', 'right', 'right']))

  // attainment grid: halfLife × λ, best over minSupport and scope
  const lambdas = record.grid.lambdas
  const configsOf = (scores: Score[]): RecencyConfig[] => scores.flatMap((s) => (typeof s.config === 'string' ? [] : [s.config]))
  const all = configsOf(runs[0]?.validation ?? [])
  out.push('', '### Validation attainment, mean over the data sets (best minSupport and scope per cell)', '')
  out.push(markdownTable(['halfLife', ...lambdas.map((l) => `λ ${l}`)], record.grid.halfLives.map((h) => [halfLifeLabel(h), ...lambdas.map((l) => {
    const cands = all.filter((c) => c.halfLifeDays === h && c.lambda === l)
    if (cands.length === 0) return '–'
    return best(runs, cands).attainment.toFixed(4)
  })])))

  for (const run of runs) {
    const v = run.setup.validation
    out.push('', `### ${run.name}: validation window (${run.windows.validationCutoff.slice(0, 10)} → ${run.windows.testCutoff.slice(0, 10)}, trained on ${formatCount(v.trainRows)} rows before it, ${formatCount(v.customersEvaluated)} customers)`, '')
    const shown: Score[] = [find(run.validation, 'popular') as Score, find(run.validation, 'cosine') as Score]
    const add = (s: Score | undefined): void => { if (s !== undefined && !shown.includes(s)) shown.push(s) }
    add(find(run.validation, BASELINE))
    add(find(run.validation, pick))
    // each halfLife × scope at its best λ and minSupport (by the joint rule)
    for (const h of record.grid.halfLives) {
      for (const scope of h === null ? ['none' as const] : record.grid.scopes) {
        const cands = all.filter((c) => c.halfLifeDays === h && c.scope === scope)
        if (cands.length > 0) add(find(run.validation, best(runs, cands).config))
      }
    }
    out.push(markdownTable(HEADERS, rows(shown, (s) => (typeof s.config === 'string' ? null : attainmentOn(run.validation, s.config)))))
  }
  for (const run of runs) {
    const t = run.setup.test
    out.push('', `### ${run.name}: TEST window (${run.windows.testCutoff.slice(0, 10)} → end, trained on ${formatCount(t.trainRows)} rows before it, ${formatCount(t.customersEvaluated)} customers)`, '')
    out.push('Rows after the pick: each halfLife\'s own validation pick, for information only (not a choice).', '')
    out.push(markdownTable(HEADERS, rows(run.test, (s) => (typeof s.config === 'string' ? null : attainmentOn(run.test, s.config)))))
    const popular = find(run.test, 'popular') as Score
    const chosen = find(run.test, pick)
    if (chosen !== undefined) {
      const hr = chosen.at10.hitRate / popular.at10.hitRate
      const hits = (x: Score): string => formatCount(Math.round(x.at10.hitRate * x.customers))
      out.push('', `Pick on TEST: HR@10 ${f4(chosen.at10.hitRate)} (${hits(chosen)} of ${formatCount(chosen.customers)} customers hit, most-popular ${hits(popular)}) = ${hr.toFixed(4)}× most-popular (target 1.6: ${hr >= TARGET_HR_VS_POPULAR ? 'met' : 'NOT met'}).`)
    }
  }
  out.push('', `### CPU of the neighbour build on the whole file (median of ${COST_REPEATS}, alternated in one child process per data set)`, '')
  out.push(markdownTable(['data set', 'today\'s EASE (buildEaseNeighbours)', 'pick', 'extra CPU', 'pick: matrix + dates + Gram (weighted and counts) + solve + rows + tail, wall', 'λ_eff'],
    costs.map((c) => {
      const b = median(c.baseline.map((s) => s.cpuMs))
      const d = median(c.decayed.map((s) => s.cpuMs))
      const tm = c.decayedTimings
      return [c.input.split('/').pop() ?? '', `${(b / 1000).toFixed(2)} s`, `${(d / 1000).toFixed(2)} s`, `${((d - b) / 1000).toFixed(2)} s (${((d / b - 1) * 100).toFixed(0)} %)`,
        [tm.matrixMs, tm.datesMs, tm.gramMs, tm.solveMs, tm.rowsMs, tm.tailMs].map((ms) => (ms / 1000).toFixed(2)).join(' + ') + ' s', c.lambdaEff.toPrecision(4)]
    }), ['left', 'right', 'right', 'right', 'right', 'right']))
  return out.join('\n')
}

await main()
