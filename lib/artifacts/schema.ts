// The artifact contract, part 1: what each file of a model version holds.
// The trainer writes these shapes and the service reads them; both import the types from here.
// Bump ARTIFACT_SCHEMA_VERSION on any change a reader of the previous version would misread.
//
// Schema 2 (issue 12): the four large files — customers, purchases, values, neighbours — are
// binary column files (columns.ts, model-files.ts), so a version loads at any size (a JSON
// string stops at ~512 MiB in V8: customers.json stopped near 6.7M customers). The shapes below for
// those files are what the trainer hands to the encoder (encodeModelFiles); what a reader gets
// back are the typed-array tables of model-files.ts. Segments and the catalogue stay JSON (small).
// Schema 1 versions are refused with a reason naming the schema (load.ts): retrain to serve them.
import { Type, type Static, type TSchema } from 'typebox'

export const ARTIFACT_SCHEMA_VERSION = 2

/** Files of a version, in the order they are written; manifest.json is written last. */
export const MODEL_FILES = {
  segments: 'segments.json',
  neighbours: 'neighbours.bin',
  catalogue: 'catalogue.json',
  customers: 'customers.bin'
} as const
/**
 * Model files a version may lack: versions published before the file existed still load and
 * serve everything else (the service answers what needs the file with a clear 404).
 */
export const OPTIONAL_MODEL_FILES = {
  purchases: 'purchases.bin',
  values: 'values.bin'
} as const
/** Optional, human-facing files: checksummed like the others, but not needed to serve. */
export const REPORT_FILE = 'report.html'
export const MANIFEST_FILE = 'manifest.json'

const NonNegativeInt = Type.Integer({ minimum: 0 })
const Finite = Type.Number()
const IsoDate = Type.String({ format: 'date-time' })

export const RfmSchema = Type.Object({
  recency: Type.Number({ minimum: 0, description: 'whole days since the last purchase' }),
  frequency: Type.Number({ minimum: 1, description: 'distinct invoices' }),
  monetary: Type.Number({ minimum: 0, description: 'sum of quantity × unit price' })
})
export type Rfm = Static<typeof RfmSchema>

// ---- segments.json -------------------------------------------------------------------------
export const SegmentSchema = Type.Object({
  id: NonNegativeInt,
  label: Type.String({ minLength: 1 }),
  description: Type.String(),
  action: Type.String({ description: 'suggested action for this segment' }),
  size: NonNegativeInt,
  share: Type.Number({ minimum: 0, maximum: 1 }),
  /** centroid in the scaled (transformed, standardised) space the model classifies in */
  centroidScaled: Type.Array(Finite, { minItems: 3, maxItems: 3 }),
  /** centroid mapped back to RFM units (days, invoices, currency) */
  centroid: RfmSchema
})
export type Segment = Static<typeof SegmentSchema>

export const SegmentModelSchema = Type.Object({
  features: Type.Tuple([Type.Literal('recency'), Type.Literal('frequency'), Type.Literal('monetary')]),
  transform: Type.Union([Type.Literal('log1p'), Type.Literal('none')]),
  scaler: Type.Object({
    mean: Type.Array(Finite, { minItems: 3, maxItems: 3 }),
    std: Type.Array(Type.Number({ exclusiveMinimum: 0 }), { minItems: 3, maxItems: 3 })
  }),
  segments: Type.Array(SegmentSchema, { minItems: 1 })
})
export type SegmentModel = Static<typeof SegmentModelSchema>

// ---- neighbours.bin -----------------------------------------------------------------------
// Compressed sparse rows over catalogue indices: the neighbours of product p are
// neighbour[offsets[p] .. offsets[p+1]), best first. Columnar arrays keep 100k-product
// catalogues small on disk and cheap to load into typed arrays.
export const WeightingSchema = Type.Union([Type.Literal('binary'), Type.Literal('quantity'), Type.Literal('log-quantity')])

/** Recency decay of the purchase matrix: a half-life in days, or none. */
export const HalfLifeSchema = Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Literal('none')])

/** Which similarity learned the weights; versions written before it existed are all 'cosine'. */
export const SimilaritySchema = Type.Union([Type.Literal('cosine'), Type.Literal('bm25'), Type.Literal('ease')])
export type Similarity = Static<typeof SimilaritySchema>

