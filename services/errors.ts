// Errors the service raises on purpose, with the HTTP status they map to. The global error handler
// turns them into an ErrorSchema body; `code` is stable so clients and tests match on it.
import { STATUS_CODES } from 'node:http'

export type ServiceErrorCode =
  | 'ERR_MODEL_NOT_READY'
  | 'ERR_MODEL_VERSION_NOT_FOUND'
  | 'ERR_MODEL_VERSION_INVALID'
  | 'ERR_ADMIN_DISABLED'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_ROUTE_NOT_FOUND'
  | (string & {})

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
