// Recommendations for storefront backends: for one product (a product page) and for a basket
// (a cart). Handlers take the model once, so a hot swap never mixes two versions in one answer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { recommendForBasket, recommendForProduct, DEFAULT_LIMIT, type FallbackReason } from '../../../lib/recommend/index.js'
import { HttpError } from '../../errors.js'
import { findProduct } from '../../domain/product-lookup.js'
import { VersionQuerySchema } from '../../schemas/common.js'
import { ref } from '../../schemas/ref.js'
import { BadRequestResponse, ModelErrorResponses, notFoundResponse } from '../../schemas/error-responses.js'
import { excludedProducts, recommendationsBody } from './answer.js'
import { AnswerCache } from './answer-cache.js'
import {
  BasketBodySchema, BasketRecommendationsSchema, MAX_RECOMMENDATIONS, ProductParamsSchema, ProductQuerySchema, ProductRecommendationsSchema,
  type ProductRecommendations
} from '../../schemas/recommendations.js'

const productErrors = {
  400: BadRequestResponse,
  404: notFoundResponse('The product is not in the catalogue', {
    summary: 'unknown product',
    code: 'ERR_PRODUCT_NOT_FOUND',
    message: 'product "99999X" is not in the catalogue of model version 20261125T154500Z-3fa9c1'
  }),
  ...ModelErrorResponses
}
const basketErrors = {
  400: BadRequestResponse,
  404: notFoundResponse('None of the basket\'s products is in the catalogue', {
    summary: 'no basket product is known',
    code: 'ERR_PRODUCT_NOT_FOUND',
    message: 'none of the basket\'s products is in the catalogue of model version 20261125T154500Z-3fa9c1: 99999X, 99998Y'
  }),
  ...ModelErrorResponses
}

const FILL_RULE = 'When co-purchase data gives fewer than `limit` products, popular products fill the row ' +
  '(`source: "popular"`); with none at all the answer is `fallback: true` with a `reason`.'

// about 1.5 KB per answer at the default limit: a few MB per model version at most
const CACHED_ANSWERS = 4096
const JSON_UTF8 = 'application/json; charset=utf-8'

const recommendationsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const answers = new AnswerCache<{ json: string, reason: FallbackReason | null }>(CACHED_ANSWERS)
  // fallbacks counted by reason: a rising share means the model covers less of what shoppers look at
  const countFallback = (reason: FallbackReason | null): void => {
    if (reason) fastify.metrics.fallbacks.inc({ reason })
  }

  fastify.get('/:product', {
    schema: {
      operationId: 'getProductRecommendations',
      summary: 'Products bought by the customers who bought this one',
      description: `Neighbours of the product by co-purchase (item-based collaborative filtering), best first. ${FILL_RULE} ` +
        'A code that is not in the catalogue answers 404.',
      tags: ['Recommendations'],
      params: ProductParamsSchema,
      querystring: ProductQuerySchema,
      response: { 200: ref(ProductRecommendationsSchema), ...productErrors }
    }
  }, async function (request, reply) {
    const model = await fastify.modelStore.get(request.query.version)
    const product = findProduct(model.productLookup, request.params.product)
    if (product === undefined) {
      throw new HttpError(404, 'ERR_PRODUCT_NOT_FOUND', `product ${JSON.stringify(request.params.product.trim())} is not in the catalogue of model version ${model.version}`)
    }
    const limit = request.query.limit ?? DEFAULT_LIMIT
    const exclude = excludedProducts(model, request.query.exclude)
    const answer = (): { body: ProductRecommendations, reason: FallbackReason | null } => {
      const result = recommendForProduct(model.recommender, product, { limit, exclude })
      return { body: { product: model.productRefs[product], ...recommendationsBody(model, result) }, reason: result.reason }
    }
    if (exclude) {
      const { body, reason } = answer()
      countFallback(reason)
      return body
    }
    const cached = answers.get(model, product * (MAX_RECOMMENDATIONS + 1) + limit, () => {
      const { body, reason } = answer()
      return { json: JSON.stringify(body), reason }
    })
    countFallback(cached.reason)
    // Fastify sends a string with a JSON content type as is, without the schema's serialiser; the
    // type provider only knows the object form, hence the cast
    return reply.type(JSON_UTF8).send(cached.json as unknown as ProductRecommendations)
  })

  fastify.post('/', {
    schema: {
      operationId: 'recommendForBasket',
      summary: 'Recommendations for a basket',
      description: 'Products bought with the basket\'s products, aggregated: a candidate\'s score is the sum of its similarity ' +
        'to each basket product, its sharedCustomers the largest count with any one of them. The basket and `exclude` are never ' +
        `recommended. Unknown codes are ignored and listed in \`unknownProducts\`; 404 only when no code is known. ${FILL_RULE}`,
      tags: ['Recommendations'],
      querystring: VersionQuerySchema,
      body: ref(BasketBodySchema),
      response: { 200: ref(BasketRecommendationsSchema), ...basketErrors }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const basket: number[] = []
    const unknownProducts: string[] = []
    for (const code of request.body.products) {
      const product = findProduct(model.productLookup, code)
      if (product === undefined) unknownProducts.push(code.trim())
      else if (!basket.includes(product)) basket.push(product)
    }
    if (basket.length === 0) {
      throw new HttpError(404, 'ERR_PRODUCT_NOT_FOUND', `none of the basket's products is in the catalogue of model version ${model.version}: ${unknownProducts.join(', ')}`)
    }
    const result = recommendForBasket(model.recommender, basket, {
      limit: request.body.limit ?? DEFAULT_LIMIT,
      exclude: excludedProducts(model, request.body.exclude)
    })
    countFallback(result.reason)
    return { basket: basket.map((product) => model.productRefs[product]), unknownProducts, ...recommendationsBody(model, result) }
  })
}

export default recommendationsRoutes
