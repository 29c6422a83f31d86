// Model operations for ops: see every version, pin one (rollback = pin an older one), follow
// LATEST again. A pin is recorded in the artifacts directory (PINNED, beside LATEST), so every
// replica serving that directory converges on it within its poll interval and a restart keeps
// it. That needs the directory writable here: on a read-only volume these routes answer 409 and
// ops pin with the trainer's `models pin VERSION` instead.
import os from 'node:os'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorSchema } from '../../schemas/error.js'
import { ActiveModelSchema, ModelListSchema, PinBodySchema } from '../../schemas/models.js'
import { modelNotReady } from '../../errors.js'
import type { StoreStatus } from '../../plugins/app/model-store.js'
import { errorResponse } from '../resource-errors.js'

function activeBody ({ lastFailure, ...status }: StoreStatus) {
  return { ...status, lastFailure: lastFailure && { version: lastFailure.version, reason: lastFailure.reason, at: lastFailure.at } }
}

const adminErrors = {
  400: ErrorSchema,
  401: ErrorSchema,
  403: ErrorSchema,
  409: errorResponse('The artifacts directory is read-only for this replica: pin with the trainer\'s `models pin VERSION`', 409, 'Conflict',
    'ERR_ARTIFACTS_READ_ONLY', 'the artifacts directory /artifacts is not writable here (EROFS): pins are recorded in it for every replica; mount it writable for the admin API, or pin with the trainer\'s command: models pin VERSION'),
  503: errorResponse('A trainer holds the artifacts directory\'s lock (publishing): try again in a few seconds', 503, 'Service Unavailable',
    'ERR_ARTIFACTS_LOCKED', 'a trainer is publishing into the artifacts directory: try again in a few seconds'),
  507: errorResponse('The artifacts directory is full: the pin was not recorded', 507, 'Insufficient Storage',
    'ERR_ARTIFACTS_FULL', 'the artifacts directory /artifacts is full (ENOSPC): the pin was not recorded')
}

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
    const versions = await store.list()
    const { active, pinned, pin, latest, problems } = store.status()
    return { active, pinned, pin, latest, problems, versions }
  })

  fastify.get('/active', {
    schema: {
      summary: 'The model version serving, and whether it is pinned (by whom, since when)',
      description: 'Every replica on one artifacts directory tells the same story: the pin is a record in that directory.',
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
      summary: 'Pin a model version for every replica (roll back = pin an older one)',
      description: 'The version is loaded and fully validated before the pin is recorded in the artifacts directory (PINNED) and it serves; ' +
        'requests already running finish on the previous one. Every replica on that directory follows within its poll interval, and the pin ' +
        'survives restarts, until DELETE /models/active. Needs the artifacts directory writable (409 otherwise).',
      tags: ['Models'],
      security: [{ adminToken: [] }],
      body: PinBodySchema,
      response: { 200: ActiveModelSchema, ...adminErrors, 404: ErrorSchema, 422: ErrorSchema }
    }
  }, async function (request) {
    const { version, by, note } = request.body
    request.log.info({ version, by }, 'pinning model version')
    return activeBody(await store.pin(version, { by: by ?? `admin API on ${os.hostname()} (from ${request.ip})`, note }))
  })

  fastify.delete('/active', {
    onRequest: fastify.requireAdmin,
    schema: {
      summary: 'Unpin for every replica: serve the version LATEST names again',
      tags: ['Models'],
      security: [{ adminToken: [] }],
      response: { 200: ActiveModelSchema, ...adminErrors }
    }
  }, async function (request) {
    request.log.info('unpinning: following LATEST')
    const status = await store.unpin()
    if (!status.active) throw modelNotReady()
    return activeBody(status)
  })
}

export default modelsRoutes
