// The error handler on a bare instance with routes that fail in every way the service can.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { Type } from 'typebox'
import errorHandler from '../../../../services/plugins/app/error-handler.js'
import { HttpError } from '../../../../services/errors.js'
import { ArtifactError, ShopperError } from '../../../../lib/errors.js'
import { ErrorRef } from '../../../../services/schemas/error.js'
import { serverOptions } from '../../../../services/app.js'

async function buildBare (t: Test) {
  const logged: Array<{ level: string, msg: string, err?: { message: string } }> = []
  const stream = { write: (line: string) => { const entry = JSON.parse(line); logged.push({ level: entry.level >= 50 ? 'error' : entry.level >= 40 ? 'warn' : 'info', msg: entry.msg, err: entry.err }) } }
  const app = Fastify({ ...serverOptions, logger: { level: 'warn', stream } })
  t.teardown(() => app.close())
  await app.register(errorHandler)
  // the error handler registers ErrorBody: routes refer to it
  const errors = { 400: ErrorRef, 404: ErrorRef, 422: ErrorRef, 500: ErrorRef, 503: ErrorRef }
  app.get('/boom', { schema: { response: errors } }, async () => { throw new Error('database password is hunter2') })
  app.get('/coded', { schema: { response: errors } }, async () => { throw new HttpError(404, 'ERR_THING_NOT_FOUND', 'no thing 42') })
  app.get('/unavailable', { schema: { response: errors } }, async () => { throw new HttpError(503, 'ERR_MODEL_NOT_READY', 'no model yet') })
  app.get('/artifact', { schema: { response: errors } }, async () => { throw new ArtifactError('v', 'segments.json', 'is missing') })
  app.get('/usage', { schema: { response: errors } }, async () => { throw new ShopperError('ERR_VERSION_NAME', 'invalid model version name') })
  app.get('/sensible', { schema: { response: errors } }, async (request, reply) => reply.code(404).send(Object.assign(new Error('product 999 is not in the catalogue'), { statusCode: 404 })))
  app.get('/validated', { schema: { querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 50 }) }), response: errors } }, async () => ({}))
  app.post('/body', { schema: { body: Type.Object({ version: Type.String({ pattern: '^v\\d$' }) }), response: errors } }, async () => ({}))
  await app.ready()
  return { app, logged }
}

t.test('unexpected errors: 500 with the request id only; the details go to the log', async (t) => {
  const { app, logged } = await buildBare(t)
  const response = await app.inject({ url: '/boom', headers: { 'x-request-id': 'req-abc' } })
  t.equal(response.statusCode, 500)
  t.same(response.json(), { statusCode: 500, error: 'Internal Server Error', code: 'ERR_INTERNAL', message: 'internal error (request id req-abc); the details are in the service log' })
  t.notMatch(response.body, /hunter2/)
  t.match(logged, [{ level: 'error', msg: 'request failed', err: { message: 'database password is hunter2' } }])
})

t.test('coded errors keep their status, code and message', async (t) => {
  const { app } = await buildBare(t)
  t.same((await app.inject('/coded')).json(), { statusCode: 404, error: 'Not Found', code: 'ERR_THING_NOT_FOUND', message: 'no thing 42' })
  t.same((await app.inject('/unavailable')).json(), { statusCode: 503, error: 'Service Unavailable', code: 'ERR_MODEL_NOT_READY', message: 'no model yet' }, 'a deliberate 503 explains itself')
  t.same((await app.inject('/artifact')).json(), { statusCode: 422, error: 'Unprocessable Entity', code: 'ERR_ARTIFACT_INVALID', message: 'model version v: segments.json: is missing' })
  t.same((await app.inject('/usage')).json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VERSION_NAME', message: 'invalid model version name' })
  t.same((await app.inject('/sensible')).json(), { statusCode: 404, error: 'Not Found', message: 'product 999 is not in the catalogue' })
})

t.test('validation errors: 400 naming the field', async (t) => {
  const { app } = await buildBare(t)
  const query = await app.inject('/validated?limit=500')
  t.equal(query.statusCode, 400)
  t.match(query.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: /querystring\/limit must be <= 50/ })
  const missing = await app.inject('/validated')
  t.match(missing.json(), { code: 'ERR_VALIDATION', message: /querystring must have required property 'limit'/ })
  const body = await app.inject({ method: 'POST', url: '/body', payload: { version: '../etc' } })
  t.match(body.json(), { statusCode: 400, message: /body\/version must match pattern/ })
  const notJson = await app.inject({ method: 'POST', url: '/body', payload: '{"version":', headers: { 'content-type': 'application/json' } })
  t.equal(notJson.statusCode, 400)
  t.match(notJson.json(), { code: 'FST_ERR_CTP_INVALID_JSON_BODY' })
  const wrongType = await app.inject({ method: 'POST', url: '/body', payload: 'version=v1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  t.equal(wrongType.statusCode, 415)
  t.match(wrongType.json(), { statusCode: 415, error: 'Unsupported Media Type', code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' })
})

t.test('unknown routes: 404 in the same shape', async (t) => {
  const { app } = await buildBare(t)
  const response = await app.inject('/nowhere?x=1')
  t.equal(response.statusCode, 404)
  t.same(response.json(), { statusCode: 404, error: 'Not Found', code: 'ERR_ROUTE_NOT_FOUND', message: 'no route GET /nowhere: see /docs for the API' })
})

t.test('no error answer may be cached, whatever the route had set before failing', async (t) => {
  const app = Fastify({ ...serverOptions, logger: false })
  t.teardown(() => app.close())
  await app.register(errorHandler)
  app.get('/cacheable-then-fails', async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600').header('etag', '"abc"')
    throw new HttpError(422, 'ERR_THING_INVALID', 'the thing was modified')
  })
  app.get('/crashes', async (request, reply) => {
    reply.header('cache-control', 'public, max-age=3600')
    throw new Error('boom')
  })
  app.get('/validated', { schema: { querystring: Type.Object({ n: Type.Integer() }) } }, async () => ({}))
  await app.ready()
  for (const url of ['/cacheable-then-fails', '/crashes', '/validated?n=x', '/validated?other=1', '/nowhere']) {
    const response = await app.inject(url)
    t.ok(response.statusCode >= 400, url)
    t.equal(response.headers['cache-control'], 'no-store', url)
    t.notOk(response.headers.etag, `${url}: no validator for an error`)
  }
  const methodNotAllowed = await app.inject({ method: 'DELETE', url: '/crashes' })
  t.equal(methodNotAllowed.statusCode, 405)
  t.equal(methodNotAllowed.headers['cache-control'], 'no-store')
})
