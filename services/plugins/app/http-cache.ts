// HTTP caching of model answers. An answer of a model route is a function of the model version,
// the request (route, path parameters, query) and the service's code, nothing else: within one
// model version it never changes. So the GET answers of the model routes carry an ETag derived
// from exactly those, computed before the handler runs, and a request whose If-None-Match names
// it gets 304 without the handler's work (search, recommendation, serialisation): only the
// version is looked up (`modelStore.get`, as the handler would: same errors, same order).
//
// Cache-Control, and why:
// - active-version answers (no ?version=): `max-age=60`. The active version changes at any swap
//   (a new LATEST, a pin, a rollback of a bad model) and a cache serves what it stored until
//   max-age runs out, so 60 s bounds how long a rolled-back model's answers live on in browsers
//   and CDNs, while a product page seen again within a minute costs the service nothing. Then the
//   client revalidates: a 304 costs a version lookup, and a swap changes the tag at once.
// - answers of a named version (?version=V): `max-age=86400, immutable`. V never changes (its
//   name carries its content hash), so no revalidation, not even on reload. A day rather than a
//   year: a new release of the service may answer differently for the same version, and a
//   version pruned from disk should become a 404 eventually.
// - `private` for /customers/:id: a customer's RFM values and segment are about a person, and
//   shared caches (CDNs, proxies) must not keep them; `public` for the rest (catalogue data).
// - The ETag is weak (W/): the same answer goes out as identity, gzip or br (plugins/external/
//   compression.ts), different bytes of one answer, and a strong tag must differ per content
//   coding (RFC 9110 8.8.1). If-None-Match compares weakly, so 304s are the same.
//
// Not cacheable: the ops routes (GET /models, /models/active), the probes (/health/*) and
// /metrics answer `no-store`: they describe this process now, and a cache in between (a CDN in
// front of everything, a corporate proxy) would hide a swap or a failing probe. Errors are
// no-store too (the error handler's onSend, which also drops the ETag set here). Left alone:
// routes with validators of their own (a version's training report: sha256 ETag for an hour; the
// web page and Swagger UI's files: no-cache + ETag), /openapi.json, and POST answers (no header:
// not cacheable without one).
//
// The model version that answered is kept on the request (`request.modelVersion`) for the
// request's log line: exact on these GET routes; on the model routes' POSTs, whose handlers
// take the model after reading the body, it is the active version when the answer is sent (or
// ?version=), which differs only if a swap happened during the request.
import { hash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest, RouteOptions, onRequestHookHandler, onSendHookHandler, preHandlerHookHandler } from 'fastify'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { ifNoneMatchHas } from '../../http/entity-tag.js'
import { answerFormatOf } from '../../http/answer-format.js'

const { version: APP_VERSION } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }

export const ACTIVE_VERSION_MAX_AGE_SECONDS = 60
export const NAMED_VERSION_MAX_AGE_SECONDS = 86_400
export const NO_STORE = 'no-store'

/** The model routes (prefixes of route patterns) and whether shared caches may keep their answers. */
const MODEL_ROUTES: ReadonlyArray<{ prefix: string, audience: 'public' | 'private' }> = [
  { prefix: '/recommendations', audience: 'public' },
  { prefix: '/products', audience: 'public' },
  // lists of customers (audiences, movers) are about people: before /segments, whose first match wins
  { prefix: '/segments/:segment/customers', audience: 'private' },
  { prefix: '/segments/transitions/customers', audience: 'private' },
  { prefix: '/segments', audience: 'public' },
  { prefix: '/customers', audience: 'private' }
]
/** route patterns answered `no-store`: exact, or every pattern below a prefix ending in `/` */
const NO_STORE_ROUTES = ['/models', '/models/active', '/health/', '/metrics']

export type CachePolicy =
  | { kind: 'model-answer', audience: 'public' | 'private' }
  | { kind: 'model-post' }
  | { kind: 'no-store' }

function under (pattern: string, prefix: string): boolean {
  return pattern === prefix || pattern.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)
}

/** What this plugin does for a route (its methods and pattern); undefined: nothing. */
export function cachePolicyOf (methods: readonly string[], pattern: string): CachePolicy | undefined {
  const model = MODEL_ROUTES.find(({ prefix }) => under(pattern, prefix))
  const reads = methods.every((method) => method === 'GET' || method === 'HEAD')
  if (model) return reads ? { kind: 'model-answer', audience: model.audience } : { kind: 'model-post' }
  if (reads && NO_STORE_ROUTES.some((route) => route.endsWith('/') ? under(pattern, route) : pattern === route)) return { kind: 'no-store' }
  return undefined
}

export function cacheControl (audience: 'public' | 'private', namedVersion: boolean): string {
  return namedVersion
    ? `${audience}, max-age=${NAMED_VERSION_MAX_AGE_SECONDS}, immutable`
    : `${audience}, max-age=${ACTIVE_VERSION_MAX_AGE_SECONDS}`
}

