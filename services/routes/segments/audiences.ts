// Segments as audiences: the customers of a segment (GET /segments/{segment}/customers), how
// customers moved between two versions (GET /segments/transitions) and who moved from one segment
// to another (GET /segments/transitions/customers). Lists are pages (JSON) or one streamed CSV.
// Registered inside the segments plugin, so under /segments.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HttpError } from '../../errors.js'
import {
  acceptsFilters, findSegment, listing, pageOf, segmentChoices, valueProblem,
  type AudienceFilters, type AudienceSort, type SortOrder
} from '../../domain/audience.js'
import { audienceCsv, audienceRow, valueInfo } from '../../domain/audience-rows.js'
import { decodeCursor, encodeCursor, listingContext } from '../../domain/cursor.js'
import type { ServedModel } from '../../domain/served-model.js'
import { compareServed, previousVersionOf } from '../../domain/transitions.js'
import { wantsCsv, type AnswerFormatConfig } from '../../http/answer-format.js'
import { ref } from '../../schemas/ref.js'
import { errorResponse } from '../../schemas/error.js'
import { BadRequestResponse, ModelErrorResponses } from '../../schemas/error-responses.js'
import {
  AudienceCsvSchema, AudiencePageSchema, AudienceParamsSchema, DEFAULT_AUDIENCE_LIMIT, ListingQueryFields, MoversPageSchema, MoversQuerySchema,
  SegmentTransitionsSchema, TransitionsQuerySchema
} from '../../schemas/audiences.js'
import { Type } from 'typebox'

const EXAMPLE_VERSION = '20261125T154500Z-3fa9c1'

type ListingQuery = {
  limit?: number
  cursor?: string
  sort?: string
  order?: string
  format?: string
  version?: string
} & AudienceFilters

const FILTER_NAMES = ['minMonetary', 'minFrequency', 'minRecency', 'maxRecency', 'minExpectedRevenue', 'minPAlive', 'maxPAlive'] as const satisfies ReadonlyArray<keyof AudienceFilters>

function filtersOf (query: ListingQuery): AudienceFilters {
  const filters: AudienceFilters = {}
  for (const name of FILTER_NAMES) if (query[name] !== undefined) filters[name] = query[name]
  return filters
}

function segmentOrThrow (model: ServedModel, text: string, parameter: string): ServedModel['segmentModel']['segments'][number] {
  const segment = findSegment(model.segmentModel, text)
  if (segment === undefined) {
    throw new HttpError(404, 'ERR_SEGMENT_NOT_FOUND', `${parameter} ${JSON.stringify(text.trim())} is not a segment of model version ${model.version}: ` +
      `give an id or a label (any case) of ${segmentChoices(model.segmentModel)}`)
  }
  return segment
}

/** A file name for Content-Disposition: the segment label's letters and digits, lower case. */
function fileNamePart (label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'segment'
}

interface ListingAnswer {
  request: FastifyRequest
  reply: FastifyReply
  model: ServedModel
  /** the customers' segment (for the sorted positions) */
  segment: number
  /** for the cursor: which list this is */
  route: string
  context: Record<string, unknown>
  /** e.g. "was in segment s of `from`" */
  extra?: (customer: number) => boolean
  fileName: string
  /** the JSON body around the page */
  envelope: Record<string, unknown>
}

/** A page of the listing (JSON) or all of it (CSV): the part audiences and movers share. */
function answerListing ({ request, reply, model, segment, route, context, extra, fileName, envelope }: ListingAnswer): unknown {
  const query = request.query as ListingQuery
  const sort = (query.sort ?? 'monetary') as AudienceSort
  const order = (query.order ?? 'desc') as SortOrder
  const filters = filtersOf(query)
  const index = model.audience
  const problem = valueProblem(index, model.version, sort, filters)
  if (problem !== null) throw new HttpError(422, problem.code, problem.message)
  const list = listing(index, segment, sort, order, acceptsFilters(index, filters, extra))
  const values = valueInfo(index)

  if (wantsCsv(request)) {
    if (query.cursor !== undefined || query.limit !== undefined) {
      throw new HttpError(400, 'ERR_CSV_NOT_PAGED', 'the CSV export is the whole list, not a page: leave out cursor and limit')
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}-${model.version}.csv"`)
      .send(audienceCsv(index, model.segmentModel, list))
  }

  const cursorContext = listingContext(model.version, route, { ...context, sort, order, ...filters })
  let start = 0
  if (query.cursor !== undefined) {
    const rank = decodeCursor(cursorContext, query.cursor)
    if (rank === null) {
      throw new HttpError(400, 'ERR_CURSOR_INVALID', 'querystring/cursor is not a cursor of this list: pass the nextCursor of the previous page with the same ' +
        'segment, sort, order, filters and version (a cursor is valid as long as its version exists)')
    }
    start = rank
  }
  const page = pageOf(list, start, query.limit ?? DEFAULT_AUDIENCE_LIMIT)
  return {
    version: model.version,
    ...envelope,
    sort,
    order,
    value: values,
    customers: page.customers.map((i) => audienceRow(index, model.segmentModel, i)),
    nextCursor: page.next === null ? null : encodeCursor(cursorContext, page.next)
  }
}

