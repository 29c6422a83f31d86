// The committed openapi/openapi.json is what the code generates, and it is a valid OpenAPI 3
// document in which every operation is documented (operationId, summary, tags, security, request
// and error responses), with named components for the shared schemas and responses.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { OPENAPI_FILE, generateOpenApiDocument } from '../../services/generate-openapi.js'
import { TEST_API_KEYS_SETTING, build } from '../helpers/build.js'
import { accessOf } from '../../services/plugins/app/auth.js'
import { publishFixture } from '../helpers/fixtures.js'
import { documentedOperations } from '../helpers/operations.js'

interface Response { $ref?: string, description?: string, content?: Record<string, { schema?: { $ref?: string }, examples?: Record<string, { value: { statusCode: number } }> }> }

interface Operation {
  operationId?: string
  security?: unknown[]
  summary?: string
  tags?: string[]
  parameters?: unknown[]
  requestBody?: unknown
  responses?: Record<string, Response>
}

interface Document {
  openapi: string
  servers: Array<{ url: string }>
  info: { license?: { name: string, identifier?: string } }
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Record<string, unknown>, responses: Record<string, Response>, securitySchemes?: Record<string, unknown> }
}

const generated = await generateOpenApiDocument()
const document = JSON.parse(generated) as Document
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))

/** A response, or the shared response (components.responses) it refers to. */
function resolved (response: Response): Response {
  return response.$ref ? document.components.responses[response.$ref.replace('#/components/responses/', '')] : response
}

t.test('the committed document is up to date', async (t) => {
  const committed = await readFile(OPENAPI_FILE, 'utf8').catch(() => '')
  t.ok(committed === generated, 'openapi/openapi.json differs from what the routes generate: run npm run openapi and commit the result')
})

t.test('it validates as OpenAPI 3', async (t) => {
  const validator = new Validator()
  const result = await validator.validate(JSON.parse(generated))
  t.same(result.errors ?? [], [], 'no schema errors')
  t.equal(result.valid, true)
  t.match(document.openapi, /^3\.1\./)
})

t.test('every operation has a summary, tags, a success schema and error responses', async (t) => {
  t.ok(operations.length >= 8)
  for (const { path, method, operation } of operations) {
    const where = `${method.toUpperCase()} ${path}`
    t.ok(operation.summary, `${where} has a summary`)
    t.ok(operation.tags && operation.tags.length > 0, `${where} has tags`)
    const responses = operation.responses ?? {}
    const success = Object.keys(responses).find((status) => status.startsWith('2'))
    t.ok(success && Object.values(resolved(responses[success]).content ?? {}).some((c) => c.schema), `${where} documents its success body`)
    t.ok('500' in responses, `${where} documents 500`)
    if (operation.parameters?.length || operation.requestBody) t.ok('400' in responses, `${where} validates input and documents 400`)
  }
})

t.test('the service serves the same document at /openapi.json, and Swagger UI at /docs', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const served = await app.inject('/openapi.json')
  t.equal(served.statusCode, 200)
  t.same(served.json().paths['/models/active'], document.paths['/models/active'])
  const ui = await app.inject('/docs/')
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
})

