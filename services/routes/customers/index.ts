// Known customers (those of the training data): their RFM values and segment.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HttpError } from '../../errors.js'
import { findCustomer } from '../../domain/customer-lookup.js'
import { VersionQuerySchema } from '../../schemas/common.js'
import { ref } from '../../schemas/ref.js'
import { BadRequestResponse, ModelErrorResponses, notFoundResponse } from '../../schemas/error-responses.js'
import { CustomerParamsSchema, CustomerSchema } from '../../schemas/customers.js'

const customersRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  fastify.get('/:id', {
    schema: {
      operationId: 'getCustomer',
      summary: 'A known customer\'s RFM values and segment',
      description: 'Customers of the data the model was trained on. For any other customer, POST their RFM values to /segments.',
      tags: ['Customers'],
      params: CustomerParamsSchema,
      querystring: VersionQuerySchema,
      response: {
        200: ref(CustomerSchema),
        400: BadRequestResponse,
        404: notFoundResponse('The customer is not in the training data', {
          summary: 'unknown customer',
          code: 'ERR_CUSTOMER_NOT_FOUND',
          message: 'customer "99999" is not in the training data of model version 20261125T154500Z-3fa9c1'
        }),
        ...ModelErrorResponses
      }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const customer = findCustomer(model.customers, request.params.id)
    if (!customer) {
      throw new HttpError(404, 'ERR_CUSTOMER_NOT_FOUND', `customer ${JSON.stringify(request.params.id.trim())} is not in the training data of model version ${model.version}`)
    }
    const { id, recency, frequency, monetary } = customer
    const segment = model.segmentModel.segments[customer.segment]
    return { version: model.version, id, recency, frequency, monetary, segment: { id: segment.id, label: segment.label } }
  })
}

export default customersRoutes
