// The committed openapi/openapi.json is what the code generates, and it is a valid OpenAPI 3
// document in which every operation is documented (summary, tags, request and error responses).
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { Validator } from '@seriousme/openapi-schema-validator'
import { OPENAPI_FILE, generateOpenApiDocument } from '../../services/generate-openapi.js'
import { build } from '../helpers/build.js'

interface Operation {
  summary?: string
  tags?: string[]
  parameters?: unknown[]
  requestBody?: unknown
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>
}

const generated = await generateOpenApiDocument()
const document = JSON.parse(generated) as { openapi: string, paths: Record<string, Record<string, Operation>> }

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
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
  t.ok(operations.length >= 8)
  for (const { path, method, operation } of operations) {
    const where = `${method.toUpperCase()} ${path}`
    t.ok(operation.summary, `${where} has a summary`)
    t.ok(operation.tags && operation.tags.length > 0, `${where} has tags`)
    const responses = operation.responses ?? {}
    const success = Object.keys(responses).find((status) => status.startsWith('2'))
    t.ok(success && Object.values(responses[success].content ?? {}).some((c) => c.schema), `${where} documents its success body`)
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
  const documented = document.paths['/products/{code}'].get.responses?.['414'] as unknown as { content: Record<string, { schema: { examples?: unknown[] } }> }
  t.equal(tooLong.statusCode, 414)
  t.match(tooLong.json(), { statusCode: 414, error: 'URI Too Long' })
  t.ok(documented.content['application/json'].schema, 'a 414 body is an ErrorSchema')
})
