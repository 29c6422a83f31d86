// Errors the service raises on purpose, with the HTTP status they map to. The global error handler
// turns them into an ErrorSchema body; `code` is stable so clients and tests match on it.
import { STATUS_CODES } from 'node:http'
import type { ErrorBody } from './schemas/error.js'

export type ServiceErrorCode =
  | 'ERR_MODEL_NOT_READY'
  | 'ERR_MODEL_VERSION_NOT_FOUND'
  | 'ERR_MODEL_VERSION_INVALID'
  | 'ERR_ADMIN_DISABLED'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_INSUFFICIENT_SCOPE'
  | 'ERR_ROUTE_NOT_FOUND'
  | 'ERR_METHOD_NOT_ALLOWED'
  | 'ERR_URI_TOO_LONG'
  | 'ERR_HEADERS_TOO_LARGE'
  | 'ERR_REQUEST_TIMEOUT'
  | 'ERR_BAD_REQUEST'
  | (string & {})

/** The body of every 4xx/5xx answer (ErrorSchema). */
export function errorBody (statusCode: number, message: string, code?: string): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message }
  if (code) body.code = code
  return body
}

export class HttpError extends Error {
  readonly statusCode: number
  readonly code: ServiceErrorCode
  /** message is safe to show to the client, even for a 5xx (e.g. 503 not ready) */
  readonly expose = true
  constructor (statusCode: number, code: ServiceErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'HttpError'
    this.statusCode = statusCode
    this.code = code
  }

  get error (): string {
    return STATUS_CODES[this.statusCode] ?? 'Error'
  }
}

export function modelNotReady (): HttpError {
  return new HttpError(503, 'ERR_MODEL_NOT_READY', 'no model version is loaded yet: train one (npm run train) or wait for the trainer to publish')
}

export function versionNotFound (version: string): HttpError {
  return new HttpError(404, 'ERR_MODEL_VERSION_NOT_FOUND', `model version ${version} is not in the artifacts directory`)
}

export function versionInvalid (version: string, reason: string): HttpError {
  return new HttpError(422, 'ERR_MODEL_VERSION_INVALID', `model version ${version} cannot be served: ${reason}`)
}

/** Request text quoted in a message, cut short: a method or a path can be kilobytes long. */
function clipped (text: string): string {
  return text.length <= 100 ? text : `${text.slice(0, 99)}…`
}

/** 405: the path exists with other methods (`allowed`, also the Allow header), or the method is served nowhere. */
export function methodNotAllowed (method: string, path: string, allowed: readonly string[]): HttpError {
  return new HttpError(405, 'ERR_METHOD_NOT_ALLOWED', `${clipped(method)} is not allowed on ${clipped(path)}: it takes ${allowed.length > 0 ? allowed.join(', ') : 'no method'}`)
}

/** 401: no API key (`missing`), or a header with no valid one. */
export function unauthorized (missing: boolean): HttpError {
  return new HttpError(401, 'ERR_UNAUTHORIZED', missing
    ? 'this operation needs an API key: send the header Authorization: Bearer <key>'
    : 'the Authorization header holds no valid API key: send Authorization: Bearer <key>')
}

/** 403: a valid key of scope `held` on `route`, which takes keys of the `accepted` scopes (`configured`: some such key exists). */
export function insufficientScope (held: string, route: string, accepted: readonly string[], configured: boolean): HttpError {
  const a = (word: string): string => `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`
  return new HttpError(403, 'ERR_INSUFFICIENT_SCOPE', `${a(held)} key may not call ${route}: it needs ${a(accepted.join(' or '))} key` +
    (configured ? '' : `; no ${accepted.join(' or ')} key is configured`))
}

/** 403: no API key is configured at all, and model operations are never open. */
export function adminDisabled (): HttpError {
  return new HttpError(403, 'ERR_ADMIN_DISABLED', 'model operations are disabled: no API key is configured; set ADMIN_TOKEN (16 or more characters) or an admin key in API_KEYS and restart the service to enable them')
}