const NO_VALUES = {
  summary: 'a version without value estimates',
  code: 'ERR_NO_VALUE_ESTIMATES',
  message: `model version ${EXAMPLE_VERSION} has no value estimates (no values.bin), so sort=expectedRevenue cannot be answered: sort by monetary, frequency or recency, or retrain`
}
const NO_P_ALIVE = {
  summary: 'P(alive) not estimated',
  code: 'ERR_P_ALIVE_NOT_ESTIMATED',
  message: `model version ${EXAMPLE_VERSION} has no P(alive): its data could not estimate dropout (dropout: degenerate), so minPAlive cannot be answered`
}
const SEGMENT_NOT_FOUND = {
  summary: 'unknown segment',
  code: 'ERR_SEGMENT_NOT_FOUND',
  message: `segment "vip" is not a segment of model version ${EXAMPLE_VERSION}: give an id or a label (any case) of 0 High-Value, 1 Regular, 2 Occasional, 3 At-Risk`
}
const VERSION_NOT_FOUND = { summary: 'the ?version= is not on disk', code: 'ERR_MODEL_VERSION_NOT_FOUND', message: `model version ${EXAMPLE_VERSION} is not in the artifacts directory` }
const NO_EARLIER = {
  summary: 'no earlier version',
  code: 'ERR_NO_EARLIER_VERSION',
  message: `model version ${EXAMPLE_VERSION} is the oldest in the artifacts directory: there is no earlier version to compare with`
}
const FROM_NOT_FOUND = { summary: '`from` is not on disk', code: 'ERR_MODEL_VERSION_NOT_FOUND', message: 'from: model version 20261118T154500Z-8d2e07 is not in the artifacts directory' }
const FROM_INVALID = { summary: '`from` cannot be loaded', code: 'ERR_MODEL_VERSION_INVALID', message: 'from: model version 20261118T154500Z-8d2e07 cannot be served: customers.bin: sha256 differs from the manifest' }
const CURSOR_INVALID = { summary: 'a cursor of another list', code: 'ERR_CURSOR_INVALID', message: 'querystring/cursor is not a cursor of this list: pass the nextCursor of the previous page with the same segment, sort, order, filters and version' }

const listResponses = (description: string, pageSchema: ReturnType<typeof ref>, notFound: ReturnType<typeof errorResponse>, unprocessable: ReturnType<typeof errorResponse>) => ({
  200: {
    description,
    content: {
      'application/json': { schema: pageSchema },
      'text/csv': { schema: ref(AudienceCsvSchema) }
    }
  },
  400: errorResponse(400, 'A parameter is invalid, or the cursor is not one of this list', CURSOR_INVALID, { code: 'ERR_VALIDATION', message: 'querystring/limit must be <= 1000' }),
  404: notFound,
  422: unprocessable,
  503: ModelErrorResponses[503]
})

const audienceRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const store = fastify.modelStore
  const answersCsv: AnswerFormatConfig = { answersCsv: true }

  /** `from` (or the version before `model`) loaded through the store: its 404/422 say it is about `from`. */
  async function fromModel (model: ServedModel, from: string | undefined): Promise<ServedModel> {
    for (let attempt = 0; ; attempt++) {
      // a remembered previous version pruned since: look again, once
      const name = from ?? await previousVersionOf(store.artifactsDir, model, attempt > 0)
      if (name === null) {
        throw new HttpError(404, 'ERR_NO_EARLIER_VERSION', `model version ${model.version} is the oldest in the artifacts directory: there is no earlier version to compare with`)
      }
      try {
        return await store.get(name)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        if (from === undefined && attempt === 0 && error.statusCode === 404) continue
        throw new HttpError(error.statusCode, error.code, `from: ${error.message}`)
      }
    }
  }

  fastify.get('/:segment/customers', {
    config: answersCsv,
    schema: {
      operationId: 'listSegmentCustomers',
      summary: 'An audience: the known customers of a segment',
      description: 'The customers of the training data in one segment (by id or label, any case), sorted and filtered, a page at a time ' +
        '(`nextCursor`), with their value estimates when the version has them. `Accept: text/csv` or `format=csv`: the whole audience ' +
        '(filters applied, no pages) as a streamed CSV download named `<segment>-<version>.csv`.',
      tags: ['Segments'],
      params: AudienceParamsSchema,
      querystring: Type.Object(ListingQueryFields),
      response: listResponses('A page of the audience (JSON), or all of it (CSV)', ref(AudiencePageSchema),
        errorResponse(404, 'The segment is not one of the version\'s (the message lists them), or the ?version= is not in the artifacts directory', SEGMENT_NOT_FOUND, VERSION_NOT_FOUND),
        errorResponse(422, 'The version cannot answer this: it has no value estimates, or no P(alive); or the ?version= cannot be served', NO_VALUES, NO_P_ALIVE,
          { code: 'ERR_MODEL_VERSION_INVALID', message: `model version ${EXAMPLE_VERSION} cannot be served: customers.bin: sha256 differs from the manifest` }))
    }
  }, async function (request, reply) {
    const model = await store.get(request.query.version)
    const segment = segmentOrThrow(model, request.params.segment, 'segment')
    return answerListing({
      request,
      reply,
      model,
      segment: segment.id,
      route: 'audience',
      context: { segment: segment.id },
      fileName: fileNamePart(segment.label),
      envelope: { segment: { id: segment.id, label: segment.label }, size: segment.size }
    })
  })

  fastify.get('/transitions', {
    schema: {
      operationId: 'getSegmentTransitions',
      summary: 'How customers moved between segments since an earlier version',
      description: 'Segments matched by label, customers by id: for each segment of `from` (default: the version before the one answering), ' +
        'how many of its customers are in each segment now, and the customers new in this version or no longer in it.',
      tags: ['Segments'],
      querystring: TransitionsQuerySchema,
      response: {
        200: ref(SegmentTransitionsSchema),
        400: BadRequestResponse,
        404: errorResponse(404, 'There is no version before the one answering, or `from` or the ?version= is not in the artifacts directory', NO_EARLIER, FROM_NOT_FOUND, VERSION_NOT_FOUND),
        422: errorResponse(422, '`from` or the ?version= cannot be loaded (the reason says why)', FROM_INVALID),
        503: ModelErrorResponses[503]
      }
    }
  }, async function (request) {
    const model = await store.get(request.query.version)
    const from = await fromModel(model, request.query.from)
    return { version: model.version, ...compareServed(from, model).movements }
  })

  fastify.get('/transitions/customers', {
    config: answersCsv,
    schema: {
      operationId: 'listSegmentMovers',
      summary: 'The customers who moved from one segment to another since an earlier version',
      description: 'Customers who were in `fromSegment` of version `from` (default: the version before the one answering) and are in ' +
        '`toSegment` now (ids or labels, any case), with the same pages, sorting, filters and CSV export as an audience.',
      tags: ['Segments'],
      querystring: MoversQuerySchema,
      response: listResponses('A page of the movers (JSON), or all of them (CSV)', ref(MoversPageSchema),
        errorResponse(404, 'No version before the one answering; `from` or the ?version= is not on disk; or a segment is not one of its version\'s', NO_EARLIER, FROM_NOT_FOUND, SEGMENT_NOT_FOUND),
        errorResponse(422, '`from` cannot be loaded, or the version has no value estimates / no P(alive) for the sort or filter asked', FROM_INVALID, NO_VALUES, NO_P_ALIVE))
    }
  }, async function (request, reply) {
    const model = await store.get(request.query.version)
    const from = await fromModel(model, request.query.from)
    const fromSegment = segmentOrThrow(from, request.query.fromSegment, 'fromSegment')
    const toSegment = segmentOrThrow(model, request.query.toSegment, 'toSegment')
    const { previousSegment } = compareServed(from, model)
    const was = fromSegment.id
    return answerListing({
      request,
      reply,
      model,
      segment: toSegment.id,
      route: 'movers',
      context: { from: from.version, fromSegment: was, toSegment: toSegment.id },
      extra: (customer) => previousSegment[customer] === was,
      fileName: `${fileNamePart(fromSegment.label)}-to-${fileNamePart(toSegment.label)}`,
      envelope: { from: from.version, fromSegment: { id: fromSegment.id, label: fromSegment.label }, toSegment: { id: toSegment.id, label: toSegment.label } }
    })
  })
}

export default audienceRoutes
