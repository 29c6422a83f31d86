// Small, internally consistent model versions for service tests, published through the real
// artifact contract (publishVersion), so every test loads them the way the service loads the
// trainer's output. Products and customers are real rows of the UCI Online Retail data.
//
// Catalogue (index: code): 0 85123A, 1 71053, 2 84406B, 3 22423, 4 22720, 5 84879,
// 6 23166 (recommendable, no neighbours: the popularity fallback), 7 POST (not recommendable).
// Co-purchase clusters: {85123A, 71053, 84406B} and {22423, 22720}, linked through 84879.
// Each customer's purchases (purchases.json, FIXTURE_PURCHASES) are catalogue indices.
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  MODEL_FILES, encodeModelFiles, publishVersion, setLatest,
  type Catalogue, type Customers, type Purchases, type EvaluationReport, type ManifestDraft, type MethodEvaluation, type Neighbours, type PublishedVersion,
  type Segment, type SegmentModel, type TrainingOptions
} from '../../lib/artifacts/index.js'

export interface FixtureProduct { code: string, description: string, customers: number, quantity: number, recommendable: boolean }

export const FIXTURE_PRODUCTS: readonly FixtureProduct[] = [
  { code: '85123A', description: 'WHITE HANGING HEART T-LIGHT HOLDER', customers: 50, quantity: 1000, recommendable: true },
  { code: '71053', description: 'WHITE METAL LANTERN', customers: 30, quantity: 400, recommendable: true },
  { code: '84406B', description: 'CREAM CUPID HEARTS COAT HANGER', customers: 25, quantity: 300, recommendable: true },
  { code: '22423', description: 'REGENCY CAKESTAND 3 TIER', customers: 40, quantity: 600, recommendable: true },
  { code: '22720', description: 'SET OF 3 CAKE TINS PANTRY DESIGN', customers: 20, quantity: 200, recommendable: true },
  { code: '84879', description: 'ASSORTED COLOUR BIRD ORNAMENT', customers: 35, quantity: 900, recommendable: true },
  { code: '23166', description: 'MEDIUM CERAMIC TOP STORAGE JAR', customers: 3, quantity: 10, recommendable: true },
  { code: 'POST', description: 'POSTAGE', customers: 15, quantity: 40, recommendable: false }
]

/** neighbours of each product (catalogue index → [neighbour index, score, shared customers]), best first */
export const FIXTURE_NEIGHBOURS: ReadonlyArray<ReadonlyArray<readonly [number, number, number]>> = [
  [[1, 0.62, 12], [2, 0.48, 9], [5, 0.31, 6]],
  [[0, 0.62, 12], [2, 0.40, 7]],
  [[0, 0.48, 9], [1, 0.40, 7]],
  [[4, 0.55, 10], [5, 0.22, 4]],
  [[3, 0.55, 10]],
  [[0, 0.31, 6], [3, 0.22, 4]],
  [],
  []
]

interface SegmentSeed { label: string, description: string, action: string, centroid: { recency: number, frequency: number, monetary: number } }

export const FIXTURE_SEGMENT_SEEDS: readonly SegmentSeed[] = [
  { label: 'High-Value', description: 'Recent, frequent, high-spending customers', action: 'Reward and retain: early access, loyalty perks', centroid: { recency: 8, frequency: 14, monetary: 6200 } },
  { label: 'Regular', description: 'Steady customers with moderate spend', action: 'Cross-sell with recommendations', centroid: { recency: 45, frequency: 4, monetary: 1100 } },
  { label: 'At-Risk', description: 'Have not bought for a long time, bought little', action: 'Win back with a targeted offer', centroid: { recency: 240, frequency: 1.5, monetary: 260 } }
]

