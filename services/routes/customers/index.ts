// Known customers (those of the training data): their RFM values and segment, and "recommended
// for you" from everything they bought.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { DEFAULT_LIMIT, purchasesOf, recommendForCustomer, type FallbackReason } from '../../../lib/recommend/index.js'
import { HttpError } from '../../errors.js'
import { findCustomer } from '../../domain/customer-lookup.js'
import { customerAt, valueFields, valueInfo } from '../../domain/audience-rows.js'
import { customerId } from '../../../lib/artifacts/index.js'
import type { ServedModel } from '../../domain/served-model.js'
import { previousVersionOf } from '../../domain/transitions.js'
import { VersionQuerySchema } from '../../schemas/common.js'
import { errorResponse } from '../../schemas/error.js'
import { ref } from '../../schemas/ref.js'
import { BadRequestResponse, ModelErrorResponses, notFoundResponse } from '../../schemas/error-responses.js'
import { CustomerParamsSchema, CustomerRecommendationsQuerySchema, CustomerRecommendationsSchema, CustomerSchema, type CustomerRecommendations } from '../../schemas/customers.js'
import { MAX_RECOMMENDATIONS } from '../../schemas/recommendations.js'
import { excludedProducts, recommendationsBody } from '../recommendations/answer.js'
import { AnswerCache } from '../recommendations/answer-cache.js'

const EXAMPLE_VERSION = '20261125T154500Z-3fa9c1'
const UNKNOWN_CUSTOMER = {
  summary: 'unknown customer',
  code: 'ERR_CUSTOMER_NOT_FOUND',
  message: `customer "99999" is not in the training data of model version ${EXAMPLE_VERSION}`
}
const ANONYMOUS = 'for a customer the model does not know (an anonymous session), POST /recommendations with their basket'

function unknownCustomer (model: ServedModel, id: string, hint = ''): HttpError {
  return new HttpError(404, 'ERR_CUSTOMER_NOT_FOUND', `customer ${JSON.stringify(id.trim())} is not in the training data of model version ${model.version}${hint}`)
}

// Serialised answers per customer and limit (requests without `exclude`), as GET
// /recommendations/:product keeps them. Measured with npm run bench:api over 205 real customers
// from every decile of history size (1 to 1,787 products bought): cached, 73% of the bare route's
// req/s with the same p99 (2 ms), as the product route in the same run (70%); recomputed on every
// request, 34% and p99 3 ms (78 µs more server CPU per request: a heavy buyer's answer takes up to
// 0.4 ms, lib/recommend/recommend.ts). What remains of the gap to the bare route is writing the
// ~1.5 KB body and its log line, not the handler (under 3% of a CPU profile). 8,192 entries cover
// every customer of both Online Retail data sets at one limit (4,338 and 5,878) in about 12 MB.
const CACHED_ANSWERS = 8192
const JSON_UTF8 = 'application/json; charset=utf-8'

const customersRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const store = fastify.modelStore

  /**
   * The customer's segment in the version before `model` (loaded through the store, so its LRU
   * bounds the memory); null when there is none or it cannot be loaded: the lookup itself
   * does not fail for it.
   */
  async function previousOf (model: ServedModel, id: string): Promise<{ version: string, segment: { id: number, label: string } | null } | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const name = await previousVersionOf(store.artifactsDir, model, attempt > 0)
      if (name === null) return null
      try {
        const before = await store.get(name)
        const position = findCustomer(before.customerLookup, id)
        const segment = position >= 0 ? before.segmentModel.segments[before.customers.segment[position]] : undefined
        return { version: before.version, segment: segment ? { id: segment.id, label: segment.label } : null }
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        // pruned since it was remembered: look again once; unloadable: no previous segment
        if (error.statusCode !== 404) return null
      }
    }
    return null
  }

  fastify.get('/:id', {
    schema: {
      operationId: 'getCustomer',
      summary: 'A known customer\'s RFM values and segment, and their segment in the version before',
      description: 'Customers of the data the model was trained on. For any other customer, POST their RFM values to /segments.',
      tags: ['Customers'],
      params: CustomerParamsSchema,
      querystring: VersionQuerySchema,
      response: {
        200: ref(CustomerSchema),
        400: BadRequestResponse,
        404: notFoundResponse('The customer is not in the training data', UNKNOWN_CUSTOMER),
        ...ModelErrorResponses
      }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const position = findCustomer(model.customerLookup, request.params.id)
    if (position < 0) throw unknownCustomer(model, request.params.id)
    const { id, recency, frequency, monetary, segment: segmentId } = customerAt(model.customers, position)
    const segment = model.segmentModel.segments[segmentId]
    const previous = await previousOf(model, id)
    const answer = { version: model.version, id, recency, frequency, monetary, segment: { id: segment.id, label: segment.label }, previous }
    return { ...answer, value: valueInfo(model.audience), ...valueFields(model.audience, position) }
  })

  const answers = new AnswerCache<{ json: string, reason: FallbackReason | null }>(CACHED_ANSWERS)
  fastify.get('/:id/recommendations', {
    schema: {
      operationId: 'recommendForCustomer',
      summary: 'Recommended for you: recommendations for a known customer',
      description: 'Everything the customer bought in the training data, aggregated as one basket (as `POST /recommendations` ' +
        'aggregates a basket): nothing they bought is recommended, nor `exclude`. When co-purchase data gives fewer than `limit` ' +
        'products, popular products fill the row (`source: "popular"`); with none at all the answer is `fallback: true` with a ' +
        `\`reason\`. A customer the model does not know answers 404: ${ANONYMOUS}.`,
      tags: ['Customers'],
      params: CustomerParamsSchema,
      querystring: CustomerRecommendationsQuerySchema,
      response: {
        200: ref(CustomerRecommendationsSchema),
        400: BadRequestResponse,
        404: errorResponse(404, 'The customer is not in the training data (POST /recommendations with a basket instead), the version has no customer purchases, or the ?version= is not in the artifacts directory',
          { ...UNKNOWN_CUSTOMER, message: `${UNKNOWN_CUSTOMER.message}: ${ANONYMOUS}` },
          {
            summary: 'a version without customer purchases',
            code: 'ERR_PURCHASES_NOT_FOUND',
            message: `model version ${EXAMPLE_VERSION} has no customer purchases (published without purchases.bin): retrain, ask a newer ?version=, or POST /recommendations with the customer's basket`
          },
          { summary: 'the ?version= is not on disk', code: 'ERR_MODEL_VERSION_NOT_FOUND', message: `model version ${EXAMPLE_VERSION} is not in the artifacts directory` }),
        ...ModelErrorResponses
      }
    }
  }, async function (request, reply) {
    const model = await fastify.modelStore.get(request.query.version)
    const row = findCustomer(model.customerLookup, request.params.id)
    if (row < 0) throw unknownCustomer(model, request.params.id, `: ${ANONYMOUS}`)
    const { purchases } = model
    if (!purchases) {
      throw new HttpError(404, 'ERR_PURCHASES_NOT_FOUND', `model version ${model.version} has no customer purchases (published without purchases.bin): ` +
        'retrain, ask a newer ?version=, or POST /recommendations with the customer\'s basket')
    }
    const limit = request.query.limit ?? DEFAULT_LIMIT
    const exclude = excludedProducts(model, request.query.exclude)
    const answer = (): { body: CustomerRecommendations, reason: FallbackReason | null } => {
      const result = recommendForCustomer(model.recommender, purchases.rows, row, { limit, exclude })
      const subject = { id: customerId(model.customers, row), purchasedProducts: purchasesOf(purchases.rows, row).length }
      return { body: { customer: subject, ...recommendationsBody(model, result) }, reason: result.reason }
    }
    if (exclude) {
      const { body, reason } = answer()
      if (reason) fastify.metrics.fallbacks.inc({ reason })
      return body
    }
    // without exclude the answer depends on the version, the customer and the limit only
    const cached = answers.get(model, row * (MAX_RECOMMENDATIONS + 1) + limit, () => {
      const { body, reason } = answer()
      return { json: JSON.stringify(body), reason }
    })
    if (cached.reason) fastify.metrics.fallbacks.inc({ reason: cached.reason })
    // a string with a JSON content type is sent as is (see GET /recommendations/:product)
    return reply.type(JSON_UTF8).send(cached.json as unknown as CustomerRecommendations)
  })
}

export default customersRoutes