t.test('every operation documents what the HTTP layer can answer: 414 and 431, and 413 and 415 where a body is read', async (t) => {
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`
      const responses = operation.responses ?? {}
      t.ok('414' in responses && '431' in responses, `${where} documents 414 and 431`)
      const readsBody = ['post', 'put', 'patch', 'delete'].includes(method)
      t.equal('413' in responses && '415' in responses, readsBody, `${where} ${readsBody ? 'documents' : 'does not document'} 413 and 415`)
    }
  }
})

t.test('the answers of the HTTP layer are documented as they are sent', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const tooLong = await app.inject(`/products/${'A'.repeat(101)}`)
  const documented = resolved(document.paths['/products/{code}'].get.responses!['414'])
  t.equal(tooLong.statusCode, 414)
  t.match(tooLong.json(), { statusCode: 414, error: 'URI Too Long' })
  t.same(documented.content?.['application/json'].schema, { $ref: '#/components/schemas/ErrorBody' }, 'a 414 body is an ErrorBody')
})

t.test('every operation has a unique camelCase operationId, for generated clients\' method names', async (t) => {
  const ids = operations.map(({ operation }) => operation.operationId)
  for (const [i, id] of ids.entries()) t.match(id, /^[a-z][a-zA-Z0-9]*$/, `${operations[i].method.toUpperCase()} ${operations[i].path}: ${id}`)
  t.equal(new Set(ids).size, ids.length, 'no two operations share an operationId')
  t.match(Object.fromEntries(operations.map(({ method, path, operation }) => [`${method} ${path}`, operation.operationId])), {
    'get /recommendations/{product}': 'getProductRecommendations',
    'post /recommendations': 'recommendForBasket',
    'get /products': 'searchProducts',
    'post /segments': 'classifyCustomers',
    'get /segments': 'listSegments',
    'get /customers/{id}': 'getCustomer',
    'get /customers/{id}/recommendations': 'recommendForCustomer'
  })
})

t.test('shared schemas are named components, referred to and never copied', async (t) => {
  for (const name of ['ErrorBody', 'ProductRecommendations', 'BasketRecommendations', 'ProductSearch', 'Product', 'SegmentList', 'OneSegmentResult', 'BatchSegmentResult', 'Customer', 'CustomerRecommendations', 'ActiveModel', 'ModelList']) {
    t.ok(name in document.components.schemas, `components.schemas.${name}`)
  }
  t.notOk(Object.keys(document.components.schemas).some((name) => name.startsWith('def-')), 'no anonymous def-N component')
  // ErrorBody's properties are written once: in its component
  t.equal(generated.split('"stable machine-readable error code"').length - 1, 1, 'the error body is defined once')
  t.same(document.paths['/recommendations/{product}'].get.responses!['200'].content?.['application/json'].schema, { $ref: '#/components/schemas/ProductRecommendations' })
  t.same(document.paths['/segments'].get.responses!['200'].content?.['application/json'].schema, { $ref: '#/components/schemas/SegmentList' })
  t.same(document.paths['/customers/{id}/recommendations'].get.responses!['200'].content?.['application/json'].schema, { $ref: '#/components/schemas/CustomerRecommendations' })
})

t.test('every error response is an ErrorBody whose examples have its status', async (t) => {
  for (const { path, method, operation } of operations) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (Number(status) < 400) continue
      const where = `${method.toUpperCase()} ${path} ${status}`
      const media = resolved(response).content?.['application/json']
      t.same(media?.schema, { $ref: '#/components/schemas/ErrorBody' }, `${where}: the body is an ErrorBody`)
      const examples = Object.values(media?.examples ?? {})
      t.ok(examples.length > 0, `${where} has an example`)
      for (const { value } of examples) t.equal(value.statusCode, Number(status), `${where}: the example is a ${status} body`)
    }
  }
})

t.test('responses that many operations share are written once, in components.responses', async (t) => {
  for (const { path, method, operation } of operations) {
    t.same(operation.responses?.['500'], { $ref: '#/components/responses/InternalError' }, `${method.toUpperCase()} ${path} 500`)
    t.same(operation.responses?.['414'], { $ref: '#/components/responses/UriTooLong' }, `${method.toUpperCase()} ${path} 414`)
  }
  t.equal(resolved({ $ref: '#/components/responses/InternalError' }).content?.['application/json'].examples?.ERR_INTERNAL.value.statusCode, 500)
  // 326 KB when every response inlined its error schema; ~99 KB with components (~150 KB with the
  // audiences' and movements' three operations, whose parameters and errors are their own)
  t.ok(Buffer.byteLength(generated) < 192 * 1024, `the document is ${Buffer.byteLength(generated)} bytes`)
})

t.test('every operation says who may call it: security [] (anyone) or an API key of the scope it needs, with 401 and 403', async (t) => {
  t.same(Object.keys(document.components.securitySchemes ?? {}), ['apiKey'], 'one security scheme: the API key')
  for (const { path, method, operation } of operations) {
    const where = `${method.toUpperCase()} ${path}`
    const access = accessOf(method.toUpperCase(), path.replace(/\{([^}]+)\}/g, ':$1'))
    t.ok(access, `${where} has an entry in the access table`)
    t.same(operation.security, access === 'public' ? [] : [{ apiKey: [access] }], `${where}: ${access}`)
    const responses = operation.responses ?? {}
    if (access !== 'public') t.same(responses['401'], { $ref: '#/components/responses/Unauthorized' }, `${where} documents 401`)
    if (access === 'crm') t.same(responses['403'], { $ref: '#/components/responses/InsufficientScope' }, `${where} documents 403`)
    if (access === 'admin') t.same(responses['403'], { $ref: '#/components/responses/AdminForbidden' }, `${where} documents 403 (no key configured, or a narrower key)`)
  }
  const scopeOf = (path: string, method = 'get') => document.paths[path][method].security
  t.same(scopeOf('/customers/{id}'), [{ apiKey: ['crm'] }])
  t.same(scopeOf('/segments', 'post'), [{ apiKey: ['crm'] }])
  t.same(scopeOf('/recommendations/{product}'), [{ apiKey: ['storefront'] }])
  t.same(scopeOf('/models/active', 'put'), [{ apiKey: ['admin'] }])
  t.same(scopeOf('/health/ready'), [])
  t.same(scopeOf('/metrics'), [])
})

t.test('the documented security is what the routes do: open operations answer without a key, the others refuse', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { API_KEYS: TEST_API_KEYS_SETTING } })
  for (const operation of documentedOperations(app)) {
    const { headers, ...request } = operation.request()
    const { authorization: _token, ...anonymous } = (headers ?? {}) as Record<string, string>
    const status = (await app.inject({ ...request, headers: anonymous })).statusCode
    const open = (app.swagger() as unknown as Document).paths[operation.path][operation.method.toLowerCase()].security?.length === 0
    t.equal(status === 401, !open, `${operation.method} ${operation.path} without a key: ${status}`)
    if (!open) t.not((await app.inject(operation.request())).statusCode, 401, `${operation.method} ${operation.path} with the admin key`)
  }
})

t.test('a license and a relative server: "Try it out" calls the origin that serves the document', async (t) => {
  t.same(document.info.license, { name: 'MIT', identifier: 'MIT' })
  t.same(document.servers.map((server) => server.url), ['/'])
  const app = await build(t, { artifactsDir: t.testdir(), env: { BASE_PATH: '/shopper' } })
  const behindProxy = (await app.inject('/openapi.json')).json() as Document
  t.same(behindProxy.servers.map((server) => server.url), ['/shopper'], 'behind a proxy that strips /shopper')
  t.same(Object.keys(behindProxy.paths).sort(), Object.keys(document.paths), 'the paths are the service\'s own: the proxy strips the prefix')
})
