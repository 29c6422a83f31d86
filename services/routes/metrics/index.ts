import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

const metricsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  fastify.get('/', {
    // an overloaded service is exactly when its metrics must still be scraped
    config: { neverShed: true },
    schema: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description: 'Request durations by route and status, the active model version, model load failures, swaps and model age, and Node process metrics, in the Prometheus text format.',
      tags: ['Metrics'],
      produces: ['text/plain'],
      response: {
        200: Type.String({ description: 'Prometheus text exposition format', examples: ['shopper_model_swaps_total 1\n'] })
      }
    }
  }, async function (request, reply) {
    const { registry } = fastify.metrics
    reply.type(registry.contentType)
    return registry.metrics()
  })
}

export default metricsRoutes
