// Pipeline step 4: item-based collaborative filtering. One product × product weight table, each
// product's top K neighbours kept, whichever similarity learned it (`--similarity`): cosine over
// the customer × product matrix (build.ts), cosine over BM25-weighted purchases (bm25.ts), or
// EASE's learned weights over the most-bought products with cosine rows for the tail (ease.ts).
// The file is the same shape for all three, so serving does not change.
import type { Neighbours, SimilarityReport } from '../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../catalogue.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { buildBm25Neighbours, DEFAULT_BM25_OPTIONS } from './bm25.js'
import { buildCosineNeighbours } from './build.js'
import { buildEaseNeighbours } from './ease.js'
import { resolveNeighbourOptions, type NeighbourOptions } from './options.js'

export interface NeighbourModel {
  neighbours: Neighbours
  /** the manifest's `recommendations.similarity` */
  similarity: SimilarityReport
  /** EASE's steps, ms (for the log: timings differ run to run, the manifest stays reproducible) */
  timings?: Record<string, number>
}

/** The neighbours and what the manifest says about how they were learned. Pure. */
export function buildNeighbourModel (aggregates: TransactionAggregates, built: BuiltCatalogue, given: Partial<NeighbourOptions> = {}): NeighbourModel {
  const options = resolveNeighbourOptions(given)
  const { topK, minSupport, weighting, popularityDamping, halfLifeDays } = options
  switch (options.similarity) {
    case 'cosine':
      return { neighbours: buildCosineNeighbours(aggregates, built, { weighting, topK, minSupport, popularityDamping, halfLifeDays }), similarity: { name: 'cosine', halfLifeDays } }
    case 'bm25': {
      // cosine over the weights: BM25's length norm is a per-product factor that cosine divides
      // out, so b does not matter for binary tf; k1 saturates quantity tf (bm25.ts)
      const tf = weighting === 'quantity' ? 'quantity' : 'binary'
      const { neighbours, summary } = buildBm25Neighbours(aggregates, built, { ...DEFAULT_BM25_OPTIONS, tf, normalise: 'cosine', topK, minSupport, popularityDamping, halfLifeDays })
      return { neighbours, similarity: { name: 'bm25', halfLifeDays, bm25: { k1: summary.k1, b: summary.b, tf: summary.tf } } }
    }
    case 'ease': {
      const { neighbours, summary } = buildEaseNeighbours(aggregates, built, { lambda: options.easeLambda, maxDenseProducts: options.easeProducts, topK, minSupport, halfLifeDays })
      const { lambda, lambdaUsed, denseProducts, denseCellShare, tailProducts, tailScale, denseBytes } = summary
      return { neighbours, similarity: { name: 'ease', halfLifeDays, ease: { lambda, lambdaUsed, denseProducts, denseCellShare, tailProducts, tailScale, denseBytes } }, timings: { ...summary.timings } }
    }
  }
}

/** The neighbours alone (the evaluation's and the benchmarks' use). */
export function buildNeighbours (aggregates: TransactionAggregates, built: BuiltCatalogue, given: Partial<NeighbourOptions> = {}): Neighbours {
  return buildNeighbourModel(aggregates, built, given).neighbours
}
