// Guards the model operations (pin, unpin) with a bearer token, the ADMIN_TOKEN setting. Without a
// configured token those routes are refused outright: an open admin API is never the default.
import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { HttpError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for admin routes: 403 when no ADMIN_TOKEN is set, 401 on a missing or wrong token */
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i

// Comparing fixed-length digests keeps timingSafeEqual's length precondition and hides the length.
function digest (token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

export default fp(async function adminAuthPlugin (fastify) {
  const token = fastify.config.ADMIN_TOKEN
  const expected = token ? digest(token) : null

  fastify.decorate('requireAdmin', async function requireAdmin (request: FastifyRequest, reply: FastifyReply) {
    if (!expected) {
      throw new HttpError(403, 'ERR_ADMIN_DISABLED', 'model operations are disabled: set the ADMIN_TOKEN environment variable (16 or more characters) and restart the service to enable them')
    }
    const match = BEARER.exec(request.headers.authorization ?? '')
    if (!match) {
      reply.header('www-authenticate', 'Bearer realm="model operations"')
      throw new HttpError(401, 'ERR_UNAUTHORIZED', 'missing admin token: send the header Authorization: Bearer <ADMIN_TOKEN>')
    }
    if (!timingSafeEqual(digest(match[1]), expected)) {
      reply.header('www-authenticate', 'Bearer realm="model operations", error="invalid_token"')
      throw new HttpError(401, 'ERR_UNAUTHORIZED', 'wrong admin token')
    }
  })
}, { name: 'admin-auth', fastify: '5.x', dependencies: ['env'] })