export const NeighboursSchema = Type.Object({
  similarity: Type.Optional(SimilaritySchema),
  weighting: WeightingSchema,
  topK: Type.Integer({ minimum: 1 }),
  minSupport: Type.Integer({ minimum: 1, description: 'minimum shared customers for a pair to count' }),
  popularityDamping: Type.Number({ minimum: 0, description: 'exponent α: score = cosine / (customers_j)^α … 0 = plain cosine' }),
  offsets: Type.Array(NonNegativeInt),
  neighbour: Type.Array(NonNegativeInt),
  score: Type.Array(Finite),
  sharedCustomers: Type.Array(NonNegativeInt)
})
export type Neighbours = Static<typeof NeighboursSchema>

// ---- catalogue.json ------------------------------------------------------------------------
export const ProductSchema = Type.Object({
  code: Type.String({ minLength: 1, description: 'StockCode, trimmed and upper-cased' }),
  description: Type.String(),
  customers: NonNegativeInt,
  quantity: Type.Number(),
  /** false for non-product codes (postage, fees, discounts …): kept for revenue, never recommended */
  recommendable: Type.Boolean()
})
export type Product = Static<typeof ProductSchema>

export const CatalogueSchema = Type.Object({
  products: Type.Array(ProductSchema),
  /** catalogue indices of recommendable products, most distinct customers first */
  popularity: Type.Array(NonNegativeInt)
})
export type Catalogue = Static<typeof CatalogueSchema>

// ---- customers.bin ------------------------------------------------------------------------
export const KnownCustomerSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  recency: Type.Number({ minimum: 0 }),
  frequency: Type.Number({ minimum: 1 }),
  monetary: Type.Number({ minimum: 0 }),
  segment: NonNegativeInt
})
export type KnownCustomer = Static<typeof KnownCustomerSchema>
export const CustomersSchema = Type.Object({ customers: Type.Array(KnownCustomerSchema) })
export type Customers = Static<typeof CustomersSchema>

// ---- purchases.bin (optional) -------------------------------------------------------------
// Each known customer's distinct purchased products, for "recommended for you": rows aligned with
// customers.bin's order — customer i (customers.bin's i-th) bought the ascending catalogue indices
// written as LEB128 varints in bytes[offsets[i] .. offsets[i+1]): the first index, then the gaps
// (≥ 1) to the next (lib/artifacts/purchase-varints.ts; byte offsets uint32, float64 past 2^32).
// This layout replaced uint32 `products` within schema 2: no schema-2 version was ever released,
// so no reader of the old layout exists. What the trainer hands in (PurchasesSchema below) stays
// compressed sparse rows of indices; encodeModelFiles delta-encodes them. The rows are the purchase
// matrix the evaluation builds a customer's history from (trainer/neighbours/purchase-matrix.ts),
// non-product codes included, so the route answers exactly what the evaluation scores.
// A file of its own rather than a field of customers.bin: versions without it still load (a
// field would change customers.bin's schema for every reader), columnar arrays are a few bytes
// per purchase where objects per customer would repeat keys, and the service can index it into
// typed arrays in one pass as it does neighbours.bin.
export const PurchasesSchema = Type.Object({
  offsets: Type.Array(NonNegativeInt),
  products: Type.Array(NonNegativeInt)
})
export type Purchases = Static<typeof PurchasesSchema>

// ---- values.bin (optional) ----------------------------------------------------------------
// What each known customer is worth next (trainer/value): columns aligned with customers.bin's
// order, as purchases.bin is, and a file of its own for the same reasons. Money in cents.
/** 'degenerate': the data could not estimate dropout (trainer/value/models.ts); P(alive) is then not given. */
export const DropoutSchema = Type.Union([Type.Literal('estimated'), Type.Literal('degenerate')])
export type Dropout = Static<typeof DropoutSchema>

export const CustomerValuesSchema = Type.Object({
  /** the days ahead that expectedPurchases and expectedRevenue cover */
  horizonDays: Type.Integer({ minimum: 1 }),
  dropout: DropoutSchema,
  expectedPurchases: Type.Array(Type.Number({ minimum: 0 })),
  /** P(still active), or null when dropout is degenerate */
  pAlive: Type.Union([Type.Array(Type.Number({ minimum: 0, maximum: 1 })), Type.Null()]),
  expectedOrderValue: Type.Array(Type.Number({ minimum: 0 })),
  expectedRevenue: Type.Array(Type.Number({ minimum: 0 }))
})
export type CustomerValues = Static<typeof CustomerValuesSchema>

