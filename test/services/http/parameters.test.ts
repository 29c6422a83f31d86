// The parameter rules on a bare instance with the service's server options and error handler:
// numbers in the query string and in the path, lists, and a hook chain the rules must not break.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { Type } from 'typebox'
import errorHandler from '../../../services/plugins/app/error-handler.js'
import { serverOptions } from '../../../services/app.js'

async function buildBare (t: Test) {
  const app = Fastify({ ...serverOptions, logger: false })
  t.teardown(() => app.close())
  await app.register(errorHandler)
  const seen: string[] = []
  app.get('/items/:page', {
    schema: {
      params: Type.Object({ page: Type.Integer({ minimum: 1 }) }),
      querystring: Type.Object({
        ratio: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
        ids: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { maxItems: 3 })),
        tags: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 3 })),
        name: Type.Optional(Type.String())
      })
    },
    preValidation: async function (request) { seen.push(typeof (request.params as { page: unknown }).page) }
  }, async (request) => ({ params: request.params, query: request.query }))
  await app.ready()
  return { app, seen }
}

t.test('path and query numbers become numbers before validation; the route\'s own preValidation sees them converted', async (t) => {
  const { app, seen } = await buildBare(t)
  const response = await app.inject('/items/12?ratio=0.25&ids=1,2&ids=3&tags=a,b&name=007')
  t.equal(response.statusCode, 200)
  t.same(response.json(), { params: { page: 12 }, query: { ratio: 0.25, ids: [1, 2, 3], tags: ['a', 'b'], name: '007' } })
  t.same(seen, ['number'])
  t.same((await app.inject('/items/1?tags=x')).json().query, { tags: ['x'] }, 'a single value is a list of one')
  t.same((await app.inject('/items/1?tags=x,&tags=')).json().query, { tags: ['x'] }, 'empty values are dropped')
})

t.test('anything but decimal digits is a 400 naming the parameter', async (t) => {
  const { app } = await buildBare(t)
  const cases: Array<[string, string]> = [
    ['/items/0x10', 'params/page must be an integer in decimal digits (like 10), got "0x10"'],
    ['/items/1e3', 'params/page must be an integer in decimal digits (like 10), got "1e3"'],
    ['/items/0', 'params/page must be >= 1'],
    ['/items/1?ratio=.5', 'querystring/ratio must be a number in decimal digits (like 2.5), got ".5"'],
    ['/items/1?ratio=Infinity', 'querystring/ratio must be a number in decimal digits (like 2.5), got "Infinity"'],
    ['/items/1?ratio=2', 'querystring/ratio must be <= 1'],
    ['/items/1?ids=1,x', 'querystring/ids/1 must be an integer in decimal digits (like 10), got "x"'],
    ['/items/1?ids=1,2,3,4', 'querystring/ids must NOT have more than 3 items'],
    ['/items/1?tags=a,b&tags=c,d', 'querystring/tags must NOT have more than 3 items'],
    [`/items/1?ratio=${'9'.repeat(40)}`, 'querystring/ratio must be <= 1'],
    [`/items/1?ratio=${'1'.repeat(60)}x`, 'querystring/ratio must be a number in decimal digits (like 2.5), got "11111111111111111111111111111111111…"']
  ]
  for (const [url, message] of cases) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 400, url)
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message }, url)
  }
  const huge = await app.inject(`/items/1?ids=${'9'.repeat(400)}`)
  t.equal(huge.statusCode, 400, 'digits that make Infinity are refused too')
  t.same(huge.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: 'querystring/ids/0 must be integer' })
})
