// Which methods a URL has routes for: the Allow header of a 405. Asked of Fastify's router
// (findRoute matches a concrete URL, parameters included), so it can never disagree with routing.
import type { FastifyInstance, HTTPMethods } from 'fastify'

/** The methods `url` (path and query string, as received) has a route for, sorted; HEAD comes with every GET. */
export function allowedMethods (fastify: FastifyInstance, url: string): string[] {
  return fastify.supportedMethods
    .filter((method) => fastify.findRoute({ method: method as HTTPMethods, url }) !== null)
    .sort()
}
