// Registers the shared schemas (services/schemas/shared.ts) on the root instance, before any route
// refers to them: Fastify validates and serialises through the references, and @fastify/swagger
// makes each one a named component of the OpenAPI document.
import fp from 'fastify-plugin'
import { SHARED_SCHEMAS } from '../../schemas/shared.js'

export default fp(async function sharedSchemasPlugin (fastify) {
  for (const schema of SHARED_SCHEMAS) fastify.addSchema(schema)
}, { name: 'shared-schemas', fastify: '5.x' })
