// reply.notFound(), reply.badRequest() … and httpErrors: 4xx answers in one line, formatted by the
// global error handler like every other error.
import fp from 'fastify-plugin'
import sensible from '@fastify/sensible'

export default fp(async function sensiblePlugin (fastify) {
  await fastify.register(sensible)
}, { name: 'sensible-setup', fastify: '5.x' })
