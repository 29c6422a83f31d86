// Product recommendations over the artifact contract's neighbours and catalogue.
export { buildRecommendIndex, type NeighbourRows, type RecommendIndex, type RecommendScratch } from './recommend-index.js'
export {
  DEFAULT_LIMIT, recommendForBasket, recommendForCustomer, recommendForProduct,
  type FallbackReason, type PopularFill, type Recommendation, type RecommendationSource, type RecommendOptions, type RecommendResult
} from './recommend.js'
export { buildPurchaseRows, purchaseCountOf, purchaseRowsOf, purchasesOf, type PurchaseRows } from './purchase-rows.js'
export { selectTop, type RankBefore } from './top-n.js'
