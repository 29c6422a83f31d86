// What the training report is built from: the pipeline's own results, nothing recomputed that a
// stage already computed.
import type { ManifestDraft } from '../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { RfmTable } from '../rfm.js'
import type { SegmentResult } from '../segments/index.js'
import type { TransactionAggregates } from '../aggregates/contract.js'

export interface ReportInput {
  /** the manifest draft: input file, options, cleaning counts, segmentation sweep, evaluation */
  manifest: ManifestDraft
  /** the aggregates of the cleaned transactions */
  aggregates: TransactionAggregates
  /** RFM values per customer, in the aggregates' customer order */
  rfm: RfmTable
  /** the segment model and each customer's segment */
  segments: SegmentResult
  catalogue: BuiltCatalogue
}
