// CORS (@fastify/cors), off by default: a storefront's pages at other origins may call the API
// from the browser only when CORS_ORIGINS names their origins (or `*`). Off, nothing is
// registered: no hook, no OPTIONS route, exactly the service without CORS (a preflight gets the
// 405 every unserved method gets, and the browser refuses the call). On, every path answers
// OPTIONS (204), and the CORS headers go on every answer to a listed origin, errors included.
//
// What is allowed, and why:
// - methods GET, HEAD, POST: the storefront's reads and the basket and segment POSTs. The model
//   operations (PUT/DELETE /models/active) stay same-origin: they are for ops, with a token, not
//   for web pages.
// - request headers content-type (a JSON POST needs a preflight for it), x-request-id (a page
//   correlating its calls with the service log) and if-none-match (a page revalidating itself);
//   not authorization, so a page cannot send the admin token across origins.
// - response headers exposed to scripts: x-request-id, retry-after (a 503 from load shedding
//   says when to retry) and etag.
// - no credentials: the API uses no cookies, and a `*` would not be allowed with them anyway.
// - preflights cached by the browser for 10 minutes (browsers default to 5 s, so every other
//   call would cost a preflight).
//
// Registered before load shedding (app.ts): hooks run in registration order, so a shed 503 carries
// the CORS headers too, and a page can read its Retry-After instead of seeing a network error.
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import { parseCorsOrigins } from '../../http/origins.js'

export const CORS_METHODS = ['GET', 'HEAD', 'POST']
export const CORS_ALLOWED_HEADERS = ['content-type', 'x-request-id', 'if-none-match']
export const CORS_EXPOSED_HEADERS = ['x-request-id', 'retry-after', 'etag']
export const CORS_MAX_AGE_SECONDS = 600

export default fp(async function corsPlugin (fastify) {
  const origins = parseCorsOrigins(fastify.config.CORS_ORIGINS)
  if (origins !== '*' && origins.length === 0) return
  await fastify.register(cors, {
    // a list: the request's Origin is echoed when listed (with Vary: Origin), else no CORS headers
    origin: origins,
    methods: CORS_METHODS,
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    credentials: false,
    maxAge: CORS_MAX_AGE_SECONDS,
    // an OPTIONS that is no preflight (no Origin or no Access-Control-Request-Method) gets the
    // same empty 204: the strict mode's 400 is a text/plain body, not the service's error body
    strictPreflight: false
  })
}, { name: 'cors', fastify: '5.x', dependencies: ['env'] })
