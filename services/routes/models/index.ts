// Model operations for ops: see every version, pin one (rollback = pin an older one), follow
// LATEST again. A pin is recorded in the artifacts directory (PINNED, beside LATEST), so every
// replica serving that directory converges on it within its poll interval and a restart keeps
// it. That needs the directory writable here: on a read-only volume these routes answer 409 and
// ops pin with the trainer's `models pin VERSION` instead.
// Who may call them is the access table's (plugins/app/auth.ts): any API key reads the status, the
// admin scope pins and unpins.
import os from 'node:os'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ActiveModelSchema, ModelListSchema, PinBodySchema } from '../../schemas/models.js'
import { ref } from '../../schemas/ref.js'
import { modelNotReady } from '../../errors.js'
import type { StoreStatus } from '../../plugins/app/model-store.js'
import { AdminErrorResponses, BadRequestResponse, ModelErrorResponses } from '../../schemas/error-responses.js'
import { eitherErrorResponse, errorResponse } from '../../schemas/error.js'

function activeBody ({ lastFailure, ...status }: StoreStatus) {
  return { ...status, lastFailure: lastFailure && { version: lastFailure.version, reason: lastFailure.reason, at: lastFailure.at } }
}

const ActiveModel = ref(ActiveModelSchema)

const NotReadyResponse = ModelErrorResponses[503]

const adminErrors = { 400: BadRequestResponse, ...AdminErrorResponses }

const modelsRoutes: FastifyPluginAsyncTypebox = async function (fastify) {
  const store = fastify.modelStore

  fastify.get('/', {
    schema: {
      operationId: 'listModels',
      summary: 'Every model version on disk, with its status and headline metrics',
      description: 'Newest first. `invalid` versions carry the reason they cannot serve. Only manifests are read here; a version is fully validated when it is loaded.',
      tags: ['Models'],
      response: { 200: ref(ModelListSchema) }
    }
  }, async function () {
    const versions = await store.list()
    const { active, pinned, pin, latest, problems } = store.status()
    return { active, pinned, pin, latest, problems, versions }
  })

  fastify.get('/active', {
    schema: {
      operationId: 'getActiveModel',
      summary: 'The model version serving, and whether it is pinned (by whom, since when)',
      description: 'Every replica on one artifacts directory tells the same story: the pin is a record in that directory.',
      tags: ['Models'],
      response: { 200: ActiveModel, 503: NotReadyResponse }
    }
  }, async function () {
    const status = store.status()
    if (!status.active) throw modelNotReady()
    return activeBody(status)
  })

  fastify.put('/active', {
    schema: {
      operationId: 'pinModel',
      summary: 'Pin a model version for every replica (roll back = pin an older one)',
      description: 'The version is loaded and fully validated before the pin is recorded in the artifacts directory (PINNED) and it serves; ' +
        'requests already running finish on the previous one. Every replica on that directory follows within its poll interval, and the pin ' +
        'survives restarts, until DELETE /models/active. Needs the artifacts directory writable (409 otherwise).',
      tags: ['Models'],
      body: ref(PinBodySchema),
      response: {
        200: ActiveModel,
        ...adminErrors,
        404: errorResponse(404, 'The version is not in the artifacts directory',
          { code: 'ERR_MODEL_VERSION_NOT_FOUND', message: 'model version 20261125T154500Z-3fa9c1 is not in the artifacts directory' }),
        422: errorResponse(422, 'The version cannot be served (it failed to load: the reason says why); nothing was pinned',
          { code: 'ERR_MODEL_VERSION_INVALID', message: 'model version 20261125T154500Z-3fa9c1 cannot be served: neighbours.bin: sha256 differs from the manifest' })
      }
    }
  }, async function (request) {
    const { version, by, note } = request.body
    request.log.info({ version, by }, 'pinning model version')
    return activeBody(await store.pin(version, { by: by ?? `admin API on ${os.hostname()} (from ${request.ip})`, note }))
  })

  fastify.delete('/active', {
    schema: {
      operationId: 'unpinModel',
      summary: 'Unpin for every replica: serve the version LATEST names again',
      tags: ['Models'],
      // the version LATEST names may be gone: then nothing serves
      response: { 200: ActiveModel, ...adminErrors, 503: eitherErrorResponse(adminErrors[503], NotReadyResponse) }
    }
  }, async function (request) {
    request.log.info('unpinning: following LATEST')
    const status = await store.unpin()
    if (!status.active) throw modelNotReady()
    return activeBody(status)
  })
}

export default modelsRoutes