// ---- manifest.json -------------------------------------------------------------------------
export const FileEntrySchema = Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }), bytes: NonNegativeInt })

export const CleaningReportSchema = Type.Object({
  rowsRead: NonNegativeInt,
  malformedRows: NonNegativeInt,
  /** line numbers (1 = header) of the first malformed rows, with why */
  malformedExamples: Type.Array(Type.Object({ line: NonNegativeInt, reason: Type.String() })),
  dropped: Type.Object({
    missingCustomer: NonNegativeInt,
    cancelled: NonNegativeInt,
    nonPositiveQuantity: NonNegativeInt,
    nonPositivePrice: NonNegativeInt
  }),
  rowsKept: NonNegativeInt,
  nonProductRows: NonNegativeInt,
  customers: NonNegativeInt,
  products: NonNegativeInt,
  invoices: NonNegativeInt,
  revenue: Finite,
  firstInvoiceAt: IsoDate,
  lastInvoiceAt: IsoDate
})
export type CleaningReport = Static<typeof CleaningReportSchema>

export const SweepPointSchema = Type.Object({
  k: Type.Integer({ minimum: 1 }),
  inertia: Finite,
  silhouette: Type.Union([Finite, Type.Null()])
})
export type SweepPoint = Static<typeof SweepPointSchema>

// ---- manifest.json: options -----------------------------------------------------------------
// The options a version was trained with, after defaults. Each is declared by the trainer stage
// that uses it (its option table, trainer/option-table); this is their contract for readers, and
// test/trainer/options.test.ts checks every schema here, bounds included, against the tables. An
// option the trainer adds later is recorded too (additional properties are allowed, so an older
// reader still loads the version) and belongs here once a reader relies on it.
const Share = Type.Number({ minimum: 0, maximum: 1 })

export const TrainingOptionsSchema = Type.Object({
  columns: Type.Optional(Type.Record(Type.String(), Type.String(), { description: 'logical field → CSV column name, when the header was mapped' })),
  maxMalformedShare: Share,
  nonProductCodes: Type.Array(Type.String(), { description: 'stock codes never recommended' }),
  nonProductPrefixes: Type.Array(Type.String(), { description: 'prefixes of code families never recommended' }),
  k: Type.Union([Type.Integer({ minimum: 2 }), Type.Literal('auto')]),
  transform: Type.Union([Type.Literal('log1p'), Type.Literal('none')]),
  seed: Type.Integer(),
  nInit: Type.Integer({ minimum: 1 }),
  // optional: versions trained before the fitting samples existed fitted every customer
  segmentFitSample: Type.Optional(Type.Integer({ minimum: 10 })),
  asOf: Type.Union([IsoDate, Type.Null()], { description: 'the snapshot asked for; null: the day after the last invoice (see snapshotDate)' }),
  // optional: versions trained before the similarity option existed are cosine and lack them
  similarity: Type.Optional(SimilaritySchema),
  easeLambda: Type.Optional(Type.Number({ minimum: 1, maximum: 1e7 })),
  halfLifeDays: Type.Optional(HalfLifeSchema),
  easeProducts: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  topK: Type.Integer({ minimum: 1 }),
  minSupport: Type.Integer({ minimum: 1 }),
  weighting: WeightingSchema,
  popularityDamping: Share,
  evaluate: Type.Boolean(),
  evaluationDays: Type.Integer({ minimum: 1 }),
  // optional: versions trained before the value stage lack it
  valueHorizonDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
  valueFitSample: Type.Optional(Type.Integer({ minimum: 10 })),
  keep: Type.Optional(Type.Integer({ minimum: 1 }))
})
export type TrainingOptions = Static<typeof TrainingOptionsSchema>

