// Error responses that many operations document identically (every route's 400, 414, 431, 500 …)
// are one entry each of the OpenAPI document's `components.responses`, and each operation refers
// to it: the document is written once per response instead of once per operation, and generated
// clients get one name per response. Route schemas cannot hold such a reference themselves (Fastify
// compiles them), so the finished document is rewritten: a response equal to a named one below
// becomes `{ $ref: '#/components/responses/<name>' }`.
import { isDeepStrictEqual } from 'node:util'
import { eitherErrorResponse, type ErrorResponse } from './error.js'
import {
  AdminErrorResponses, AdminForbiddenResponse, AuthErrorResponses, BadRequestResponse, BodyParsingResponses, HttpLayerResponses, InternalErrorResponse, ModelErrorResponses, OverloadedResponse,
  VersionNotFoundResponse
} from './error-responses.js'

export const SHARED_RESPONSES: Readonly<Record<string, ErrorResponse>> = {
  BadRequest: BadRequestResponse,
  PayloadTooLarge: BodyParsingResponses[413],
  UnsupportedMediaType: BodyParsingResponses[415],
  UriTooLong: HttpLayerResponses[414],
  HeadersTooLarge: HttpLayerResponses[431],
  InternalError: InternalErrorResponse,
  Overloaded: OverloadedResponse,
  VersionNotFound: VersionNotFoundResponse,
  ModelVersionInvalid: ModelErrorResponses[422],
  // what the error handler's hook makes of a model route's 503 (not ready) and load shedding's
  ModelNotReadyOrOverloaded: eitherErrorResponse(ModelErrorResponses[503], OverloadedResponse),
  Unauthorized: AuthErrorResponses[401],
  InsufficientScope: AuthErrorResponses[403],
  AdminForbidden: AdminForbiddenResponse,
  ArtifactsReadOnly: AdminErrorResponses[409],
  ArtifactsFull: AdminErrorResponses[507]
}

interface Document {
  paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>>
  components?: { responses?: Record<string, unknown>, schemas?: unknown }
}

/** The response as @fastify/swagger writes it: the same, with the schema's $ref made a document pointer. */
function asDocumented (response: ErrorResponse): unknown {
  const media = response.content['application/json']
  return { ...response, content: { 'application/json': { ...media, schema: { $ref: `#/components/schemas/${(media.schema as unknown as { $ref: string }).$ref}` } } } }
}

/** Rewrites `document` in place: shared responses become references to `components.responses`. */
export function referSharedResponses<T extends object> (openapiObject: T): T {
  const document = openapiObject as Document
  const shared = Object.entries(SHARED_RESPONSES).map(([name, response]) => ({ name, documented: asDocumented(response) }))
  const used: Record<string, unknown> = {}
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const match = shared.find(({ documented }) => isDeepStrictEqual(response, documented))
        if (!match) continue
        used[match.name] = match.documented
        operation.responses![status] = { $ref: `#/components/responses/${match.name}` }
      }
    }
  }
  document.components = { ...document.components, responses: { ...document.components?.responses, ...used } }
  return openapiObject
}
