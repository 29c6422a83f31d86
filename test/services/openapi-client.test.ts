// A client generated from openapi/openapi.json works: openapi-typescript turns the document into
// types, a small program calls the main operations through openapi-fetch with those types, the
// TypeScript compiler accepts it (and refuses a wrong call), and run against the service with a
// fixture model it gets real answers. What a team integrating the API would do, end to end.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import t from 'tap'
import ts from 'typescript'
import openapiTS, { astToString } from 'openapi-typescript'
import { OPENAPI_FILE } from '../../services/generate-openapi.js'
import { build } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'

/**
 * The client program, type-checked against the generated `api.ts`. The named types it imports
 * (`components['schemas'][…]`) exist only because the shared schemas are components; the
 * @ts-expect-error lines fail the check if the types ever degrade to `any`.
 */
const PROGRAM = `
import createClient from 'openapi-fetch'
import type { components, paths } from './api.js'

type Recommendation = components['schemas']['Recommendation']
type ErrorBody = components['schemas']['ErrorBody']
type Segment = components['schemas']['Segment']

export async function run (baseUrl: string) {
  const client = createClient<paths>({ baseUrl })

  const product = await client.GET('/recommendations/{product}', { params: { path: { product: '85123A' }, query: { limit: 3 } } })
  const recommended: Recommendation[] = product.data?.recommendations ?? []

  const basket = await client.POST('/recommendations', { body: { products: ['85123A', '71053'], limit: 2 } })
  const search = await client.GET('/products', { params: { query: { q: 'cakestand', limit: 5 } } })
  const segments = await client.GET('/segments')
  const listed: Segment[] = segments.data?.segments ?? []

  const one = await client.POST('/segments', { body: { recency: 2, frequency: 7, monetary: 4310 } })
  const oneSegment = one.data && 'segment' in one.data ? one.data.segment.label : undefined
  // the CSV media type of the same operation: the body is the text itself, sent as is
  const csv = await client.POST('/segments', {
    body: 'id,recency,frequency,monetary\\n12347,2,7,4310\\n12346,326,1,77183.6\\n',
    bodySerializer: (text) => text as string,
    headers: { 'content-type': 'text/csv' }
  })
  const batch = csv.data && 'results' in csv.data ? csv.data.results.map((result) => result.id) : undefined

  const customer = await client.GET('/customers/{id}', { params: { path: { id: '12347' } } })
  const unknown = await client.GET('/customers/{id}', { params: { path: { id: '99999' } } })
  const notFound: ErrorBody | undefined = unknown.error
  const active = await client.GET('/models/active')

  // @ts-expect-error a path parameter is a string
  await client.GET('/recommendations/{product}', { params: { path: { product: 85123 } } })
  // @ts-expect-error the basket's limit is a number
  await client.POST('/recommendations', { body: { products: ['85123A'], limit: 'two' } })

  return {
    recommended: recommended.map((item) => item.code),
    basket: basket.data?.recommendations.map((item) => item.code),
    search: search.data?.matches.map((match) => match.code),
    segments: listed.map((segment) => segment.label),
    oneSegment,
    batch,
    customer: customer.data && { id: customer.data.id, segment: customer.data.segment.label },
    notFound: { status: unknown.response.status, code: notFound?.code },
    active: active.data?.active
  }
}
`

/** Compiler diagnostics of `file`, one line each ("" when it type-checks). */
function typeErrors (file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    // fetch, Request and Response of a browser or Node 18+; node_modules' own .d.ts files are trusted
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true
  })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file && diagnostic.start !== undefined
      ? `${path.basename(diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1} `
      : ''
    return where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  })
}

t.test('a client generated from openapi/openapi.json type-checks and gets real answers', async (t) => {
  // under the project, so the program finds openapi-fetch in its node_modules
  const root = t.testdir({ client: {}, artifacts: {} })
  const dir = path.join(root, 'client')
  const ast = await openapiTS(pathToFileURL(OPENAPI_FILE), { silent: true })
  const types = astToString(ast)
  await writeFile(path.join(dir, 'api.ts'), types)
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }))
  const programFile = path.join(dir, 'program.ts')
  await writeFile(programFile, PROGRAM)

  t.match(types, /ProductRecommendations: \{/, 'named schema types')
  t.match(types, /"text\/csv": components\["schemas"\]\["CustomersCsv"\]/, 'POST /segments takes CSV as well as JSON')
  t.match(types, /getProductRecommendations: \{/, 'operations by operationId')
  t.same(typeErrors(programFile), [], 'the program type-checks against the generated types')

  const artifactsDir = path.join(root, 'artifacts')
  const { version } = await publishFixture(artifactsDir)
  const app = await build(t, { artifactsDir })
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  const { run } = await import(pathToFileURL(programFile).href) as { run: (baseUrl: string) => Promise<Record<string, unknown>> }
  const answers = await run(baseUrl)
  const customer = (await app.inject('/customers/12347')).json() as { segment: { label: string } }
  t.same(answers, {
    // the fixture's neighbours of 85123A, best first
    recommended: ['71053', '84406B', '84879'],
    // 84406B neighbours both basket products (0.48 + 0.40)
    basket: ['84406B', '84879'],
    search: ['22423'],
    segments: ['High-Value', 'Regular', 'At-Risk'],
    oneSegment: customer.segment.label,
    batch: ['12347', '12346'],
    customer: { id: '12347', segment: customer.segment.label },
    notFound: { status: 404, code: 'ERR_CUSTOMER_NOT_FOUND' },
    active: version
  })
})