// ---- manifest.json: the similarity ----------------------------------------------------------
/** EASE's dense part: over which products the table was learned, and what the rest got. */
export const EaseReportSchema = Type.Object({
  lambda: Type.Number({ exclusiveMinimum: 0 }),
  /** λ as added to XᵀX's diagonal: the option's times the mean decay weight of a purchase */
  lambdaUsed: Type.Number({ exclusiveMinimum: 0 }),
  /** products in the dense solve: the most-bought, at most the easeProducts option */
  denseProducts: NonNegativeInt,
  /** their share of all customer × product purchases */
  denseCellShare: Share,
  /** products with purchases outside the dense set: they got binary cosine rows */
  tailProducts: NonNegativeInt,
  /** the factor the tail's cosines were multiplied by to sit on EASE's scale */
  tailScale: Finite,
  /** bytes of the dense n × n arrays (two; three with decay) */
  denseBytes: NonNegativeInt
})

export const SimilarityReportSchema = Type.Object({
  name: SimilaritySchema,
  halfLifeDays: HalfLifeSchema,
  /** BM25's parameters, for 'bm25' */
  bm25: Type.Optional(Type.Object({ k1: Type.Number({ minimum: 0 }), b: Share, tf: Type.Union([Type.Literal('binary'), Type.Literal('quantity')]) })),
  ease: Type.Optional(EaseReportSchema)
})
export type SimilarityReport = Static<typeof SimilarityReportSchema>

// ---- manifest.json: evaluation --------------------------------------------------------------
// The report of `--evaluate` (trainer/evaluate/evaluate.ts): one chronological split, the model
// and its baselines scored on the same customers.
export const RankingMetricsSchema = Type.Object({
  hitRate: Share,
  precision: Share,
  recall: Share,
  ndcg: Share,
  map: Share
})
export type RankingMetrics = Static<typeof RankingMetricsSchema>

export const NeighbourOptionsSchema = Type.Object({
  // optional: evaluations recorded before the similarity option existed are of cosine
  similarity: Type.Optional(SimilaritySchema),
  easeLambda: Type.Optional(Type.Number({ minimum: 1, maximum: 1e7 })),
  halfLifeDays: Type.Optional(HalfLifeSchema),
  easeProducts: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
  weighting: WeightingSchema,
  topK: Type.Integer({ minimum: 1 }),
  minSupport: Type.Integer({ minimum: 1 }),
  popularityDamping: Share
})
/** Neighbour options as an evaluation recorded them (older versions lack the similarity fields: cosine). */
export type RecordedNeighbourOptions = Static<typeof NeighbourOptionsSchema>

export const MethodNameSchema = Type.Union([Type.Literal('item-knn'), Type.Literal('item-knn-no-fill'), Type.Literal('most-popular'), Type.Literal('original')])
export type MethodName = Static<typeof MethodNameSchema>

export const MethodEvaluationSchema = Type.Object({
  method: MethodNameSchema,
  /** the neighbour options, for item-kNN */
  options: Type.Union([NeighbourOptionsSchema, Type.Null()]),
  customers: NonNegativeInt,
  at10: RankingMetricsSchema,
  at5: RankingMetricsSchema,
  /** share of the training catalogue's recommendable products in at least one customer's top 10 */
  coverage: Share,
  /** wall time: model building (training part) plus recommending for every customer */
  ms: Type.Number({ minimum: 0 })
})
export type MethodEvaluation = Static<typeof MethodEvaluationSchema>

export const EvaluationSetupSchema = Type.Object({
  cutoff: IsoDate,
  /** null when an explicit cutoff was given */
  evaluationDays: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  trainRows: NonNegativeInt,
  testRows: NonNegativeInt,
  /** recommendable products in the catalogue of the training part (coverage's denominator) */
  recommendableProducts: NonNegativeInt,
  customersWithTestPurchases: NonNegativeInt,
  customersWithoutHistory: NonNegativeInt,
  customersOnlyRepeats: NonNegativeInt,
  customersEvaluated: NonNegativeInt,
  /** mean distinct products bought before the cutoff, per evaluated customer */
  meanHistory: Type.Number({ minimum: 0 }),
  /** mean relevant (new, recommendable) products bought from the cutoff on, per evaluated customer */
  meanRelevant: Type.Number({ minimum: 0 })
})
export type EvaluationSetup = Static<typeof EvaluationSetupSchema>

