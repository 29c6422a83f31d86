// The service as one Fastify plugin. Registration order is explicit (no autoload): third-party
// plugins, then the app's own plugins (each named, with declared dependencies), then one route
// plugin per resource. server.ts registers it on a real instance; tests register it on a fresh
// Fastify() and call inject().
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import envPlugin, { type Config, type EnvInput } from './plugins/external/env.js'
import swaggerPlugin from './plugins/external/swagger.js'
import underPressurePlugin from './plugins/external/under-pressure.js'
import corsPlugin from './plugins/external/cors.js'
import compressionPlugin from './plugins/external/compression.js'
import errorHandlerPlugin from './plugins/app/error-handler.js'
import sharedSchemasPlugin from './plugins/app/shared-schemas.js'
import authPlugin from './plugins/app/auth.js'
import { cachedSerializerBuilder } from './schemas/cached-serializers.js'
import modelStorePlugin from './plugins/app/model-store.js'
import metricsPlugin from './plugins/app/metrics.js'
import httpCachePlugin from './plugins/app/http-cache.js'
import requestLoggingPlugin, { OneLinePerRequest } from './plugins/app/request-logging.js'
import healthRoutes from './routes/health/index.js'
import metricsRoutes from './routes/metrics/index.js'
import modelsRoutes from './routes/models/index.js'
import recommendationsRoutes from './routes/recommendations/index.js'
import productsRoutes from './routes/products/index.js'
import segmentsRoutes from './routes/segments/index.js'
import customersRoutes from './routes/customers/index.js'
import reportRoutes from './routes/models/report.js'
import webRoutes from './routes/web/index.js'
import { MAX_PARAM_LENGTH, clientErrorHandler, frameworkErrors } from './http/client-errors.js'
import { REQUEST_ID_HEADER, requestIdOf } from './http/request-id.js'
import { parseTrustProxy } from './http/trust-proxy.js'

export interface AppOptions {
  /** a validated configuration (server.ts) … */
  config?: Config
  /** … or raw settings to validate instead of process.env (tests, the OpenAPI generator) */
  env?: EnvInput
}

/** Fastify instance options shared by server.ts and the tests (logger aside). */
export const serverOptions = {
  // an upstream proxy's request id is kept if it is a safe token, else a UUID (http/request-id.ts);
  // Fastify's own header reading would take any value, so it is off and genReqId reads the header
  requestIdHeader: false,
  genReqId: requestIdOf,
  // CRM batches of 10,000 customers as JSON are about 1 MB
  bodyLimit: 4 * 1024 * 1024,
  // the first model version loads in the model store's onReady hook, which Fastify bounds by this:
  // its default (10 s) is less than a 10M-customer version takes (README "Large models"), and a
  // test machine under load can take seconds to start the loader's worker from the sources
  pluginTimeout: 120_000,
  // no type coercion anywhere: JSON bodies keep their types, and query and path parameters are
  // converted by one strict rule before validation (http/parameters.ts says why)
  ajv: { customOptions: { allErrors: false, coerceTypes: false } },
  routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
  // what the HTTP parser and the router refuse is answered in the service's error body
  clientErrorHandler,
  // one serializer per schema, not per route and status (schemas/cached-serializers.ts says why)
  schemaController: { compilersFactory: { buildSerializer: cachedSerializerBuilder() } },
  frameworkErrors,
  // one line per request from the request-logging plugin instead of Fastify's two
  logController: new OneLinePerRequest()
} satisfies FastifyServerOptions

/** The instance options for a configuration: serverOptions and the settings that are Fastify options (logger aside). */
export function instanceOptions (config: Config): FastifyServerOptions {
  return { ...serverOptions, trustProxy: parseTrustProxy(config.TRUST_PROXY) }
}

async function app (fastify: FastifyInstance, options: AppOptions): Promise<void> {
  await fastify.register(envPlugin, options)
  // before any route (including swagger's): it completes every route's documented error responses
  await fastify.register(errorHandlerPlugin)
  // the schemas routes refer to ($ref), the OpenAPI document's components
  await fastify.register(sharedSchemasPlugin)
  // before any route (CORS's preflight, swagger's, the resource routes): its onRoute hook gives each
  // route the API key check its entry in the access table asks for, and documents it
  await fastify.register(authPlugin)
  // before load shedding (its 503s carry the CORS headers) and before any route
  await fastify.register(corsPlugin)
  await fastify.register(compressionPlugin)
  await fastify.register(swaggerPlugin)
  await fastify.register(underPressurePlugin)

  await fastify.register(modelStorePlugin)
  await fastify.register(metricsPlugin)
  // before the routes: HTTP caching hooks each route as it is added (onRoute)
  await fastify.register(httpCachePlugin)
  await fastify.register(requestLoggingPlugin)

  fastify.addHook('onSend', async function (request, reply) {
    reply.header(REQUEST_ID_HEADER, request.id)
  })

  await fastify.register(healthRoutes, { prefix: '/health' })
  await fastify.register(metricsRoutes, { prefix: '/metrics' })
  await fastify.register(modelsRoutes, { prefix: '/models' })
  await fastify.register(reportRoutes, { prefix: '/models' })
  // resource routes (recommendations, products, segments, customers): register them here
  await fastify.register(recommendationsRoutes, { prefix: '/recommendations' })
  await fastify.register(productsRoutes, { prefix: '/products' })
  await fastify.register(segmentsRoutes, { prefix: '/segments' })
  await fastify.register(customersRoutes, { prefix: '/customers' })
  // the web page of the original app (`/`, `/assets/*`); hidden from the OpenAPI document
  await fastify.register(webRoutes)
}

export default fp(app, { name: 'shopper-spectrum', fastify: '5.x' })
