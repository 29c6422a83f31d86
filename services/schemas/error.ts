// The body of every 4xx/5xx answer. One global error handler (plugins/app/error-handler.ts)
// produces it, so clients can always match on `statusCode` and `code`.
import { Type, type Static } from 'typebox'

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ minimum: 400, maximum: 599, examples: [404] }),
  error: Type.String({ description: 'HTTP reason phrase', examples: ['Not Found'] }),
  code: Type.Optional(Type.String({ description: 'stable machine-readable error code', examples: ['ERR_MODEL_VERSION_NOT_FOUND'] })),
  message: Type.String({ description: 'what was wrong, for a human', examples: ['model version 20261125T154500Z-3fa9c1 is not in the artifacts directory'] })
}, { title: 'Error', description: 'Error body of every 4xx and 5xx answer' })
export type ErrorBody = Static<typeof ErrorSchema>

/** An error response for the OpenAPI document: ErrorSchema with a description and an example. */
export function errorResponse (description: string, statusCode: number, error: string, code: string, message: string): typeof ErrorSchema & { description: string, examples: ErrorBody[] } {
  return { ...ErrorSchema, description, examples: [{ statusCode, error, code, message }] }
}

/**
 * What the HTTP layer can answer on any route before the route runs (services/http/client-errors.ts):
 * the error-handler plugin adds these to every route's responses.
 */
export const HttpLayerResponses = {
  414: errorResponse('The URL is too long: over the HTTP parser\'s limit (16 KiB with the request line and headers), or a path segment over 100 characters',
    414, 'URI Too Long', 'ERR_URI_TOO_LONG', 'a path segment is longer than 100 characters'),
  431: errorResponse('The request line and headers are larger than the HTTP parser\'s limit (16 KiB)',
    431, 'Request Header Fields Too Large', 'ERR_HEADERS_TOO_LARGE', 'the request line and headers are larger than 16 KiB')
}

/** What body parsing can answer on any route whose method carries a body (POST, PUT, PATCH, DELETE). */
export const BodyParsingResponses = {
  413: errorResponse('The body is larger than the route accepts', 413, 'Payload Too Large', 'FST_ERR_CTP_BODY_TOO_LARGE', 'Request body is too large'),
  415: errorResponse('The body\'s content type is not one the route reads', 415, 'Unsupported Media Type', 'FST_ERR_CTP_INVALID_MEDIA_TYPE', 'Unsupported Media Type')
}