export const EvaluationReportSchema = Type.Object({
  setup: EvaluationSetupSchema,
  /** the model trained with the run's options, served with the popular fill, as the service does */
  model: MethodEvaluationSchema,
  baselines: Type.Union([Type.Object({
    mostPopular: MethodEvaluationSchema,
    original: MethodEvaluationSchema,
    /** the defaults before the similarity option (cosine, minSupport 5, no decay); absent in older versions */
    formerDefaults: Type.Optional(MethodEvaluationSchema)
  }), Type.Null()]),
  /** the targets (hit rate @10 against most-popular's; NDCG @10 against the former defaults'), when baselines ran */
  target: Type.Union([
    Type.Object({
      ratioVsMostPopular: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
      required: Type.Number(),
      meetsRatio: Type.Boolean(),
      beatsOriginal: Type.Boolean(),
      ndcgGainVsFormerDefaults: Type.Optional(Type.Union([Finite, Type.Null()])),
      requiredNdcgGain: Type.Optional(Type.Number()),
      meetsNdcg: Type.Optional(Type.Boolean())
    }),
    Type.Null()
  ])
})
export type EvaluationReport = Static<typeof EvaluationReportSchema>

// ---- manifest.json: customer value ----------------------------------------------------------
// The lifetime-value fit (trainer/value): parameters, the dropout verdict and, with --evaluate,
// how its predictions did on the last horizonDays against the naive baseline.
const Positive = Type.Number({ exclusiveMinimum: 0 })
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

export const ValueErrorMetricsSchema = Type.Object({
  mae: Type.Number({ minimum: 0 }),
  rmse: Type.Number({ minimum: 0 }),
  pearson: Nullable(Finite),
  spearman: Nullable(Finite),
  predictedTotal: Finite,
  actualTotal: Finite
})

export const CalibrationBinSchema = Type.Object({
  from: Type.Number({ minimum: 0, maximum: 1 }),
  to: Type.Number({ minimum: 0, maximum: 1 }),
  customers: NonNegativeInt,
  meanPredicted: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
  /** share of the bin's customers who bought in the test period */
  observed: Nullable(Type.Number({ minimum: 0, maximum: 1 }))
})

const ComparedSchema = Type.Object({ model: ValueErrorMetricsSchema, naive: ValueErrorMetricsSchema })

export const ValueEvaluationSchema = Type.Object({
  cutoff: IsoDate,
  horizonDays: Type.Integer({ minimum: 1 }),
  customers: NonNegativeInt,
  customersWhoBought: NonNegativeInt,
  dropout: DropoutSchema,
  likelihoodRatio: Finite,
  purchases: ComparedSchema,
  revenue: ComparedSchema,
  calibration: Type.Object({ model: Type.Array(CalibrationBinSchema), naive: Type.Array(CalibrationBinSchema) }),
  beatsNaive: Type.Object({ purchasesRmse: Type.Boolean(), purchasesCorrelation: Type.Boolean(), revenueRmse: Type.Boolean(), revenueCorrelation: Type.Boolean() })
})
export type ValueEvaluation = Static<typeof ValueEvaluationSchema>

export const ValueReportSchema = Type.Object({
  horizonDays: Type.Integer({ minimum: 1 }),
  /** the instant customers' ages are measured to */
  calibrationEnd: IsoDate,
  customers: NonNegativeInt,
  /** customers with a repeat purchase: the Gamma-Gamma's */
  repeatCustomers: NonNegativeInt,
  dropout: DropoutSchema,
  /** 2 · (ln L of BG/NBD − ln L of NBD): dropout is estimated from likelihoodRatioThreshold on (and a, b off their bounds) */
  likelihoodRatio: Finite,
  likelihoodRatioThreshold: Finite,
  /** where the purchase predictions come from: BG/NBD, or NBD (no dropout) when dropout is degenerate */
  purchaseModel: Type.Union([Type.Literal('bg-nbd'), Type.Literal('nbd')]),
  bgNbd: Type.Object({ r: Positive, alpha: Positive, a: Positive, b: Positive, logLikelihood: Finite, atBound: Type.Array(Type.String()), converged: Type.Boolean() }),
  nbd: Type.Object({ r: Positive, alpha: Positive, logLikelihood: Finite }),
  gammaGamma: Type.Object({ p: Positive, q: Positive, gamma: Positive, logLikelihood: Finite, atBound: Type.Array(Type.String()), converged: Type.Boolean() }),
  /** correlation of repeat purchases and their mean value: the Gamma-Gamma assumes none */
  frequencySpendCorrelation: Nullable(Finite),
  totals: Type.Object({ expectedPurchases: Type.Number({ minimum: 0 }), expectedRevenue: Type.Number({ minimum: 0 }) }),
  /** with --evaluate; null when the data before the test period were too few to fit */
  evaluation: Type.Optional(Nullable(ValueEvaluationSchema))
})
export type ValueReport = Static<typeof ValueReportSchema>

