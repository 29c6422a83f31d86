// Model operations for ops: see every version, pin one (rollback = pin an older one), follow
// LATEST again. Pins live in memory: a restart follows LATEST; to roll back for good (and for
// every replica sharing the volume), point LATEST at the older version.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '../../schemas/error.js'
import { ActiveModelSchema, ModelListSchema, PinBodySchema } from '../../schemas/models.js'
import { modelNotReady } from '../../errors.js'
import type { StoreStatus } from '../../plugins/app/model-store.js'

function activeBody ({ lastFailure, ...status }: StoreStatus) {
  return { ...status, lastFailure: lastFailure && { version: lastFailure.version, reason: lastFailure.reason, at: lastFailure.at } }
}

const adminErrors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema }

const modelsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const store = fastify.modelStore

  fastify.get('/', {
    schema: {
      summary: 'Every model version on disk, with its status and headline metrics',
      description: 'Newest first. `invalid` versions carry the reason they cannot serve. Only manifests are read here; a version is fully validated when it is loaded.',
      tags: ['Models'],
      response: { 200: ModelListSchema }
    }
  }, async function () {
    const status = store.status()
    return { active: status.active, pinned: status.pinned, latest: status.latest, versions: await store.list() }
  })

  fastify.get('/active', {
    schema: {
      summary: 'The model version serving, and whether it is pinned',
      tags: ['Models'],
      response: { 200: ActiveModelSchema, 503: ErrorSchema }
    }
  }, async function () {
    const status = store.status()
    if (!status.active) throw modelNotReady()
    return activeBody(status)
  })

  fastify.put('/active', {
    onRequest: fastify.requireAdmin,
    schema: {
      summary: 'Pin a model version (roll back = pin an older one)',
      description: 'The version is loaded and fully validated before it serves; requests already running finish on the previous one. The pin lasts until DELETE /models/active or a restart.',
      tags: ['Models'],
      security: [{ adminToken: [] }],
      body: PinBodySchema,
      response: { 200: ActiveModelSchema, ...adminErrors, 404: ErrorSchema, 422: ErrorSchema }
    }
  }, async function (request) {
    request.log.info({ version: request.body.version }, 'pinning model version')
    return activeBody(await store.pin(request.body.version))
  })

  fastify.delete('/active', {
    onRequest: fastify.requireAdmin,
    schema: {
      summary: 'Unpin: serve the version LATEST names again',
      tags: ['Models'],
      security: [{ adminToken: [] }],
      response: { 200: ActiveModelSchema, ...adminErrors, 503: ErrorSchema }
    }
  }, async function (request) {
    request.log.info('unpinning: following LATEST')
    const status = await store.unpin()
    if (!status.active) throw modelNotReady()
    return activeBody(status)
  })
}

export default modelsRoutes
