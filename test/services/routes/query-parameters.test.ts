// The rules every route's query string follows, checked on every documented operation (so a route
// added later is checked too): numbers are plain decimal integers in range, and a parameter the
// route does not declare is refused; each refusal is a 400 naming the parameter.
import t, { type Test } from 'tap'
import { build, TEST_ADMIN_TOKEN } from '../../helpers/build.js'
import { publishFixture } from '../../helpers/fixtures.js'
import { documentedOperations } from '../../helpers/operations.js'

/** What Number() (and so Ajv's type coercion) reads as a number, but is not a plain decimal integer. */
const NOT_DECIMAL_INTEGERS = ['Infinity', '-Infinity', '1e309', '1e400', '1e3', '0x10', '0b11', '0o7', ' 3', '3 ', '+3', '3.0', '3.', '.5', '', '-0', '03', '٣', '1_000', 'NaN']

async function service (t: Test) {
  const dir = t.testdir()
  // two versions: the movements between versions need an earlier one
  await publishFixture(dir)
  await publishFixture(dir)
  return build(t, { artifactsDir: dir, env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } })
}

/** The admin key passes every route's key check (plugins/app/auth.ts), so the parameter rules answer. */
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }

t.test('integer query parameters take plain decimal integers in range, on every route', async (t) => {
  const app = await service(t)
  const numeric = documentedOperations(app).flatMap((operation) => operation.parameters
    .filter((p) => p.in === 'query' && p.schema.type === 'integer')
    .map((parameter) => ({ operation, parameter })))
  t.same(numeric.map(({ operation, parameter }) => `${operation.method} ${operation.path} ${parameter.name}`).sort(),
    ['GET /customers/{id}/recommendations limit', 'GET /products limit', 'GET /recommendations/{product} limit', 'GET /segments/transitions/customers limit', 'GET /segments/{segment}/customers limit'],
    'the routes with a numeric query parameter')

  for (const { operation, parameter } of numeric) {
    const where = `${operation.method} ${operation.path}?${parameter.name}=`
    const { minimum = 1, maximum = 100 } = parameter.schema
    const outOfRange = [String(minimum - 1), String(maximum + 1), '-1', '99999999999999999999', '9'.repeat(400)]
    for (const value of [...NOT_DECIMAL_INTEGERS, ...outOfRange]) {
      const response = await app.inject(operation.request({ [parameter.name]: value }))
      t.equal(response.statusCode, 400, `${where}${JSON.stringify(value)}`)
      t.match(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: new RegExp(`^querystring/${parameter.name} `) }, `${where}${JSON.stringify(value)}`)
    }
    for (const value of [String(minimum), String(maximum), '7']) {
      const response = await app.inject(operation.request({ [parameter.name]: value }))
      t.equal(response.statusCode, 200, `${where}${value}`)
    }
  }
})

t.test('a raw "+" in a query string is a space, and refused like " 3"', async (t) => {
  const app = await service(t)
  const response = await app.inject({ url: '/recommendations/85123A?limit=+3', headers: ADMIN })
  t.equal(response.statusCode, 400)
  t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: 'querystring/limit must be an integer in decimal digits (like 10), got " 3"' })
})

t.test('limit=Infinity is refused, not a 500 (recommendations) or every match (products)', async (t) => {
  const app = await service(t)
  for (const url of ['/recommendations/85123A?limit=Infinity', '/products?q=e&limit=Infinity']) {
    const response = await app.inject({ url, headers: ADMIN })
    t.equal(response.statusCode, 400, url)
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: 'querystring/limit must be an integer in decimal digits (like 10), got "Infinity"' }, url)
  }
})

t.test('every route refuses a query parameter it does not declare, naming it', async (t) => {
  const app = await service(t)
  const operations = documentedOperations(app)
  t.ok(operations.length >= 16, 'every documented operation')
  for (const operation of operations) {
    const where = `${operation.method} ${operation.path}`
    const plain = await app.inject(operation.request())
    t.ok(plain.statusCode < 400 || plain.statusCode === 404 || plain.statusCode === 422, `${where}: the base request passes validation (${plain.statusCode})`)
    const response = await app.inject(operation.request({ 'x-unknown': '1' }))
    t.equal(response.statusCode, 400, where)
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_VALIDATION', message: 'querystring/x-unknown is not a parameter of this route' }, where)
  }
  const known = await app.inject({ url: '/products?q=a&x-unknown=1&limit=3', headers: ADMIN })
  t.same(known.json().message, 'querystring/x-unknown is not a parameter of this route', 'the example of the attack')
})

t.test('the web page and Swagger UI ignore query parameters (links carry utm_ and cache-busting ones)', async (t) => {
  const app = await service(t)
  for (const url of ['/?utm_source=mail', '/assets/style.css?v=2', '/docs/?x=1', '/docs/static/index.css?v=3']) {
    t.equal((await app.inject({ url, headers: ADMIN })).statusCode, 200, url)
  }
})
