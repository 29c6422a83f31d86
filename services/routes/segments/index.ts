// Customer segments for CRM systems: list them, and classify customers by their RFM values, one
// at a time, as a JSON batch, or as a CSV export.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { HttpError } from '../../errors.js'
import { parseSegmentRequest } from '../../domain/segment-batch.js'
import { classifyBatch, segmentOf } from '../../domain/segment-answers.js'
import { VersionQuerySchema } from '../../schemas/common.js'
import { ref } from '../../schemas/ref.js'
import { BadRequestResponse, ModelErrorResponses, VersionNotFoundResponse } from '../../schemas/error-responses.js'
import { errorResponse } from '../../schemas/error.js'
import audienceRoutes from './audiences.js'
import { BatchResultSchema, OneResultSchema, SegmentListSchema, SegmentsBodySchema } from '../../schemas/segments.js'

// 10,000 rows of id + three numbers are well under 1 MiB as CSV and about 1 MiB as JSON; 4 MiB
// leaves room for long ids and extra CSV columns while still bounding what one request can cost.
export const SEGMENTS_BODY_LIMIT = 4 * 1024 * 1024

function isCsv (contentType: string | undefined): boolean {
  return contentType !== undefined && contentType.split(';')[0].trim().toLowerCase() === 'text/csv'
}

const segmentsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  // The body is JSON or CSV, nothing else (scoped to this plugin). CRM exports: the text goes to
  // the handler as is and is parsed there, so a bad row is reported with its row, id and field like
  // a bad JSON row. Fastify's text/plain parser is removed and every other type is refused here,
  // so the handler knows the format from the content type: a JSON string ("AAA") is bad JSON
  // input (400), not a text body (415).
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: SEGMENTS_BODY_LIMIT }, function (_request, body, done) {
    done(null, body)
  })
  fastify.removeContentTypeParser('text/plain')
  fastify.addContentTypeParser('*', function (request, _payload, done) {
    done(new HttpError(415, 'ERR_UNSUPPORTED_MEDIA_TYPE', `send application/json or text/csv, not ${request.headers['content-type'] ?? 'no content type'}`))
  })

  fastify.get('/', {
    schema: {
      operationId: 'listSegments',
      summary: 'Every customer segment of the model',
      description: 'Label, description, suggested action, size and share of the training data\'s customers, and the centroid in RFM units.',
      tags: ['Segments'],
      querystring: VersionQuerySchema,
      response: { 200: ref(SegmentListSchema), 400: BadRequestResponse, 404: VersionNotFoundResponse, ...ModelErrorResponses }
    }
  }, async function (request) {
    const model = await fastify.modelStore.get(request.query.version)
    const { transform, segments } = model.segmentModel
    return {
      version: model.version,
      transform,
      customers: model.customers.count,
      segments: segments.map(({ id, label, description, action, size, share, centroid }) => ({ id, label, description, action, size, share, centroid }))
    }
  })

  fastify.post('/', {
    bodyLimit: SEGMENTS_BODY_LIMIT,
    // the domain parser reports bad rows precisely (row, id, field); the schema documents the body
    attachValidation: true,
    schema: {
      operationId: 'classifyCustomers',
      summary: 'Segment of one customer, or of a batch (JSON or CSV)',
      description: 'One customer `{recency, frequency, monetary}` answers its segment; a batch `{customers: [{id, …}]}` or a ' +
        '`text/csv` body with a header `id,recency,frequency,monetary` answers each customer\'s segment id and label in order ' +
        '(always JSON). Values must be finite numbers with recency ≥ 0, frequency ≥ 1, monetary ≥ 0; the first bad row fails ' +
        'the whole request with a message naming its row (1-based), id and field.',
      tags: ['Segments'],
      querystring: VersionQuerySchema,
      body: SegmentsBodySchema,
      response: {
        200: Type.Union([ref(OneResultSchema), ref(BatchResultSchema)], { description: 'the segment of one customer, or of each customer of a batch' }),
        400: BadRequestResponse,
        404: VersionNotFoundResponse,
        413: errorResponse(413, 'The body is larger than 4 MiB', { code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' }),
        415: errorResponse(415, 'The body is neither JSON nor CSV', { code: 'ERR_UNSUPPORTED_MEDIA_TYPE', message: 'send application/json or text/csv, not text/plain' }),
        ...ModelErrorResponses
      }
    }
  }, async function (request) {
    const parsed = parseSegmentRequest(request.body, isCsv(request.headers['content-type']) ? 'csv' : 'json')
    if (request.validationError) throw request.validationError
    const model = await fastify.modelStore.get(request.query.version)
    if (parsed.kind === 'one') {
      const { id, label, description, action } = segmentOf(model.segmentModel, parsed.customer)
      return { version: model.version, segment: { id, label, description, action } }
    }
    return { version: model.version, results: classifyBatch(model.segmentModel, parsed.customers) }
  })

  // the segments' customers (audiences) and their movements between versions
  await fastify.register(audienceRoutes)
}

export default segmentsRoutes
