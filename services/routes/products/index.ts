// Find products by name (exact, substring, then fuzzy), and one product by code.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HttpError } from '../../errors.js'
import { findProduct } from '../../domain/product-lookup.js'
import { searchProducts } from '../../domain/product-search.js'
import { VersionQuerySchema } from '../../schemas/common.js'
import { ref } from '../../schemas/ref.js'
import { BadRequestResponse, ModelErrorResponses, VersionNotFoundResponse, notFoundResponse } from '../../schemas/error-responses.js'
import { CodeParamsSchema, ProductDetailSchema, SearchQuerySchema, SearchResultSchema } from '../../schemas/products.js'

const DEFAULT_SEARCH_LIMIT = 10

const productsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  fastify.get('/', {
    schema: {
      operationId: 'searchProducts',
      summary: 'Find products by name',
      description: 'Exact matches (whole name or stock code) first, then names containing the query, then fuzzy matches ' +
        '(every query word matches a word of the name exactly, as a prefix, or with one typo in words of 4–7 letters and two from 8, in any order). ' +
        'Most popular first within each kind; fuzzy matches with fewer typos first. No match is an empty list, not a 404.',
      tags: ['Products'],
      querystring: SearchQuerySchema,
      response: {
        200: ref(SearchResultSchema),
        400: BadRequestResponse,
        404: VersionNotFoundResponse,
        ...ModelErrorResponses
      }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const found = searchProducts(model.search, request.query.q, request.query.limit ?? DEFAULT_SEARCH_LIMIT)
    return {
      version: model.version,
      query: request.query.q,
      matches: found.map(({ product, match }) => {
        const { code, description, customers } = model.products[product]
        return { code, description, customers, match }
      })
    }
  })

  fastify.get('/:code', {
    schema: {
      operationId: 'getProduct',
      summary: 'One product: popularity and co-purchase data',
      tags: ['Products'],
      params: CodeParamsSchema,
      querystring: VersionQuerySchema,
      response: {
        200: ref(ProductDetailSchema),
        400: BadRequestResponse,
        404: notFoundResponse('The product is not in the catalogue', {
          summary: 'unknown product',
          code: 'ERR_PRODUCT_NOT_FOUND',
          message: 'product "99999X" is not in the catalogue of model version 20261125T154500Z-3fa9c1'
        }),
        ...ModelErrorResponses
      }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const index = findProduct(model.productLookup, request.params.code)
    if (index === undefined) {
      throw new HttpError(404, 'ERR_PRODUCT_NOT_FOUND', `product ${JSON.stringify(request.params.code.trim())} is not in the catalogue of model version ${model.version}`)
    }
    const { code, description, customers, quantity, recommendable } = model.products[index]
    const { popularityRank, offsets } = model.recommender
    const rank = popularityRank[index]
    return {
      version: model.version,
      code,
      description,
      customers,
      quantity,
      recommendable,
      popularityRank: rank < model.recommender.products ? rank + 1 : undefined,
      neighbours: offsets[index + 1] - offsets[index]
    }
  })
}

export default productsRoutes
