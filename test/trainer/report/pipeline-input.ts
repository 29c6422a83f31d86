// Report inputs assembled the way trainer/train.ts assembles them (minus neighbours and
// publishing): from a cleaned table's aggregates to RFM, segments, catalogue and the manifest
// draft. The table is kept beside them for the tests that evaluate (the evaluation needs rows).
import type { CleaningReport, EvaluationReport, ManifestDraft, TrainingOptions } from '../../../lib/artifacts/index.js'
import { buildCatalogue } from '../../../trainer/catalogue.js'
import { computeRfm } from '../../../trainer/rfm.js'
import { buildSegmentModel, type SegmentOptions } from '../../../trainer/segments/index.js'
import type { TransactionTable } from '../../../trainer/transactions.js'
import type { ReportInput } from '../../../trainer/report/index.js'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'

/** The report's input, and the rows it was made from. */
export type TestReportInput = ReportInput & { table: TransactionTable }

export interface PipelineInputOptions {
  table: TransactionTable
  cleaning: CleaningReport
  input: ManifestDraft['input']
  options: TrainingOptions
  segments?: Partial<SegmentOptions>
  evaluation?: EvaluationReport
}

export function pipelineReportInput ({ table, cleaning, input, options, segments: segmentOptions = {}, evaluation }: PipelineInputOptions): TestReportInput {
  const aggregates = aggregateTable(table)
  const rfm = computeRfm(aggregates)
  const segments = buildSegmentModel(rfm, segmentOptions)
  const catalogue = buildCatalogue(aggregates)
  const manifest: ManifestDraft = {
    trainer: { name: 'shopper-spectrum', version: '0.0.0-test', node: 'v20.0.0' },
    input,
    options,
    snapshotDate: rfm.snapshot.toISOString(),
    cleaning,
    segmentation: {
      k: segments.k,
      kSelection: segments.kSelection,
      sweep: segments.sweep,
      inertia: segments.inertia,
      silhouette: segments.silhouette,
      sizes: segments.sizes
    },
    recommendations: {
      products: catalogue.catalogue.products.length,
      recommendableProducts: catalogue.catalogue.popularity.length,
      productsWithNeighbours: 0,
      neighbourPairs: 0
    },
    ...(evaluation === undefined ? {} : { evaluation }),
    // wall times vary between runs: the report must not show them
    timings: { total: Math.random() * 1000 }
  }
  return { manifest, aggregates, table, rfm, segments, catalogue }
}
