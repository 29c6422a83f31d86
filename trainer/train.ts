// The training pipeline, start to end: read → clean → RFM → segments (on a second thread, beside
// catalogue → neighbours → evaluate) → known customers → report → publish. Each stage is a pure
// module; this file only wires them, times them and hands the result to the artifact contract.
import path from 'node:path'
import { createRequire } from 'node:module'
import pino from 'pino'
import { REPORT_FILE, encodeModelFiles, type ManifestDraft, type PublishedVersion } from '../lib/artifacts/index.js'
import { loadAggregates } from './read/load-aggregates.js'
import { RFM_OPTIONS, computeRfm } from './rfm.js'
import { SEGMENT_OPTIONS } from './segments/options.js'
import { buildSegmentModelInWorker } from './segments/in-worker.js'
import { buildCustomerPurchases, buildKnownCustomers } from './customers.js'
import { buildCatalogue } from './catalogue.js'
import { VALUE_OPTIONS, buildCustomerValues } from './value/index.js'
import { NEIGHBOUR_OPTIONS, buildNeighbourModel, summariseNeighbours } from './neighbours/index.js'
import { nonProductRuleFor } from './non-product-codes.js'
import { evaluateRecommendations } from './evaluate/index.js'
import { pickOptions } from './option-table/index.js'
import { optionsForManifest, resolveTrainOptions, type GivenTrainOptions } from './options.js'
import { createProgress, formatMs, type Progress } from './progress.js'
import { PUBLISH_OPTIONS, checkPublishable, publishModel } from './publish.js'
import { PROJECT_ROOT } from '../lib/project-root.js'
import { movementsSincePrevious } from './movements.js'

const packageJson = createRequire(import.meta.url)(path.join(PROJECT_ROOT, 'package.json')) as { name: string, version: string }

export interface TrainResult extends PublishedVersion {
  totalMs: number
}

/**
 * Trains on `options.input` and publishes a new version into `options.out`.
 * Throws ShopperError for bad usage or input (nothing is published then).
 */
