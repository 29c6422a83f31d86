// Who may call what. One table (ACCESS_RULES) maps every route, by its path and method, to the
// scope its callers' API key needs (http/api-keys.ts: storefront ⊂ crm ⊂ admin) or to `public`.
// An `onRoute` hook reads it for each route as the route is added, puts the key check first in the
// route's onRequest hooks (before the body is read, parsed or validated) and documents the route's
// `security` and 401/403 answers in the OpenAPI document. A route added later under a listed path
// (`GET /segments/{segment}/customers`) gets that path's scope without a line here; a route under
// no listed path stops start-up, naming it, so no route is ever open by omission.
//
// With no key configured at all, the routes are open as they always were, for a trial on one
// machine (server.ts refuses that on an address other machines reach unless ALLOW_OPEN_ACCESS),
// and the start-up log says so; model operations stay refused (403 ERR_ADMIN_DISABLED).
//
// The Authorization header is read by @fastify/bearer-auth (missing, another scheme, the key);
// its `auth` callback looks the key up in the configured keys (ApiKeys.scopeOf: SHA-256 digests,
// timingSafeEqual over every key).
import fp from 'fastify-plugin'
import bearerAuth from '@fastify/bearer-auth'
import type { FastifyError, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { SCOPES, grants, type Scope } from '../../http/api-keys.js'
import { adminDisabled, insufficientScope, unauthorized } from '../../errors.js'
import { AdminForbiddenResponse, AuthErrorResponses } from '../../schemas/error-responses.js'

export type Access = Scope | 'public'

export interface AccessRule {
  /** a route path as Fastify has it (`/models/:version/report`); the rule covers it and every route below it (`/` covers `/` only) */
  path: string
  /** only these methods (all when absent) */
  methods?: readonly string[]
  access: Access
}

/** The one table. The most specific rule wins: the longest path, then one that names methods. */
export const ACCESS_RULES: readonly AccessRule[] = [
  // probes: load balancers, orchestrators and Docker's HEALTHCHECK send no key
  { path: '/health', access: 'public' },
  // Prometheus scrapes without credentials unless told otherwise; the metrics are route patterns,
  // status codes, timings and the model version: nothing about a customer
  { path: '/metrics', access: 'public' },
  // the API's description; Swagger UI asks for a key itself (Authorize)
  { path: '/docs', access: 'public' },
  { path: '/openapi.json', access: 'public' },
  // the web page's files: the page asks for a key when the API answers 401
  { path: '/', access: 'public' },
  { path: '/assets', access: 'public' },
  // CORS preflights (CORS_ORIGINS): a browser never sends credentials with one
  { path: '*', methods: ['OPTIONS'], access: 'public' },
  // a version's training report: aggregates and an anonymous sample of RFM values, no customer id;
  // the web page links to it, and a link cannot carry an Authorization header
  { path: '/models/:version/report', access: 'public' },
  // which versions exist and which one serves (every answer's `version` says as much): any key
  { path: '/models', access: 'storefront' },
  // model operations
  { path: '/models/active', methods: ['PUT', 'DELETE'], access: 'admin' },
  // storefront backends: products and what goes with them
  { path: '/recommendations', access: 'storefront' },
  { path: '/products', access: 'storefront' },
  // CRM systems: customers, segments, audiences, transitions, exports
  { path: '/segments', access: 'crm' },
  { path: '/customers', access: 'crm' }
]

function covers (rule: AccessRule, method: string, url: string): boolean {
  if (rule.methods !== undefined && !rule.methods.includes(method)) return false
  return url === rule.path || (rule.path !== '/' && url.startsWith(`${rule.path}/`))
}

/** The access ACCESS_RULES give `method url` (a route pattern), or undefined when no rule covers it. */
export function accessOf (method: string, url: string): Access | undefined {
  let best: AccessRule | undefined
  for (const rule of ACCESS_RULES) {
    if (!covers(rule, method, url)) continue
    const longer = best === undefined || rule.path.length > best.path.length ||
      (rule.path.length === best.path.length && rule.methods !== undefined && best.methods === undefined)
    if (longer) best = rule
  }
  return best?.access
}

/** The scopes whose keys may call a route that needs `needed`: it and the broader ones. */
function accepted (needed: Scope): Scope[] {
  return SCOPES.filter((scope) => grants(scope, needed))
}

/** The OpenAPI security scheme of every protected operation (plugins/external/swagger.ts). */
export const API_KEY_SCHEME = 'apiKey'
export const API_KEY_SECURITY_SCHEME = {
  type: 'http',
  scheme: 'bearer',
  description: 'An API key: `Authorization: Bearer <key>`. Each operation names the narrowest scope that may call it; a scope includes the ones ' +
    'before it (storefront ⊂ crm ⊂ admin): storefront for recommendations, products and the model status, crm for customers and segments, ' +
    'admin for model operations. Keys are configured with API_KEYS, API_KEYS_FILE or ADMIN_TOKEN (an admin key); with none, the service is open.'
} as const

const CHALLENGE = 'Bearer realm="shopper-spectrum"'

declare module 'fastify' {
  interface FastifyRequest {
    /** the scope of the request's API key, once checked (undefined on public routes and with no key configured) */
    apiKeyScope?: Scope
  }
}

type Done = (error?: Error) => void
type Guard = (request: FastifyRequest, reply: FastifyReply, done: Done) => void

export default fp(async function authPlugin (fastify) {
  const keys = fastify.config.apiKeys
  const counts = keys.counts()
  if (keys.size === 0) {
    fastify.log.warn({ host: fastify.config.HOST }, 'no API key is configured (API_KEYS, API_KEYS_FILE, ADMIN_TOKEN): anyone who can reach the service ' +
      'reads customer data (/customers, /segments); model operations are disabled')
  } else {
    fastify.log.info({ apiKeys: counts }, 'API keys loaded')
  }

  fastify.decorateRequest('apiKeyScope', undefined)
  await fastify.register(bearerAuth, {
    // not used: `auth` looks the key up, and knows its scope
    keys: [],
    auth: function (key: string, request: FastifyRequest) {
      const scope = keys.scopeOf(key)
      request.apiKeyScope = scope
      return scope !== undefined
    },
    // decorate (fastify.verifyBearerAuth) instead of guarding every route: the routes' hooks call it
    addHook: false,
    // `bearer` as well as `Bearer`: an auth scheme is case-insensitive (RFC 9110, 11.1)
    specCompliance: 'rfc6749',
    // every answer has its log line (request-logging) with the status; the plugin's line says no more
    verifyErrorLogLevel: 'debug'
  })
  const verifyBearerAuth = fastify.verifyBearerAuth
  if (verifyBearerAuth === undefined) throw new Error('@fastify/bearer-auth did not decorate verifyBearerAuth')
  const verify = verifyBearerAuth

  function guardFor (needed: Scope): Guard {
    const configured = accepted(needed).some((scope) => counts[scope] > 0)
    return function requireApiKey (request, reply, done) {
      if (keys.size === 0) {
        done(needed === 'admin' ? adminDisabled() : undefined)
        return
      }
      verify(request, reply, (error?: Error) => {
        if (error !== undefined) {
          const code = (error as FastifyError).code
          // another error (the `auth` callback threw): the error handler's 500
          if (code !== 'FST_BEARER_AUTH_MISSING_AUTHORIZATION_HEADER' && code !== 'FST_BEARER_AUTH_INVALID_AUTHORIZATION_HEADER') {
            done(error)
            return
          }
          const missing = code === 'FST_BEARER_AUTH_MISSING_AUTHORIZATION_HEADER'
          // RFC 6750, 3.1: no error code when the request had no credentials
          reply.header('www-authenticate', missing ? CHALLENGE : `${CHALLENGE}, error="invalid_token"`)
          done(unauthorized(missing))
          return
        }
        const held = request.apiKeyScope as Scope
        if (!grants(held, needed)) {
          reply.header('www-authenticate', `${CHALLENGE}, error="insufficient_scope", scope="${needed}"`)
          done(insufficientScope(held, `${request.method} ${request.routeOptions.url ?? request.url}`, accepted(needed), configured))
          return
        }
        done()
      })
    }
  }
  const guards: Record<Scope, Guard> = { storefront: guardFor('storefront'), crm: guardFor('crm'), admin: guardFor('admin') }
  const isGuard = new Set<unknown>(Object.values(guards))

  fastify.addHook('onRoute', function (route: RouteOptions) {
    const methods = [route.method].flat()
    const access = new Set(methods.map((method) => accessOf(method, route.url)))
    if (access.has(undefined)) {
      throw new Error(`${methods.join(',')} ${route.url} has no entry in the access table (ACCESS_RULES, services/plugins/app/auth.ts): add one, public or with the scope its callers need`)
    }
    // one route's hooks serve all its methods
    if (access.size > 1) throw new Error(`${methods.join(',')} ${route.url}: its methods need different access (ACCESS_RULES): make one route per method`)
    const [needed] = access as Set<Access>
    document(route, needed)
    if (needed === 'public') return
    // a HEAD route is added with its GET's options, guard included
    const hooks = route.onRequest === undefined ? [] : [route.onRequest].flat()
    if (!hooks.some((hook) => isGuard.has(hook))) route.onRequest = [guards[needed], ...hooks] as RouteOptions['onRequest']
  })
}, { name: 'auth', fastify: '5.x', dependencies: ['env', 'error-handler'] })

/** The route's `security` in the OpenAPI document, and the 401 and 403 a key check can answer. */
function document (route: RouteOptions, access: Access): void {
  const schema = route.schema
  if (!schema?.response || typeof schema.response !== 'object') return
  if (access === 'public') {
    schema.security = []
    return
  }
  schema.security = [{ [API_KEY_SCHEME]: [access] }]
  // a storefront route takes every key: no 403
  const forbidden = access === 'admin' ? { 403: AdminForbiddenResponse } : access === 'crm' ? { 403: AuthErrorResponses[403] } : {}
  schema.response = { ...schema.response as Record<string, unknown>, 401: AuthErrorResponses[401], ...forbidden }
}
