// One serializer per schema object, built with the shared schemas it refers to.
import t from 'tap'
import { Type } from 'typebox'
import { cachedSerializerBuilder } from '../../../services/schemas/cached-serializers.js'
import { ErrorRef, ErrorSchema } from '../../../services/schemas/error.js'

t.test('the same schema object is built once, whatever the route and status; another object gets its own', async (t) => {
  const compile = cachedSerializerBuilder()({ ErrorBody: ErrorSchema }, {})
  const first = compile({ schema: ErrorRef, method: 'GET', url: '/a', httpStatus: '404' })
  t.equal(compile({ schema: ErrorRef, method: 'POST', url: '/b', httpStatus: '500' }), first)
  t.equal(first({ statusCode: 404, error: 'Not Found', message: 'no', secret: 'dropped' }), '{"statusCode":404,"error":"Not Found","message":"no"}')
  const other = compile({ schema: Type.Object({ a: Type.Integer() }), method: 'GET', url: '/a', httpStatus: '200' })
  t.not(other, first)
  t.equal(other({ a: 1 }), '{"a":1}')
})
