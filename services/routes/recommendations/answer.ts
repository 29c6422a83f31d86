// Turns the recommender's catalogue indices into the JSON answer (codes and descriptions).
import type { RecommendResult } from '../../../lib/recommend/index.js'
import type { ServedModel } from '../../domain/served-model.js'
import { findProduct } from '../../domain/product-lookup.js'

export interface RecommendationBody {
  code: string
  description: string
  score: number
  sharedCustomers: number
  source: 'neighbours' | 'popular'
}

export interface RecommendationsBody {
  version: string
  fallback: boolean
  reason?: string
  recommendations: RecommendationBody[]
}

export function recommendationsBody (model: ServedModel, result: RecommendResult): RecommendationsBody {
  const { productRefs } = model
  const recommendations: RecommendationBody[] = new Array(result.items.length)
  for (let i = 0; i < result.items.length; i++) {
    const item = result.items[i]
    const ref = productRefs[item.product]
    recommendations[i] = { code: ref.code, description: ref.description, score: item.score, sharedCustomers: item.sharedCustomers, source: item.source }
  }
  const body: RecommendationsBody = { version: model.version, fallback: result.fallback, recommendations }
  if (result.reason) body.reason = result.reason
  return body
}

/**
 * Catalogue indices of the codes in `exclude`, one code per entry; unknown codes are dropped. The
 * query form's comma-separated values are split into entries before validation
 * (http/parameters.ts), so both forms' maxItems count codes.
 */
export function excludedProducts (model: ServedModel, exclude: readonly string[] | undefined): number[] | undefined {
  if (!exclude || exclude.length === 0) return undefined
  const indices: number[] = []
  for (const code of exclude) {
    const index = findProduct(model.productLookup, code)
    if (index !== undefined) indices.push(index)
  }
  return indices
}
