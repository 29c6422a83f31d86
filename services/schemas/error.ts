// The body of every 4xx/5xx answer. One global error handler (plugins/app/error-handler.ts)
// produces it, so clients can always match on `statusCode` and `code`.
import { Type, type Static } from '@sinclair/typebox'

export const ErrorSchema = Type.Object({
  statusCode: Type.Integer({ minimum: 400, maximum: 599, examples: [404] }),
  error: Type.String({ description: 'HTTP reason phrase', examples: ['Not Found'] }),
  code: Type.Optional(Type.String({ description: 'stable machine-readable error code', examples: ['ERR_MODEL_VERSION_NOT_FOUND'] })),
  message: Type.String({ description: 'what was wrong, for a human', examples: ['model version 20261125T154500Z-3fa9c1 is not in the artifacts directory'] })
}, { title: 'Error', description: 'Error body of every 4xx and 5xx answer' })
export type ErrorBody = Static<typeof ErrorSchema>
