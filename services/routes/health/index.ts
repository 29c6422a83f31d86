// Probes for orchestrators: live = the process answers; ready = a model is loaded and the service
// is not overloaded (503 until a model is loaded, e.g. while the first version trains, and while
// load shedding is on, so a load balancer sends traffic elsewhere). Neither is ever shed: a probe
// that times out says nothing, a quick 503 says why.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eitherErrorResponse } from '../../schemas/error.js'
import { ModelErrorResponses, OverloadedResponse } from '../../schemas/error-responses.js'
import { LiveSchema, ReadySchema } from '../../schemas/health.js'
import { ref } from '../../schemas/ref.js'
import { modelNotReady } from '../../errors.js'
import { overloaded } from '../../plugins/external/under-pressure.js'

const healthRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  fastify.get('/live', {
    config: { neverShed: true },
    schema: { operationId: 'getLiveness', summary: 'Liveness: the process is up', tags: ['Health'], response: { 200: ref(LiveSchema) } }
  }, async function () {
    return { status: 'ok' as const }
  })

  fastify.get('/ready', {
    config: { neverShed: true },
    schema: {
      operationId: 'getReadiness',
      summary: 'Readiness: a model version is loaded and the service is not overloaded',
      description: 'Answers 503 `ERR_MODEL_NOT_READY` until the first valid model version is loaded, and 503 `ERR_OVERLOADED` ' +
        '(with `Retry-After`) while the service sheds load: the message names the limit exceeded.',
      tags: ['Health'],
      response: {
        200: ref(ReadySchema),
        // never shed itself, it tells a load balancer that the service sheds
        503: eitherErrorResponse(ModelErrorResponses[503], OverloadedResponse)
      }
    }
  }, async function (_request, reply) {
    const model = fastify.modelStore.current()
    if (!model) throw modelNotReady()
    const pressure = fastify.loadShedding.pressure()
    if (pressure) {
      reply.header('retry-after', fastify.loadShedding.retryAfterSeconds)
      throw overloaded(pressure, fastify.loadShedding.retryAfterSeconds)
    }
    return { status: 'ready' as const, version: model.version }
  })
}

export default healthRoutes
