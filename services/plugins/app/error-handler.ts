// One error handler for the whole service: every 4xx/5xx body is an ErrorSchema. 4xx messages
// say what was wrong (validation errors name the field); unexpected errors are logged with the
// request id and answered with a generic 500 that only carries that id.
import { STATUS_CODES } from 'node:http'
import fp from 'fastify-plugin'
import type { FastifyError, RouteOptions } from 'fastify'
import { ArtifactError, ShopperError, isUserError } from '../../../lib/errors.js'
import { ErrorSchema, type ErrorBody } from '../../schemas/error.js'
import { applyParameterRules } from '../../http/parameters.js'

interface MaybeExposed { expose?: boolean }

function statusOf (error: FastifyError): number {
  if (error instanceof ArtifactError) return 422
  if (isUserError(error)) return 400
  const status = error.statusCode
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500
}

export function errorBody (statusCode: number, message: string, code?: string): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message }
  if (code) body.code = code
  return body
}

/**
 * Every route documents the errors this handler can give it: 400 (every documented route checks
 * its query string, if only to refuse parameters it does not take) and 500. Routes declare their
 * specific errors (404, 409 …) themselves.
 */
function documentErrorResponses (route: RouteOptions): void {
  const schema = route.schema
  if (!schema?.response || typeof schema.response !== 'object') return
  const response = schema.response as Record<string, unknown>
  schema.response = {
    ...response,
    ...(!('400' in response) ? { 400: ErrorSchema } : {}),
    ...(!('500' in response) ? { 500: ErrorSchema } : {})
  }
}

export default fp(async function errorHandlerPlugin (fastify) {
  fastify.addHook('onRoute', function (route) {
    // the rules every route's parameters follow (decimal numbers, no unknown query parameters)
    applyParameterRules(route)
    documentErrorResponses(route)
  })

  fastify.setErrorHandler(function (error: FastifyError, request, reply) {
    if (error.validation) {
      return reply.code(400).send(errorBody(400, error.message, 'ERR_VALIDATION'))
    }
    const status = statusOf(error)
    const exposed = status < 500 || (error as MaybeExposed).expose === true
    if (!exposed) {
      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send(errorBody(500, `internal error (request id ${request.id}); the details are in the service log`, 'ERR_INTERNAL'))
    }
    if (status >= 500) request.log.warn({ err: error }, 'request refused')
    const code = typeof error.code === 'string' ? error.code : error instanceof ShopperError ? error.code : undefined
    return reply.code(status).send(errorBody(status, error.message, code))
  })

  fastify.setNotFoundHandler(function (request, reply) {
    return reply.code(404).send(errorBody(404, `no route ${request.method} ${request.url.split('?')[0]}: see /docs for the API`, 'ERR_ROUTE_NOT_FOUND'))
  })
}, { name: 'error-handler', fastify: '5.x' })