export const FIXTURE_CUSTOMERS: ReadonlyArray<{ id: string, recency: number, frequency: number, monetary: number }> = [
  { id: '12347', recency: 2, frequency: 7, monetary: 4310 },
  { id: '14646', recency: 1, frequency: 73, monetary: 279489.02 },
  { id: '17850', recency: 12, frequency: 34, monetary: 5391.21 },
  { id: '12348', recency: 75, frequency: 4, monetary: 1797.24 },
  { id: '12352', recency: 36, frequency: 8, monetary: 2506.04 },
  { id: '12356', recency: 23, frequency: 3, monetary: 2811.43 },
  { id: '13047', recency: 31, frequency: 10, monetary: 3237.54 },
  { id: '12346', recency: 326, frequency: 1, monetary: 77183.6 },
  { id: '12353', recency: 204, frequency: 1, monetary: 89 },
  { id: '12361', recency: 287, frequency: 1, monetary: 189.9 },
  { id: '12365', recency: 291, frequency: 2, monetary: 641.38 },
  { id: '13089', recency: 3, frequency: 97, monetary: 58825.83 }
]

/**
 * Distinct products each fixture customer bought (catalogue indices, ascending), by customer id:
 * a history in one cluster, across both, one with no co-purchase data (23166), postage only, and
 * every recommendable product but 23166.
 */
export const FIXTURE_PURCHASES: Readonly<Record<string, readonly number[]>> = {
  12347: [0, 3],
  14646: [0, 1, 2, 3, 4, 5, 7],
  17850: [6],
  12348: [4, 7],
  12352: [0, 1],
  12356: [3, 4],
  13047: [1, 2, 5],
  12346: [7],
  12353: [0],
  12361: [2],
  12365: [5, 6],
  13089: [0, 1, 2, 3, 4]
}

const FEATURES = ['recency', 'frequency', 'monetary'] as const

function scaled (rfm: { recency: number, frequency: number, monetary: number }, mean: number[], std: number[]): number[] {
  return FEATURES.map((feature, i) => (Math.log1p(rfm[feature]) - mean[i]) / std[i])
}

function nearest (point: number[], centroids: number[][]): number {
  let best = 0
  let bestDistance = Infinity
  centroids.forEach((centroid, id) => {
    const distance = centroid.reduce((sum, c, i) => sum + (c - point[i]) ** 2, 0)
    if (distance < bestDistance) { best = id; bestDistance = distance }
  })
  return best
}

/** The model files of the fixture; `variant` changes scores slightly, so each variant has its own content hash. */
export function fixtureModelFiles (variant = 0): { segments: SegmentModel, neighbours: Neighbours, catalogue: Catalogue, customers: Customers, purchases: Purchases } {
  const logs = FIXTURE_CUSTOMERS.map((c) => FEATURES.map((f) => Math.log1p(c[f])))
  const mean = FEATURES.map((_, i) => logs.reduce((sum, row) => sum + row[i], 0) / logs.length)
  const std = FEATURES.map((_, i) => Math.sqrt(logs.reduce((sum, row) => sum + (row[i] - mean[i]) ** 2, 0) / logs.length))
  const centroidsScaled = FIXTURE_SEGMENT_SEEDS.map((seed) => scaled(seed.centroid, mean, std))
  const assigned = FIXTURE_CUSTOMERS.map((c) => nearest(scaled(c, mean, std), centroidsScaled))
  const sizes = FIXTURE_SEGMENT_SEEDS.map((_, id) => assigned.filter((s) => s === id).length)

  const segments: Segment[] = FIXTURE_SEGMENT_SEEDS.map((seed, id) => ({
    id,
    label: seed.label,
    description: seed.description,
    action: seed.action,
    size: sizes[id],
    share: sizes[id] / FIXTURE_CUSTOMERS.length,
    centroidScaled: centroidsScaled[id],
    centroid: { ...seed.centroid }
  }))

  const offsets = [0]
  const neighbour: number[] = []
  const score: number[] = []
  const sharedCustomers: number[] = []
  for (const list of FIXTURE_NEIGHBOURS) {
    for (const [index, s, shared] of list) {
      neighbour.push(index)
      score.push(Math.round(s * (1 - variant * 0.001) * 1e6) / 1e6)
      sharedCustomers.push(shared)
    }
    offsets.push(neighbour.length)
  }

  const popularity = FIXTURE_PRODUCTS
    .map((product, index) => ({ product, index }))
    .filter(({ product }) => product.recommendable)
    .sort((a, b) => b.product.customers - a.product.customers || a.index - b.index)
    .map(({ index }) => index)

  return {
    segments: { features: ['recency', 'frequency', 'monetary'], transform: 'log1p', scaler: { mean, std }, segments },
    neighbours: { weighting: 'binary', topK: 20, minSupport: 2, popularityDamping: 0, offsets, neighbour, score, sharedCustomers },
    catalogue: { products: FIXTURE_PRODUCTS.map((p) => ({ ...p })), popularity },
    customers: { customers: FIXTURE_CUSTOMERS.map((c, i) => ({ ...c, segment: assigned[i] })) },
    purchases: purchasesOf(FIXTURE_CUSTOMERS.map((c) => FIXTURE_PURCHASES[c.id]))
  }
}

