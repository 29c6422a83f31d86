// Probes for orchestrators: live = the process answers; ready = a model is loaded and requests
// can be served (503 until then, e.g. while the first version trains).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '../../schemas/error.js'
import { LiveSchema, ReadySchema } from '../../schemas/health.js'
import { modelNotReady } from '../../errors.js'

const healthRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  fastify.get('/live', {
    schema: { summary: 'Liveness: the process is up', tags: ['Health'], response: { 200: LiveSchema } }
  }, async function () {
    return { status: 'ok' as const }
  })

  fastify.get('/ready', {
    schema: {
      summary: 'Readiness: a model version is loaded',
      description: 'Answers 503 until the first valid model version is loaded.',
      tags: ['Health'],
      response: { 200: ReadySchema, 503: ErrorSchema }
    }
  }, async function () {
    const model = fastify.modelStore.current()
    if (!model) throw modelNotReady()
    return { status: 'ready' as const, version: model.version }
  })
}

export default healthRoutes
