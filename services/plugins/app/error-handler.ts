// One error handler for the whole service: every 4xx/5xx body is an ErrorSchema. 4xx messages
// say what was wrong (validation errors name the field); unexpected errors are logged with the
// request id and answered with a generic 500 that only carries that id.
import fp from 'fastify-plugin'
import type { FastifyError, RouteOptions } from 'fastify'
import { ArtifactError, ShopperError, isUserError } from '../../../lib/errors.js'
import { ErrorSchema, eitherErrorResponse, type ErrorResponse } from '../../schemas/error.js'
import { BadRequestResponse, BodyParsingResponses, HttpLayerResponses, InternalErrorResponse, OverloadedResponse } from '../../schemas/error-responses.js'
import { errorBody, methodNotAllowed } from '../../errors.js'
import { applyParameterRules } from '../../http/parameters.js'
import { allowedMethods } from '../../http/allowed-methods.js'

interface MaybeExposed { expose?: boolean }

function statusOf (error: FastifyError): number {
  if (error instanceof ArtifactError) return 422
  if (isUserError(error)) return 400
  const status = error.statusCode
  return typeof status === 'number' && status >= 400 && status <= 599 ? status : 500
}

// where plugins that answer by themselves (load shedding) have always found it
export { errorBody }

/** Methods whose requests Fastify reads a body for (so 413 and 415 can come back). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'QUERY'])

function isErrorResponse (response: unknown): response is ErrorResponse {
  return typeof response === 'object' && response !== null && 'content' in response &&
    typeof (response as ErrorResponse).content['application/json']?.examples === 'object'
}

/**
 * Every route documents what can come back besides its own answers: 400 (every documented route
 * checks its query string, if only to refuse parameters it does not take), 414 and 431 (the HTTP
 * layer), 413 and 415 when its method carries a body, 500, and 503 when load shedding can answer
 * it. Routes declare their specific errors (404, 409 …) themselves, and may describe these more
 * precisely (POST /segments' 415); a route's own 503 is documented beside load shedding's.
 * Who may call the route (`security`, 401, 403) is documented by the auth plugin (plugins/app/auth.ts).
 */
function documentRoute (route: RouteOptions): void {
  const schema = route.schema
  if (!schema?.response || typeof schema.response !== 'object') return
  const own = schema.response as Record<string, unknown>
  const methods = [route.method].flat()
  const shed = route.config?.neverShed !== true
  const general: Record<string, unknown> = {
    400: BadRequestResponse,
    ...HttpLayerResponses,
    ...(methods.some((method) => BODY_METHODS.has(method)) ? BodyParsingResponses : {}),
    500: InternalErrorResponse,
    ...(shed ? { 503: OverloadedResponse } : {})
  }
  const unavailable = shed && isErrorResponse(own[503]) ? { 503: eitherErrorResponse(own[503], OverloadedResponse) } : {}
  schema.response = { ...general, ...own, ...unavailable }
}

export default fp(async function errorHandlerPlugin (fastify) {
  // the body of every error, referred to by every route's documented error responses
  fastify.addSchema(ErrorSchema)

  /** every method some route has, for telling a method served elsewhere from one served nowhere */
  const servedMethods = new Set<string>()

  fastify.addHook('onRoute', function (route) {
    for (const method of [route.method].flat()) servedMethods.add(method)
    // the rules every route's parameters follow (decimal numbers, no unknown query parameters)
    applyParameterRules(route)
    documentRoute(route)
  })

  // Only a successful answer may be cached: an error is about this request at this moment (a
  // tampered report's 422 must not be kept for an hour under the report's cache-control), so
  // every 4xx/5xx, whoever sends it, is no-store and carries no validator.
  fastify.addHook('onSend', function (_request, reply, payload, done) {
    if (reply.statusCode >= 400) {
      reply.header('cache-control', 'no-store')
      reply.removeHeader('etag')
    }
    done(null, payload)
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

  // A path that exists with other methods is a 405 naming them (Allow); so is a method no route
  // has (TRACE, PROPFIND …) on any path, known or not. Only a method the service serves, on a
  // path it does not have, is a 404.
  fastify.setNotFoundHandler(function (request, reply) {
    const path = request.url.split('?')[0]
    const allowed = allowedMethods(fastify, request.url)
    if (allowed.length > 0 || !servedMethods.has(request.method)) {
      const error = methodNotAllowed(request.method, path, allowed)
      return reply.code(405).header('allow', allowed.join(', ')).send(errorBody(405, error.message, error.code))
    }
    return reply.code(404).send(errorBody(404, `no route ${request.method} ${path}: see /docs for the API`, 'ERR_ROUTE_NOT_FOUND'))
  })
}, { name: 'error-handler', fastify: '5.x' })