function purchasesOf (rows: ReadonlyArray<readonly number[]>): Purchases {
  const offsets = [0]
  const products: number[] = []
  for (const row of rows) {
    products.push(...row)
    offsets.push(products.length)
  }
  return { offsets, products }
}

/** The options a fixture version says it was trained with (the trainer's defaults, k = 3, minSupport 2). */
export const FIXTURE_TRAINING_OPTIONS: TrainingOptions = {
  maxMalformedShare: 0.01,
  nonProductCodes: ['POST', 'DOT', 'C2', 'M', 'D', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'PADS'],
  nonProductPrefixes: ['GIFT_0001_'],
  k: 3,
  transform: 'log1p',
  seed: 42,
  nInit: 10,
  asOf: null,
  topK: 20,
  minSupport: 2,
  weighting: 'binary',
  popularityDamping: 0,
  evaluate: false,
  evaluationDays: 90
}

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> | null } : T

function method (name: MethodEvaluation['method'], hitRate: number): MethodEvaluation {
  const at = (share: number): MethodEvaluation['at10'] => ({ hitRate: share, precision: share / 5, recall: share / 10, ndcg: share / 4, map: share / 8 })
  return { method: name, options: null, customers: 40, at10: at(hitRate), at5: at(hitRate * 0.7), coverage: 0.5, ms: 12 }
}

/** A complete evaluation report (what `--evaluate` writes), with anything in `overrides` merged in. */
export function fixtureEvaluationReport (overrides: DeepPartial<EvaluationReport> = {}): EvaluationReport {
  const model = { ...method('item-knn', 0.3), options: { weighting: 'binary', topK: 20, minSupport: 2, popularityDamping: 0 } } satisfies MethodEvaluation
  const report: EvaluationReport = {
    setup: {
      cutoff: '2011-09-10T12:50:00.000Z',
      evaluationDays: 90,
      trainRows: 80,
      testRows: 23,
      recommendableProducts: 7,
      customersWithTestPurchases: 10,
      customersWithoutHistory: 2,
      customersOnlyRepeats: 1,
      customersEvaluated: 7,
      meanHistory: 3.5,
      meanRelevant: 1.5
    },
    model,
    baselines: { mostPopular: method('most-popular', 0.2), original: method('original', 0.1) },
    target: { ratioVsMostPopular: 1.5, required: 1.5, meetsRatio: true, beatsOriginal: true }
  }
  return merged(report, overrides) as EvaluationReport
}

function merged (base: unknown, overrides: unknown): unknown {
  if (overrides === undefined) return base
  if (typeof base !== 'object' || base === null || typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return overrides
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(overrides)) result[key] = merged(result[key], value)
  return result
}

