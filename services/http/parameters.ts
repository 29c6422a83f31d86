// Query-string and path parameters arrive as strings. This module is the one place where such a
// string becomes a number, and it holds the rule that a route takes only the query parameters it
// declares. The error-handler plugin's onRoute hook applies both to every route (applyParameterRules).
//
// Why not Ajv's type coercion (Fastify's default)? It reads a string with Number(), so 'Infinity',
// '1e400', '1e3', '0x10', ' 3', '+3' and '3.0' were all numbers, and a coerced Infinity even got
// past `maximum` (limit=Infinity: a 500 on /recommendations, every match on /products). Ajv has no
// hook to run a check before its own coercion, and a string schema with a pattern would lose the
// range checks and the integer type in the OpenAPI document. So coercion is off for every part of
// a request (serverOptions.ajv; bodies are JSON and keep their types), and a preValidation step
// converts exactly what the schema declares as a number, by one rule: decimal digits and nothing
// else. The schema then checks the range with Ajv's usual messages (querystring/limit must be <= 50).
import type { RouteOptions, preValidationHookHandler } from 'fastify'

interface JsonSchema {
  type?: unknown
  properties?: Record<string, JsonSchema>
  items?: JsonSchema
  additionalProperties?: unknown
  hide?: boolean
}

/** The canonical decimal form: no sign but '-', no leading zero, no '-0', no exponent, no spaces. */
const DECIMAL_INTEGER = /^(?:0|-?[1-9][0-9]*)$/
const DECIMAL_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/

export type ParameterPart = 'querystring' | 'params'

/** A parameter that is not what its schema says, shaped like Fastify's validation errors (400 ERR_VALIDATION). */
export class ParameterError extends Error {
  readonly statusCode = 400
  readonly validationContext: ParameterPart
  readonly validation: Array<{ instancePath: string, keyword: string, params: Record<string, unknown>, message: string }>
  constructor (part: ParameterPart, path: readonly string[], problem: string) {
    const instancePath = path.map((step) => `/${step}`).join('')
    super(`${part}${instancePath} ${problem}`)
    this.name = 'ParameterError'
    this.validationContext = part
    this.validation = [{ instancePath, keyword: 'format', params: {}, message: problem }]
  }
}

type Convert = (raw: unknown, part: ParameterPart, path: string[]) => unknown

function show (raw: string): string {
  const quoted = JSON.stringify(raw)
  return quoted.length <= 40 ? quoted : `${quoted.slice(0, 36)}…"`
}

function decimal (pattern: RegExp, what: string): Convert {
  return function (raw, part, path) {
    if (typeof raw !== 'string') return raw
    if (!pattern.test(raw)) throw new ParameterError(part, path, `must be ${what}, got ${show(raw)}`)
    // a long digit string can still be Infinity: Ajv refuses non-finite numbers (strictNumbers)
    return Number(raw)
  }
}

const toInteger = decimal(DECIMAL_INTEGER, 'an integer in decimal digits (like 10)')
const toNumber = decimal(DECIMAL_NUMBER, 'a number in decimal digits (like 2.5)')

/**
 * A list takes repeated parameters and comma-separated values alike (`a,b&c` is three values),
 * so `maxItems` counts values, whichever way they were sent. Empty values (a trailing comma,
 * `exclude=`) are dropped.
 */
function list (item: Convert | undefined): Convert {
  return function (raw, part, path) {
    const values = (Array.isArray(raw) ? raw : [raw])
      .flatMap((entry: unknown) => typeof entry === 'string' ? entry.split(',') : [entry])
      .filter((value) => value !== '')
    return item ? values.map((value, i) => item(value, part, [...path, String(i)])) : values
  }
}

function converterOf (schema: JsonSchema | undefined): Convert | undefined {
  switch (schema?.type) {
    case 'integer': return toInteger
    case 'number': return toNumber
    case 'array': return list(converterOf(schema.items))
    // strings need nothing; no route declares boolean or object parameters
    default: return undefined
  }
}

/** Converts the declared numbers and lists of one part of a request in place; undefined when there are none. */
function partConverter (part: ParameterPart, schema: unknown): ((values: Record<string, unknown>) => void) | undefined {
  const properties = (schema as JsonSchema | undefined)?.properties ?? {}
  const converters = Object.entries(properties).flatMap(([name, property]) => {
    const convert = converterOf(property)
    return convert ? [[name, convert] as const] : []
  })
  if (converters.length === 0) return undefined
  return function (values) {
    for (const [name, convert] of converters) {
      if (values[name] !== undefined) values[name] = convert(values[name], part, [name])
    }
  }
}

/**
 * The names a route's query string takes; undefined = any. A declared query string takes its
 * declared parameters (additionalProperties set to anything but false opts out). A documented
 * route without one takes none. Hidden routes without one (the web page, Swagger UI's files) take
 * anything: people open them from links that carry utm_ or cache-busting parameters.
 *
 * Checked here rather than by additionalProperties: false, because Fastify's Ajv option
 * removeAdditional drops what that forbids instead of refusing it, and bodies keep that behaviour
 * (PUT /models/active drops unknown fields).
 */
function declaredQueryParameters (querystring: unknown, hidden: boolean): ReadonlySet<string> | undefined {
  if (querystring === undefined) return hidden ? undefined : new Set()
  const schema = querystring as JsonSchema
  if (schema.type !== 'object') throw new Error('a querystring schema must be an inline Type.Object: services/http/parameters.ts reads its properties')
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return undefined
  return new Set(Object.keys(schema.properties ?? {}))
}

function refuseUndeclared (query: Record<string, unknown>, declared: ReadonlySet<string>): void {
  for (const name in query) {
    if (!declared.has(name)) throw new ParameterError('querystring', [name.length > 64 ? `${name.slice(0, 63)}…` : name], 'is not a parameter of this route')
  }
}

/** For the onRoute hook: refuse undeclared query parameters, convert numeric ones, before validation. */
export function applyParameterRules (route: RouteOptions): void {
  const schema = route.schema
  if (!schema) return
  const declared = declaredQueryParameters(schema.querystring, (schema as JsonSchema).hide === true)
  const convertQuery = partConverter('querystring', schema.querystring)
  const convertParams = partConverter('params', schema.params)
  if (!declared && !convertQuery && !convertParams) return
  const parseParameters: preValidationHookHandler = function (request, _reply, done) {
    try {
      const query = request.query as Record<string, unknown>
      if (declared) refuseUndeclared(query, declared)
      convertQuery?.(query)
      convertParams?.(request.params as Record<string, unknown>)
    } catch (error) {
      done(error as Error)
      return
    }
    done()
  }
  const existing = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]
  route.preValidation = [parseParameters, ...existing]
}
