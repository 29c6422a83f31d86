// The OpenAPI document is generated from the routes' TypeBox schemas (never written by hand):
// served at GET /openapi.json, browsable at /docs, and written to openapi/openapi.json by
// `npm run openapi`. The shared schemas (services/schemas/shared.ts) are its named components.
//
// Its server URL is relative: BASE_PATH, or `/`. Swagger UI (and any client given the document's
// URL) resolves it against the URL it fetched the document from, so "Try it out" calls whatever
// origin serves the page — any port, host or scheme, in Docker or behind a proxy — and a proxy's
// path prefix is the one thing the service cannot see (the proxy strips it), hence BASE_PATH. A URL
// built per request from Host / X-Forwarded-* would trust headers any client can set, make the
// document differ by caller (no caching, no drift test against openapi/openapi.json), and still
// not know the prefix.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Type } from 'typebox'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { referSharedResponses } from '../../schemas/shared-responses.js'
import { API_KEY_SCHEME, API_KEY_SECURITY_SCHEME } from '../app/auth.js'

const { version, license } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string, license: string }

export const API_TAGS = [
  { name: 'Recommendations', description: 'Products bought by the same customers (storefront backends)' },
  { name: 'Products', description: 'Find products in the catalogue' },
  { name: 'Segments', description: 'RFM customer segments: list them, classify customers (CRM systems)' },
  { name: 'Customers', description: 'Known customers of the training data' },
  { name: 'Models', description: 'Model versions: list, pin, roll back (ops)' },
  { name: 'Health', description: 'Liveness and readiness probes' },
  { name: 'Metrics', description: 'Prometheus metrics' },
  { name: 'Docs', description: 'This document' }
]

/**
 * Swagger UI loads its own scripts, styles and images from /docs/static and fetches the document
 * and "Try it out" answers from this origin; its page has no inline script. Nothing else loads,
 * no plugin runs, no site may frame it (clickjacking of "Try it out" with an admin token).
 * @fastify/swagger-ui's default policy (staticCSP: true) also allowed https: styles and fonts and
 * images from validator.swagger.io, and upgrade-insecure-requests, which breaks the page over
 * plain HTTP on a host other than localhost. Checked in Chromium: test/browser/docs-page.test.ts.
 */
export const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // the one inline style Swagger UI inserts: the <style> of its SVG logo in the top bar (its hash;
  // a new Swagger UI version that changes it fails test/browser/docs-page.test.ts)
  "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'"
].join('; ')

/**
 * Component names are the shared schemas' `$id`s (`ErrorBody`, `SegmentList` …), which clients
 * turn into type names; @fastify/swagger's default names them def-0, def-1 …
 */
function componentName (schema: { $id?: unknown }, _baseUri: unknown, _fragment: unknown, i: number): string {
  return typeof schema.$id === 'string' ? schema.$id : `def-${i}`
}

export default fp(async function swaggerPlugin (fastify) {
  const basePath = fastify.config.BASE_PATH
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shopper Spectrum API',
        version,
        description: 'Customer segments (RFM + K-Means) and product recommendations (item-based collaborative filtering), served from hot-swappable model versions.',
        // SPDX identifier: package.json's license field (LICENSE)
        license: { name: license, identifier: license }
      },
      servers: [{ url: basePath || '/', description: 'the origin serving this document (BASE_PATH when behind a proxy that strips it)' }],
      tags: API_TAGS,
      components: {
        securitySchemes: {
          [API_KEY_SCHEME]: API_KEY_SECURITY_SCHEME
        }
      }
    },
    refResolver: { buildLocalReference: componentName },
    // (an OpenAPI 3 document here: the union's other side is Swagger 2)
    transformObject: (document) => referSharedResponses('openapiObject' in document ? document.openapiObject : document.swaggerObject),
    // the routes are never under BASE_PATH (the proxy strips it): nothing to strip from their paths
    stripBasePath: false
  })
  // Swagger UI in its own context, so the headers below reach its files too (the static files are
  // served by a plugin inside @fastify/swagger-ui that takes no hooks from its options)
  await fastify.register(async function docsPage (docs) {
    docs.addHook('onSend', function (_request, reply, payload, done) {
      reply.header('x-frame-options', 'DENY').header('x-content-type-options', 'nosniff')
      done(null, payload)
    })
    await docs.register(swaggerUi, {
      routePrefix: '/docs',
      // the page's links to its files are absolute at /docs (relative at /docs/): behind a proxy
      // they need its prefix
      indexPrefix: basePath,
      staticCSP: DOCS_CSP,
      // the default badge sends the document's URL to validator.swagger.io
      uiConfig: { validatorUrl: null }
    })
  })

  fastify.get('/openapi.json', {
    schema: {
      operationId: 'getOpenApiDocument',
      summary: 'The OpenAPI 3.1 document of this API',
      tags: ['Docs'],
      response: { 200: Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3.1 document' }) }
    }
  }, async function () {
    return fastify.swagger()
  })
}, { name: 'swagger-setup', fastify: '5.x', dependencies: ['env'] })
