// A known path asked with a method it does not have answers 405 with the methods it has; TRACE
// (and any method the service serves nowhere) is 405 everywhere; an unknown path stays 404.
import t from 'tap'
import { build } from '../../helpers/build.js'
import { publishFixture } from '../../helpers/fixtures.js'

t.test('a method the path does not have: 405 with Allow and a coded body', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const cases: Array<[string, string, string]> = [
    ['PATCH', '/products', 'GET, HEAD'],
    ['DELETE', '/products/22423', 'GET, HEAD'],
    ['POST', '/recommendations/85123A?limit=3', 'GET, HEAD'],
    ['GET', '/recommendations', 'POST'],
    ['PUT', '/segments', 'GET, HEAD, POST'],
    ['POST', '/models/active', 'DELETE, GET, HEAD, PUT'],
    ['OPTIONS', '/health/live', 'GET, HEAD'],
    ['DELETE', '/', 'GET, HEAD'],
    ['TRACE', '/products', 'GET, HEAD'],
    ['TRACE', '/models/active', 'DELETE, GET, HEAD, PUT']
  ]
  for (const [method, url, allow] of cases) {
    const response = await app.inject({ method: method as 'GET', url })
    const where = `${method} ${url}`
    t.equal(response.statusCode, 405, where)
    t.equal(response.headers.allow, allow, where)
    t.ok(response.headers['x-request-id'], where)
    t.same(response.json(), {
      statusCode: 405,
      error: 'Method Not Allowed',
      code: 'ERR_METHOD_NOT_ALLOWED',
      message: `${method} is not allowed on ${url.split('?')[0]}: it takes ${allow}`
    }, where)
  }
})

t.test('TRACE is 405 on any path, known or not; other methods on unknown paths stay 404', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const trace = await app.inject({ method: 'TRACE', url: '/nowhere' })
  t.equal(trace.statusCode, 405)
  t.equal(trace.headers.allow, '', 'an empty Allow: nothing is allowed there (RFC 9110 §10.2.1)')
  t.same(trace.json(), { statusCode: 405, error: 'Method Not Allowed', code: 'ERR_METHOD_NOT_ALLOWED', message: 'TRACE is not allowed on /nowhere: it takes no method' })
  for (const method of ['GET', 'POST', 'DELETE', 'HEAD'] as const) {
    const response = await app.inject({ method, url: '/nowhere/else' })
    t.equal(response.statusCode, 404, `${method} /nowhere/else`)
    t.notOk(response.headers.allow)
    if (method !== 'HEAD') t.match(response.json(), { statusCode: 404, code: 'ERR_ROUTE_NOT_FOUND' })
  }
})