// ---- manifest.json: movements since the previous version ----------------------------------
// What the trainer found comparing the new version with the newest one already in the artifacts
// directory (lib/segments/movements.ts): segments matched by label, customers by id. Counts only:
// the lists of customers are the service's to give (GET /segments/transitions/customers).
const Count = NonNegativeInt
export const MovementsSchema = Type.Object({
  /** the version compared with */
  from: Type.String(),
  customers: Type.Object({
    previous: Count,
    current: Count,
    /** customers both versions know */
    inBoth: Count,
    /** of those, customers whose segment label is the same */
    sameSegment: Count,
    new: Count,
    gone: Count
  }),
  /** each version's segment labels, by id */
  segments: Type.Object({ previous: Type.Array(Type.String()), current: Type.Array(Type.String()) }),
  /** from label × to label → customers both versions know; pairs with none left out */
  transitions: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), customers: Count })),
  /** customers new in this version, by their segment */
  newBySegment: Type.Array(Type.Object({ segment: Type.String(), customers: Count })),
  /** customers of `from` this version does not have, by the segment they were in */
  goneBySegment: Type.Array(Type.Object({ segment: Type.String(), customers: Count }))
})
export type Movements = Static<typeof MovementsSchema>

export const ManifestSchema = Type.Object({
  // any integer here: loadManifest refuses another version than ARTIFACT_SCHEMA_VERSION with a reason naming both
  schemaVersion: Type.Integer({ minimum: 1 }),
  version: Type.String(),
  createdAt: IsoDate,
  trainer: Type.Object({ name: Type.String(), version: Type.String(), node: Type.String() }),
  input: Type.Object({
    fileName: Type.String(),
    bytes: NonNegativeInt,
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    gzip: Type.Boolean(),
    format: Type.String({ description: 'recognised header: online-retail, online-retail-ii or mapped' }),
    rowsRead: NonNegativeInt
  }),
  /** the options the model was trained with, after defaults were applied */
  options: TrainingOptionsSchema,
  snapshotDate: IsoDate,
  cleaning: CleaningReportSchema,
  segmentation: Type.Object({
    k: Type.Integer({ minimum: 1 }),
    kSelection: Type.Union([Type.Literal('fixed'), Type.Literal('auto')]),
    sweep: Type.Array(SweepPointSchema),
    inertia: Finite,
    silhouette: Type.Union([Finite, Type.Null()]),
    sizes: Type.Array(NonNegativeInt)
  }),
  recommendations: Type.Object({
    products: NonNegativeInt,
    recommendableProducts: NonNegativeInt,
    productsWithNeighbours: NonNegativeInt,
    neighbourPairs: NonNegativeInt,
    /** how the weights were learned (absent in versions before the similarity option) */
    similarity: Type.Optional(SimilarityReportSchema)
  }),
  /** offline evaluation of recommendation quality, when the trainer ran with --evaluate */
  evaluation: Type.Optional(EvaluationReportSchema),
  /** the customer-value fit, in versions with values.bin */
  value: Type.Optional(ValueReportSchema),
  timings: Type.Record(Type.String(), Type.Number()),
  files: Type.Record(Type.String(), FileEntrySchema),
  /** how customers moved between segments since the version before (absent for a first version, or when it could not be read) */
  movements: Type.Optional(MovementsSchema)
})
export type Manifest = Static<typeof ManifestSchema>

/** What the trainer hands to publishVersion: the manifest minus what publishing fills in. */
export type ManifestDraft = Omit<Manifest, 'version' | 'createdAt' | 'files' | 'schemaVersion'>

/** The JSON model files' schemas; the binary ones are checked by model-files.ts. */
export const FILE_SCHEMAS: Record<string, TSchema> = {
  [MODEL_FILES.segments]: SegmentModelSchema,
  [MODEL_FILES.catalogue]: CatalogueSchema
}
