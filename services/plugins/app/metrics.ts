// Prometheus metrics (prom-client) in a registry per app instance, so tests can build several apps
// in one process. Request durations are labelled by route pattern (routeOptions.url), never by
// the raw URL, so the number of series stays bounded.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { PROJECT_ROOT } from '../../../lib/project-root.js'

/* eslint-disable no-new -- a prom-client metric registers itself in its constructor (registers: [registry]), and collect() keeps it current: nothing else holds it */

const { version: APP_VERSION } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }

// prom-client's default metrics include three gauges named like counters; `promtool check
// metrics` rejects them, and prom-client also exports each without the suffix (nodejs_active_handles …)
const MISNAMED_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']

// Static files are one route each (the web page's fixed table, Swagger UI's files): one series
// per file would multiply the histogram for nothing, so they fold into one label per prefix.
const FOLDED_ROUTE_PREFIXES = ['/assets/', '/docs']

/** The `route` label: the route pattern, static files folded, `unmatched` for unknown URLs. */
export function routeLabel (url: string | undefined): string {
  if (url === undefined) return 'unmatched'
  for (const prefix of FOLDED_ROUTE_PREFIXES) {
    if (url === prefix || url.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`)) return `${prefix.replace(/\/$/, '')}/*`
  }
  return url
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: {
      registry: Registry
      /** answers that are popular products only, because co-purchase data gave nothing (by reason) */
      fallbacks: Counter<'reason'>
    }
  }
}

export default fp(async function metricsPlugin (fastify) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  for (const name of MISNAMED_DEFAULT_METRICS) registry.removeSingleMetric(name)
  new Gauge({
    name: 'shopper_build_info',
    help: 'The running service: app version and Node.js version (value 1)',
    labelNames: ['version', 'node'] as const,
    registers: [registry]
  }).set({ version: APP_VERSION, node: process.version }, 1)
  const store = fastify.modelStore

  const requestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry]
  })
  new Gauge({
    name: 'shopper_model_active_info',
    help: 'The model version serving (value 1, version in the label)',
    labelNames: ['version'] as const,
    registers: [registry],
    collect () {
      this.reset()
      const model = store.current()
      if (model) this.set({ version: model.version }, 1)
    }
  })
  new Gauge({
    name: 'shopper_model_age_seconds',
    help: 'Seconds since the serving model version was trained (its manifest createdAt); no series before a model loads',
    labelNames: ['version'] as const,
    registers: [registry],
    collect () {
      this.reset()
      const model = store.current()
      if (model) this.set({ version: model.version }, (Date.now() - Date.parse(model.manifest.createdAt)) / 1000)
    }
  })
  new Gauge({
    name: 'shopper_artifacts_pointer_problem',
    help: 'LATEST or PINNED is present but unusable (1): the version serving keeps serving until it is fixed; see GET /models',
    labelNames: ['file'] as const,
    registers: [registry],
    collect () {
      this.reset()
      for (const file of ['LATEST', 'PINNED'] as const) this.set({ file }, 0)
      for (const problem of store.status().problems) this.set({ file: problem.file }, 1)
    }
  })
  new Gauge({
    name: 'shopper_model_pinned',
    help: 'The served version is pinned by the artifacts directory\'s PINNED record (1) rather than following LATEST (0)',
    registers: [registry],
    collect () {
      this.set(store.status().pinned ? 1 : 0)
    }
  })
  const loadFailures = new Counter({
    name: 'shopper_model_load_failures_total',
    help: 'Model versions that failed to load or validate (they never serve)',
    registers: [registry]
  })
  const swaps = new Counter({
    name: 'shopper_model_swaps_total',
    help: 'Times a model version was swapped in (first load included)',
    registers: [registry]
  })
  store.on('load-failure', () => loadFailures.inc())
  store.on('swap', () => swaps.inc())

  fastify.addHook('onResponse', async function (request, reply) {
    requestDuration.observe({
      method: request.method,
      route: routeLabel(request.routeOptions.url),
      status_code: String(reply.statusCode)
    }, reply.elapsedTime / 1000)
  })

  const fallbacks = new Counter({
    name: 'shopper_recommendation_fallbacks_total',
    help: 'Recommendation answers that are popular products only (fallback: true), by reason',
    labelNames: ['reason'] as const,
    registers: [registry]
  })
  fastify.decorate('metrics', { registry, fallbacks })
}, { name: 'metrics', fastify: '5.x', dependencies: ['model-store'] })
