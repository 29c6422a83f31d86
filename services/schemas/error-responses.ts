// The error responses that many routes document: what the error handler's hook adds to every
// route (400, 414, 431, 413/415, 500, load shedding's 503), what every read from a model can
// answer (?version= missing or invalid, no model yet) and what the model operations answer. Each is the shared ErrorBody with its own
// description and example bodies; routes' own errors are beside the routes.
import { eitherErrorResponse, errorResponse, type ErrorExample } from './error.js'

/** What every documented route can answer: a parameter or a field is invalid (at least, an unknown query parameter). */
export const BadRequestResponse = errorResponse(400, 'The request is invalid: the message says which parameter or field',
  { code: 'ERR_VALIDATION', message: 'querystring/limit must be <= 50' })

/** An unexpected error: logged with the request id, which is all the answer tells. */
export const InternalErrorResponse = errorResponse(500, 'An unexpected error: the service log has the details under the request id',
  { code: 'ERR_INTERNAL', message: 'internal error (request id 7b0c1f9e-2d4a-4c59-9d1e-0f6b8a3c2e11); the details are in the service log' })

/** What load shedding answers on every route but the health probes (plugins/external/under-pressure.ts). */
export const OverloadedResponse = errorResponse(503, 'The service is overloaded (load shedding): retry after the Retry-After header\'s seconds',
  { summary: 'load shedding', code: 'ERR_OVERLOADED', message: 'the service is overloaded: event-loop delay 812 ms is over the 200 ms limit (MAX_EVENT_LOOP_DELAY_MS); retry after 5 s' })

/**
 * What the HTTP layer can answer on any route before the route runs (services/http/client-errors.ts):
 * the error-handler plugin adds these to every route's responses.
 */
export const HttpLayerResponses = {
  414: errorResponse(414, 'The URL is too long: over the HTTP parser\'s limit (16 KiB with the request line and headers), or a path segment over 100 characters',
    { code: 'ERR_URI_TOO_LONG', message: 'a path segment is longer than 100 characters' }),
  431: errorResponse(431, 'The request line and headers are larger than the HTTP parser\'s limit (16 KiB)',
    { code: 'ERR_HEADERS_TOO_LARGE', message: 'the request line and headers are larger than 16 KiB' })
}

/** What body parsing can answer on any route whose method carries a body (POST, PUT, PATCH, DELETE). */
export const BodyParsingResponses = {
  413: errorResponse(413, 'The body is larger than the route accepts', { code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'Request body is too large' }),
  415: errorResponse(415, 'The body\'s content type is not one the route reads', { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', message: 'Unsupported Media Type' })
}

const VERSION_NOT_FOUND: ErrorExample = {
  summary: 'the ?version= is not on disk',
  code: 'ERR_MODEL_VERSION_NOT_FOUND',
  message: 'model version 20261125T154500Z-3fa9c1 is not in the artifacts directory'
}

/** Errors every read from a model can answer: `?version=` unloadable, or no model loaded yet. */
export const ModelErrorResponses = {
  422: errorResponse(422, 'The requested ?version= exists but cannot be served (invalid: the reason says why)',
    { code: 'ERR_MODEL_VERSION_INVALID', message: 'model version 20261125T154500Z-3fa9c1 cannot be served: neighbours.bin: sha256 differs from the manifest' }),
  503: errorResponse(503, 'No model version is loaded yet',
    { summary: 'no model yet', code: 'ERR_MODEL_NOT_READY', message: 'no model version is loaded yet: train one (npm run train) or wait for the trainer to publish' })
}

/** A 404 of a route that finds nothing by itself: only the ?version= can be missing. */
export const VersionNotFoundResponse = errorResponse(404, 'The ?version= is not in the artifacts directory', VERSION_NOT_FOUND)

/** A 404: `what` is not found (`notFound`), or the ?version= is not on disk. */
export function notFoundResponse (what: string, notFound: ErrorExample): ReturnType<typeof errorResponse> {
  return errorResponse(404, `${what}, or the ?version= is not in the artifacts directory`, notFound, VERSION_NOT_FOUND)
}

/**
 * What a route that needs an API key can answer before it runs (plugins/app/auth.ts adds these to
 * every such route): no key or a wrong one (401), a valid key whose scope is too narrow (403).
 */
export const AuthErrorResponses = {
  401: errorResponse(401, 'No API key, or not a valid one: send the header Authorization: Bearer <key> (the answer carries WWW-Authenticate: Bearer)',
    { summary: 'no key', code: 'ERR_UNAUTHORIZED', message: 'this operation needs an API key: send the header Authorization: Bearer <key>' },
    { summary: 'wrong key', code: 'ERR_UNAUTHORIZED', message: 'the Authorization header holds no valid API key: send Authorization: Bearer <key>' }),
  403: errorResponse(403, 'The API key is valid, but its scope does not include this operation (WWW-Authenticate: Bearer error="insufficient_scope")',
    { code: 'ERR_INSUFFICIENT_SCOPE', message: 'a storefront key may not call GET /customers/:id: it needs a crm or admin key' })
}

/** The model operations' 403: also when no key at all is configured (an open admin API is never the default). */
export const AdminForbiddenResponse = eitherErrorResponse(
  errorResponse(403, 'Model operations are disabled: no API key is configured',
    { code: 'ERR_ADMIN_DISABLED', message: 'model operations are disabled: no API key is configured; set ADMIN_TOKEN (16 or more characters) or an admin key in API_KEYS and restart the service to enable them' }),
  AuthErrorResponses[403])

/**
 * What the model operations (PUT/DELETE /models/active) can answer besides their own errors and the
 * API key's check (AuthErrorResponses): the pin's write into the artifacts directory.
 */
export const AdminErrorResponses = {
  409: errorResponse(409, 'The artifacts directory is read-only for this replica: pin with the trainer\'s `models pin VERSION`',
    { code: 'ERR_ARTIFACTS_READ_ONLY', message: 'the artifacts directory /artifacts is not writable here (EROFS): pins are recorded in it for every replica; mount it writable for the admin API, or pin with the trainer\'s command: models pin VERSION' }),
  503: errorResponse(503, 'A trainer holds the artifacts directory\'s lock (publishing): try again in a few seconds',
    { summary: 'a trainer is publishing', code: 'ERR_ARTIFACTS_LOCKED', message: 'a trainer is publishing into the artifacts directory: try again in a few seconds' }),
  507: errorResponse(507, 'The artifacts directory is full: the pin was not recorded',
    { code: 'ERR_ARTIFACTS_FULL', message: 'the artifacts directory /artifacts is full (ENOSPC): the pin was not recorded' })
}