export function fixtureManifestDraft (model = fixtureModelFiles(), evaluation?: DeepPartial<EvaluationReport>): ManifestDraft {
  const sizes = model.segments.segments.map((s) => s.size)
  const draft: ManifestDraft = {
    trainer: { name: 'shopper-spectrum-test-fixture', version: '0.0.0', node: process.version },
    input: { fileName: 'fixture.csv', bytes: 1234, sha256: '0'.repeat(64), gzip: false, format: 'online-retail', rowsRead: 120 },
    options: FIXTURE_TRAINING_OPTIONS,
    snapshotDate: '2011-12-10T00:00:00.000Z',
    cleaning: {
      rowsRead: 120,
      malformedRows: 0,
      malformedExamples: [],
      dropped: { missingCustomer: 10, cancelled: 4, nonPositiveQuantity: 2, nonPositivePrice: 1 },
      rowsKept: 103,
      nonProductRows: 3,
      customers: FIXTURE_CUSTOMERS.length,
      products: FIXTURE_PRODUCTS.length,
      invoices: 40,
      revenue: 12345.67,
      firstInvoiceAt: '2010-12-01T08:26:00.000Z',
      lastInvoiceAt: '2011-12-09T12:50:00.000Z'
    },
    segmentation: {
      k: model.segments.segments.length,
      kSelection: 'fixed',
      sweep: [{ k: 2, inertia: 9.5, silhouette: 0.52 }, { k: 3, inertia: 5.1, silhouette: 0.58 }],
      inertia: 5.1,
      silhouette: 0.58,
      sizes
    },
    recommendations: {
      products: model.catalogue.products.length,
      recommendableProducts: model.catalogue.popularity.length,
      productsWithNeighbours: FIXTURE_NEIGHBOURS.filter((list) => list.length > 0).length,
      neighbourPairs: model.neighbours.neighbour.length
    },
    timings: { totalMs: 1 }
  }
  if (evaluation !== undefined) draft.evaluation = fixtureEvaluationReport(evaluation)
  return draft
}

export interface PublishFixtureOptions {
  /** changes the content (and so the version name's hash) without changing the structure */
  variant?: number
  /** creation time; by default each call is one second later than the previous one, so names sort in call order */
  now?: Date
  /** point LATEST at the new version (default true) */
  updateLatest?: boolean
  /** stored as the manifest's evaluation report, merged over a complete one (fixtureEvaluationReport) */
  evaluation?: DeepPartial<EvaluationReport>
  /** write purchases.json (default true); false: a version as published before the file existed */
  purchases?: boolean
}

let clock = Date.parse('2026-01-01T00:00:00Z')

/** The fixture's model files as the trainer writes them (encodeModelFiles); without purchases: a version as published before the file existed. */
export function fixtureFiles (model = fixtureModelFiles(), purchases = true): Record<string, string | Uint8Array> {
  const { purchases: _purchases, ...withoutPurchases } = model
  return encodeModelFiles(purchases ? model : withoutPurchases)
}

/** Publishes a fixture version into `artifactsDir` through the artifact contract. */
export async function publishFixture (artifactsDir: string, options: PublishFixtureOptions = {}): Promise<PublishedVersion> {
  clock += 1000
  const now = options.now ?? new Date(clock)
  const model = fixtureModelFiles(options.variant ?? 0)
  const files = fixtureFiles(model, options.purchases ?? true)
  return publishVersion(artifactsDir, files, fixtureManifestDraft(model, options.evaluation), {
    now,
    updateLatest: options.updateLatest ?? true
  })
}

export type Corruption = 'truncate' | 'modify' | 'delete' | 'bad-json-manifest'

/** Damages one file of a published version the way disks, copies and people do. */
export async function corruptVersion (artifactsDir: string, version: string, how: Corruption, file: string = MODEL_FILES.neighbours): Promise<void> {
  const target = path.join(artifactsDir, version, how === 'bad-json-manifest' ? 'manifest.json' : file)
  const data = await readFile(target)
  if (how === 'truncate') await writeFile(target, data.subarray(0, Math.floor(data.length / 2)))
  else if (how === 'modify') {
    // one byte changed in the last 8 (a column's data, not the header): only the checksum tells
    data[data.length - 1 - (data.length > 8 ? 3 : 0)] ^= 0x01
    await writeFile(target, data)
  } else if (how === 'delete') await rm(target)
  else await writeFile(target, data.subarray(0, -10))
}

/** Publishes a fixture version, then damages it before anything can read it (LATEST points at it unless told otherwise). */
export async function publishCorruptFixture (artifactsDir: string, how: Corruption, options: PublishFixtureOptions = {}): Promise<PublishedVersion> {
  // publish without moving LATEST, damage it, then move LATEST: a watcher never sees it intact
  const published = await publishFixture(artifactsDir, { ...options, updateLatest: false })
  await corruptVersion(artifactsDir, published.version, how)
  if (options.updateLatest ?? true) await setLatest(artifactsDir, published.version)
  return published
}
