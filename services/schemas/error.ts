// The body of every 4xx/5xx answer. One global error handler (plugins/app/error-handler.ts)
// produces it, so clients can always match on `statusCode` and `code`. It is one named component
// of the OpenAPI document (`ErrorBody`); every error response refers to it and carries its own
// example, so a 500's example is a 500 body and a 404's a 404 body.
import { STATUS_CODES } from 'node:http'
import { Type, type Static } from 'typebox'
import { ref } from './ref.js'

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ minimum: 400, maximum: 599, description: 'the HTTP status of the answer' }),
  error: Type.String({ description: 'HTTP reason phrase' }),
  code: Type.Optional(Type.String({ description: 'stable machine-readable error code' })),
  message: Type.String({ description: 'what was wrong, for a human' })
}, { $id: 'ErrorBody', description: 'The body of every 4xx and 5xx answer' })
export type ErrorBody = Static<typeof ErrorSchema>

export const ErrorRef = ref(ErrorSchema)

/** One way an error response happens: its code and a real message. */
export interface ErrorExample {
  code: string
  message: string
  /** a short name for it, when a response documents several */
  summary?: string
}

/** An OpenAPI response (and a Fastify response schema, by content type) whose body is ErrorBody. */
export interface ErrorResponse {
  description: string
  content: {
    'application/json': {
      schema: typeof ErrorRef
      /** by code: one example body per way the response happens */
      examples: Record<string, { summary?: string, value: ErrorBody }>
    }
  }
}

/**
 * A documented error response: the description, the shared ErrorBody schema and an example body
 * per way it happens, each of this status (the examples cannot disagree with the status).
 */
export function errorResponse (statusCode: number, description: string, ...examples: [ErrorExample, ...ErrorExample[]]): ErrorResponse {
  const error = STATUS_CODES[statusCode] ?? 'Error'
  const byCode: ErrorResponse['content']['application/json']['examples'] = {}
  for (const { code, message, summary } of examples) {
    // named by code; two ways with one code (a missing or a wrong token) get a number
    let name = code
    for (let n = 2; name in byCode; n++) name = `${code}_${n}`
    byCode[name] = { ...(summary ? { summary } : {}), value: { statusCode, error, code, message } }
  }
  return { description, content: { 'application/json': { schema: ErrorRef, examples: byCode } } }
}

/**
 * One response documenting both ways a status happens (a route's own 503 and load shedding's);
 * `first` itself when it already documents `second` (a GET's schema is seen again for its HEAD).
 */
export function eitherErrorResponse (first: ErrorResponse, second: ErrorResponse): ErrorResponse {
  const [a, b] = [first.content['application/json'], second.content['application/json']]
  if (Object.keys(b.examples).every((name) => name in a.examples)) return first
  return {
    description: `${first.description}; or: ${second.description}`,
    content: { 'application/json': { schema: ErrorRef, examples: { ...a.examples, ...b.examples } } }
  }
}
