// The OpenAPI document is generated from the routes' TypeBox schemas (never written by hand):
// served at GET /openapi.json, browsable at /docs, and written to openapi/openapi.json by
// `npm run openapi`.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { Type } from '@sinclair/typebox'
import { PROJECT_ROOT } from '../../../lib/project-root.js'

const { version } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }

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

export default fp(async function swaggerPlugin (fastify) {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Shopper Spectrum API',
        version,
        description: 'Customer segments (RFM + K-Means) and product recommendations (item-based collaborative filtering), served from hot-swappable model versions.'
      },
      servers: [{ url: 'http://localhost:3000', description: 'npm start' }],
      tags: API_TAGS,
      components: {
        securitySchemes: {
          adminToken: { type: 'http', scheme: 'bearer', description: 'the ADMIN_TOKEN setting' }
        }
      }
    }
  })
  await fastify.register(swaggerUi, { routePrefix: '/docs' })

  fastify.get('/openapi.json', {
    schema: {
      summary: 'The OpenAPI 3.1 document of this API',
      tags: ['Docs'],
      response: { 200: Type.Object({}, { additionalProperties: true, description: 'OpenAPI 3.1 document' }) }
    }
  }, async function () {
    return fastify.swagger()
  })
}, { name: 'swagger-setup', fastify: '5.x' })
