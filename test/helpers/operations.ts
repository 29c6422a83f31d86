// Every operation of the service's OpenAPI document, each with a request that passes its
// validation (path parameters and required query parameters from the schemas' examples, the
// example body, the admin key, which every protected operation takes), so a test can change one thing (add a parameter, give one a bad
// value) and check every route at once, including routes added later.
import type { FastifyInstance, InjectOptions } from 'fastify'
import { TEST_ADMIN_TOKEN } from './build.js'

interface ParameterSchema { type?: string, examples?: unknown[], minimum?: number, maximum?: number, items?: ParameterSchema }
export interface Parameter { in: 'query' | 'path' | 'header', name: string, required?: boolean, example?: unknown, schema: ParameterSchema }
interface BodySchema { examples?: unknown[], anyOf?: BodySchema[], $ref?: string }
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content: Record<string, { schema: BodySchema, example?: unknown }> }
  security?: unknown[]
}

export interface DocumentedOperation {
  method: string
  /** the OpenAPI path, e.g. /recommendations/{product} */
  path: string
  parameters: Parameter[]
  /** a request that passes validation; `query` is added to its query string */
  request: (query?: Record<string, string>) => InjectOptions
}

/** @fastify/swagger moves a parameter schema's `examples` to the parameter's `example` */
function parameterExample (parameter: Parameter | undefined): unknown {
  return parameter?.example ?? parameter?.schema.examples?.[0]
}

/** The first example of a body schema, following references to the document's components. */
function exampleOf (schema: BodySchema, components: Record<string, BodySchema>): unknown {
  if (schema.$ref) return exampleOf(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, components)
  return schema.examples?.[0] ?? schema.anyOf?.map((option) => exampleOf(option, components)).find((example) => example !== undefined)
}

function queryString (values: Record<string, string>): string {
  // encodeURIComponent: a value's '+', ' ' and ',' arrive as themselves
  return Object.entries(values).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&')
}

export function documentedOperations (app: FastifyInstance): DocumentedOperation[] {
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, Operation>>, components?: { schemas?: Record<string, BodySchema> } }
  const components = document.components?.schemas ?? {}
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => {
    const parameters = operation.parameters ?? []
    const url = path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const example = parameterExample(parameters.find((p) => p.in === 'path' && p.name === name))
      if (example === undefined) throw new Error(`${method.toUpperCase()} ${path}: path parameter ${name} has no example`)
      return encodeURIComponent(String(example))
    })
    const requiredQuery = Object.fromEntries(parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, String(parameterExample(p) ?? 'x')]))
    const json = operation.requestBody?.content['application/json']
    // @fastify/swagger moves a body schema's top-level `examples` to the media type's `example`
    const body = json && (json.example ?? exampleOf(json.schema, components))
    return {
      method: method.toUpperCase(),
      path,
      parameters,
      request: (query = {}): InjectOptions => {
        const search = queryString({ ...requiredQuery, ...query })
        return {
          method: method.toUpperCase() as InjectOptions['method'],
          url: search ? `${url}?${search}` : url,
          // `security: []` is an open operation; the admin scope includes every other
          headers: operation.security?.length ? { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } : {},
          ...(body === undefined ? {} : { payload: body as object })
        }
      }
    }
  }))
}
