// Error responses of the resource routes (recommendations, products, segments, customers) for the
// OpenAPI document: the shared ErrorSchema with a description and an example per status.
import { errorResponse } from '../schemas/error.js'

export { errorResponse }

export const BadRequestResponse = errorResponse('The request is invalid: the message says which parameter or field', 400, 'Bad Request',
  'ERR_VALIDATION', 'querystring/limit must be <= 50')

/** Errors every read from a model can answer: `?version=` unknown or unloadable, or no model loaded yet. */
export const ModelErrorResponses = {
  422: errorResponse('The requested ?version= exists but cannot be served (invalid: the reason says why)', 422, 'Unprocessable Entity',
    'ERR_MODEL_VERSION_INVALID', 'model version 20261125T154500Z-3fa9c1 cannot be served: neighbours.json: sha256 differs from the manifest'),
  503: errorResponse('No model version is loaded yet', 503, 'Service Unavailable',
    'ERR_MODEL_NOT_READY', 'no model version is loaded yet: train one (npm run train) or wait for the trainer to publish')
}

/** A 404: `what` is not found, or the ?version= is not on disk. */
export function notFoundResponse (what: string, code: string, message: string): ReturnType<typeof errorResponse> {
  return errorResponse(`${what}, or the ?version= is not in the artifacts directory`, 404, 'Not Found', code, message)
}

export const VersionNotFoundResponse = errorResponse('The ?version= is not in the artifacts directory', 404, 'Not Found',
  'ERR_MODEL_VERSION_NOT_FOUND', 'model version 20261125T154500Z-3fa9c1 is not in the artifacts directory')