/**
 * The ETag of a model answer: the version (readable, for whoever debugs a cache) and a digest of
 * the service's version and the request as the route sees it — its pattern, the decoded path
 * parameters and the parsed query with sorted keys — so spellings of one request that the route
 * cannot tell apart (`%41` for `A`, parameters in another order, `?exclude=a&exclude=b` for
 * `?exclude=a,b`) share it. HEAD is GET without the body: same tag, and no method in the digest.
 */
export function entityTag (version: string, request: FastifyRequest, format: string | null = null): string {
  const query = request.query as Record<string, unknown>
  const sortedQuery = Object.keys(query).sort().map((key) => [key, query[key]])
  // a route answering JSON or CSV by Accept: one tag per format (a cached JSON answer is no CSV)
  const variant = format === null ? '' : `\n${format}`
  const digest = hash('sha1', `${APP_VERSION}\n${request.routeOptions.url ?? ''}\n${JSON.stringify(request.params)}\n${JSON.stringify(sortedQuery)}${variant}`, 'base64url')
  return `W/"${version}.${digest.slice(0, 16)}"`
}

/**
 * The tags of the active version's answers, by URL: a tag is a function of the URL for a given
 * version, and computing it (parsed query, JSON, sha1) was ~2 µs of a ~35 µs recommendation in
 * the profile. Forgotten at a swap. Bounded: URLs are the clients', so only short ones get a slot
 * and the map is emptied when full (~2.5 MB at most).
 */
class ActiveVersionTags {
  static readonly MAX_URL_LENGTH = 256
  static readonly MAX_ENTRIES = 10_000
  #version: string | undefined
  readonly #tags = new Map<string, string>()

  get (version: string, request: FastifyRequest, format: string | null): string {
    if (version !== this.#version) {
      this.#tags.clear()
      this.#version = version
    }
    const url = format === null ? request.url : `${format} ${request.url}`
    let etag = this.#tags.get(url)
    if (etag === undefined) {
      etag = entityTag(version, request, format)
      if (url.length <= ActiveVersionTags.MAX_URL_LENGTH) {
        if (this.#tags.size >= ActiveVersionTags.MAX_ENTRIES) this.#tags.clear()
        this.#tags.set(url, etag)
      }
    }
    return etag
  }
}

function hooksOf<T> (hooks: T | T[] | undefined): T[] {
  return hooks === undefined ? [] : [hooks].flat() as T[]
}

declare module 'fastify' {
  interface FastifyRequest {
    /** the model version that answered (for the log line); undefined when no model did */
    modelVersion: string | undefined
  }
}

export default fp(async function httpCachePlugin (fastify) {
  const store = fastify.modelStore

  const activeTags = new ActiveVersionTags()
  const cacheControls = {
    public: { active: cacheControl('public', false), named: cacheControl('public', true) },
    private: { active: cacheControl('private', false), named: cacheControl('private', true) }
  }

  fastify.decorateRequest('modelVersion', undefined)

  /** Tags the answer-to-be; true when the client already has it (If-None-Match). */
  function tag (request: FastifyRequest, reply: FastifyReply, version: string, audience: 'public' | 'private', named: boolean): boolean {
    request.modelVersion = version
    const format = answerFormatOf(request)
    if (format !== null) reply.header('vary', 'accept')
    const etag = named ? entityTag(version, request, format) : activeTags.get(version, request, format)
    reply.header('etag', etag).header('cache-control', cacheControls[audience][named ? 'named' : 'active'])
    return ifNoneMatchHas(request.headers['if-none-match'], etag)
  }

  function answerFromCache (audience: 'public' | 'private'): preHandlerHookHandler {
    // a callback hook, synchronous for the active version: no promise on the hot path
    return function notModifiedOrTagged (request, reply, done) {
      const named = (request.query as { version?: string }).version
      if (named === undefined) {
        const model = store.current()
        // no model yet: the handler answers 503, untagged
        if (model !== undefined && tag(request, reply, model.version, audience, false)) reply.code(304).send()
        else done()
        return
      }
      // a named version may have to be loaded first; its 400/404/422 go to the error handler as the handler's would
      store.get(named).then((model) => {
        if (tag(request, reply, model.version, audience, true)) reply.code(304).send()
        else done()
      }, done)
    }
  }

  const noStore: onRequestHookHandler = function (_request, reply, done) {
    reply.header('cache-control', NO_STORE)
    done()
  }

  const recordVersion: onSendHookHandler = function (request, reply, payload, done) {
    if (reply.statusCode < 400) request.modelVersion = (request.query as { version?: string }).version ?? store.current()?.version
    done(null, payload)
  }

  // route-level hooks, so other routes pay nothing; the route table is complete before ready
  fastify.addHook('onRoute', function (route: RouteOptions) {
    const policy = cachePolicyOf([route.method].flat(), route.url)
    if (policy?.kind === 'model-answer') route.preHandler = [...hooksOf(route.preHandler), answerFromCache(policy.audience)]
    else if (policy?.kind === 'model-post') route.onSend = [...hooksOf(route.onSend), recordVersion]
    else if (policy?.kind === 'no-store') route.onRequest = [...hooksOf(route.onRequest), noStore]
  })
}, { name: 'http-cache', fastify: '5.x', dependencies: ['model-store'] })