export async function trainAndPublish (
  given: GivenTrainOptions,
  logger: pino.Logger = pino({ level: 'silent' }),
  progress: Progress = createProgress(process.stderr, false)
): Promise<TrainResult> {
  const started = performance.now()
  // every option checked once, here; each stage gets its table's share (pickOptions)
  const options = resolveTrainOptions(given)
  const publishing = pickOptions(PUBLISH_OPTIONS, options)
  await checkPublishable(publishing)
  logger.info({ input: options.input, out: options.out }, 'training started')

  let done = progress.stage('read+clean')
  const nonProductRule = nonProductRuleFor(options.nonProductCodes)
  // Only --evaluate keeps the rows (its time split needs them): without it memory is the
  // aggregates', whatever the number of rows.
  const { aggregates, cleaning, input, table } = await loadAggregates({
    input: options.input,
    columns: options.columns,
    aggregateInDatabase: options.aggregateInDatabase,
    maxMalformedShare: options.maxMalformedShare,
    nonProductRule,
    keepRows: options.evaluate,
    onProgress: (rows) => progress.rows(rows)
  })
  done(`${cleaning.rowsRead.toLocaleString('en-GB')} rows read, ${cleaning.rowsKept.toLocaleString('en-GB')} kept, ${cleaning.customers.toLocaleString('en-GB')} customers`)
  logger.info({ stage: 'read+clean', cleaning }, 'transactions cleaned')

  done = progress.stage('rfm')
  const rfm = computeRfm(aggregates, pickOptions(RFM_OPTIONS, options))
  done(`snapshot ${rfm.snapshot.toISOString().slice(0, 10)}`)

  // segments run on a second thread while this one builds the catalogue and the neighbours
  const segmentsDone = progress.stage('segments')
  const segmenting = buildSegmentModelInWorker(rfm, pickOptions(SEGMENT_OPTIONS, options))
  // a failure (e.g. k larger than the customers) is awaited below; until then it is not unhandled
  segmenting.catch(() => {})
  // vega and vega-lite are large and only the report needs them: load them now, while this thread
  // would otherwise wait for the segments, rather than at start-up or at the report stage
  const reportModule = import('./report/index.js')
  reportModule.catch(() => {})

  done = progress.stage('catalogue')
  const built = buildCatalogue(aggregates, nonProductRule)
  done(`${built.catalogue.products.length.toLocaleString('en-GB')} products`)

  done = progress.stage('neighbours')
  const neighbourOptions = pickOptions(NEIGHBOUR_OPTIONS, options)
  const { neighbours, similarity, timings: similarityTimings } = buildNeighbourModel(aggregates, built, neighbourOptions)
  const neighbourSummary = summariseNeighbours(neighbours)
  done(`${similarity.name}: ${neighbourSummary.productsWithNeighbours.toLocaleString('en-GB')} products with neighbours, ${neighbourSummary.neighbourPairs.toLocaleString('en-GB')} pairs`)
  if (similarity.ease !== undefined && similarity.ease.tailProducts > 0) {
    // a catalogue larger than the dense solve: say which part got cosine rows instead
    const { denseProducts, denseCellShare, tailProducts } = similarity.ease
    logger.info({ stage: 'neighbours', similarity: 'ease', denseProducts, denseCellShare, tailProducts, timings: similarityTimings },
      `EASE learned over the ${denseProducts} most-bought products (${(denseCellShare * 100).toFixed(1)} % of purchases); ${tailProducts} others got cosine neighbours`)
  }

  let evaluation
  if (options.evaluate && table !== undefined) {
    done = progress.stage('evaluate')
    evaluation = evaluateRecommendations(table, { evaluationDays: options.evaluationDays, nonProductRule, neighbours: neighbourOptions })
    const ratio = evaluation.target?.ratioVsMostPopular
    done(`${evaluation.setup.customersEvaluated} customers, hit rate@10 ${evaluation.model.at10.hitRate.toFixed(3)}${ratio ? ` (${ratio.toFixed(2)}× most-popular)` : ''}`)
    logger.info({ stage: 'evaluate', evaluation }, 'recommendations evaluated')
  }

  const segmentation = await segmenting
  segmentsDone(`k = ${segmentation.k}, silhouette ${segmentation.silhouette?.toFixed(4) ?? 'n/a'}, inertia ${segmentation.inertia.toFixed(2)} (beside catalogue and neighbours)`)
  const customers = buildKnownCustomers(rfm, segmentation.model)
  done = progress.stage('purchases')
  const purchases = buildCustomerPurchases(aggregates, built, customers)
  done(`${purchases.products.length.toLocaleString('en-GB')} customer × product purchases`)
  done = progress.stage('value')
  const value = buildCustomerValues(aggregates, rfm, customers.customers.map((c) => c.id), { ...pickOptions(VALUE_OPTIONS, options), evaluate: options.evaluate })
  done(value === null ? 'too few repeat customers to fit: no values.json' : `dropout ${value.report.dropout}, ${value.report.totals.expectedRevenue.toLocaleString('en-GB')} expected over ${value.report.horizonDays} days`)

  const files: Record<string, string | Uint8Array> = encodeModelFiles({
    segments: segmentation.model, neighbours, catalogue: built.catalogue, customers, purchases, values: value?.columns ?? null
  })

  done = progress.stage('movements')
  const movements = await movementsSincePrevious(options.out, { customers, segments: segmentation.model }, logger)
  done(movements === undefined ? 'no previous version' : `since ${movements.from}: ${movements.customers.sameSegment.toLocaleString('en-GB')} of ${movements.customers.inBoth.toLocaleString('en-GB')} customers in the same segment`)

  const draft: ManifestDraft = {
    trainer: { name: packageJson.name, version: packageJson.version, node: process.version },
    input: { ...input, fileName: path.basename(input.fileName) },
    options: optionsForManifest(options),
    snapshotDate: rfm.snapshot.toISOString(),
    cleaning,
    segmentation: {
      k: segmentation.k,
      kSelection: segmentation.kSelection,
      sweep: segmentation.sweep,
      inertia: segmentation.inertia,
      silhouette: segmentation.silhouette,
      sizes: segmentation.sizes
    },
    recommendations: {
      products: built.catalogue.products.length,
      recommendableProducts: built.catalogue.popularity.length,
      productsWithNeighbours: neighbourSummary.productsWithNeighbours,
      neighbourPairs: neighbourSummary.neighbourPairs,
      similarity
    },
    ...(evaluation ? { evaluation } : {}),
    ...(value ? { value: value.report } : {}),
    ...(movements ? { movements } : {}),
    timings: progress.timings
  }

  done = progress.stage('report')
  // The report leaves out the creation time, so identical training gives an identical file.
  const { buildReport } = await reportModule
  files[REPORT_FILE] = await buildReport({ manifest: draft, aggregates, rfm, segments: segmentation, catalogue: built })
  done(`${Math.round(Buffer.byteLength(files[REPORT_FILE]) / 1024)} KiB`)

  done = progress.stage('publish')
  const published = await publishModel(publishing, files, draft)
  done(published.version)
  const totalMs = performance.now() - started
  logger.info({
    version: published.version,
    dir: published.dir,
    pruned: published.pruned,
    rowsKept: cleaning.rowsKept,
    customers: cleaning.customers,
    k: segmentation.k,
    silhouette: segmentation.silhouette,
    products: built.catalogue.products.length,
    timings: progress.timings,
    totalMs: Math.round(totalMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024)
  }, 'model version published')
  return { ...published, totalMs }
}

/** The human summary printed at the end of a CLI run. */
export function formatSummary (result: TrainResult): string {
  const m = result.manifest
  return [
    `published ${result.version} in ${formatMs(result.totalMs)} → ${result.dir}`,
    `  rows kept   ${m.cleaning.rowsKept.toLocaleString('en-GB')} of ${m.cleaning.rowsRead.toLocaleString('en-GB')} (${m.cleaning.malformedRows} malformed)`,
    `  customers   ${m.cleaning.customers.toLocaleString('en-GB')} in k = ${m.segmentation.k} segments, silhouette ${m.segmentation.silhouette?.toFixed(4) ?? 'n/a'}`,
    `  products    ${m.recommendations.products.toLocaleString('en-GB')} (${m.recommendations.productsWithNeighbours.toLocaleString('en-GB')} with neighbours, ${m.recommendations.similarity?.name ?? 'cosine'})`,
    ...(result.pruned.length ? [`  pruned      ${result.pruned.join(', ')}`] : [])
  ].join('\n')
}
