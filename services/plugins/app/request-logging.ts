// One log line per request, written when the answer has been sent, with what operators search
// by: method, URL, route pattern, status, duration, client address, request id (`reqId`, bound
// to every line of the request) and the model version that answered.
//
// Fastify's default is two lines per request ("incoming request", "request completed"): 464
// bytes and two writes for a recommendation, and the API served 61-62 % of the requests per
// second it served at LOG_LEVEL=warn. Routine requests nobody reads the lines of — the health
// probes (Docker's HEALTHCHECK alone made 17,280 lines a day), the metrics scrape, the web page's
// and the docs' static files — are logged at debug, unless they fail (5xx): a readiness probe
// answering 503 is news.
import fp from 'fastify-plugin'
import pino from 'pino'
import { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyRequest } from 'fastify'

/**
 * Fastify's own per-request lines are turned off (serverOptions in app.ts), the others kept: a
 * reply that failed to send ("request errored"), a response stream failing, a serializer
 * failing. The top-level `disableRequestLogging: true` would turn those off as well, and Fastify
 * 5.12 deprecates it for this class.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest (): void {}

  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error) super.requestCompleted(error, request, reply, metadata)
  }
}

/** Route patterns (or prefixes, ending in `/`) of routine requests, logged at debug. */
const ROUTINE_ROUTES = ['/health/', '/metrics', '/', '/assets/', '/docs', '/docs/', '/openapi.json']
/** browsers ask for it on any page that names no icon (Swagger UI, the training report); no route has it */
const FAVICON = '/favicon.ico'

/** Whether a request to `route` (its pattern; undefined when no route matched) at `url` is routine. */
export function isRoutine (route: string | undefined, url: string): boolean {
  if (route === undefined) return url === FAVICON || url.startsWith(`${FAVICON}?`)
  return ROUTINE_ROUTES.some((routine) => route === routine || (routine.endsWith('/') && routine !== '/' && route.startsWith(routine)))
}

/** The fields of a request's line (and their names: what a log query filters on). */
export interface RequestLine {
  method: string
  url: string
  /** the route pattern (`/recommendations/:product`), as in the metrics; absent when no route matched */
  route?: string
  statusCode: number
  /** from the request's arrival to the answer's last byte handed to the OS, in ms */
  durationMs: number
  /** the client's address: behind a proxy only with TRUST_PROXY set */
  ip: string
  /** the model version that answered (see plugins/app/http-cache.ts), on model routes' successful answers */
  modelVersion?: string
}

/** Whether `log` writes lines of `level` ('silent', or no logger: nothing). */
function writes (log: FastifyBaseLogger, level: 'debug' | 'info'): boolean {
  const threshold = pino.levels.values[log.level]
  return threshold !== undefined && pino.levels.values[level] >= threshold
}

export default fp(async function requestLoggingPlugin (fastify) {
  // The hooks are chosen once, for the instance's level (the service never changes it at
  // runtime): at warn and above a request costs nothing here, at info a routine one only the
  // check that it is routine.
  const info = writes(fastify.log, 'info')
  const debug = writes(fastify.log, 'debug')

  // At debug, a request also gets a line when it arrives, so one that never completes (a slow
  // upload, a hang) shows up.
  if (debug) {
    fastify.addHook('onRequest', function (request, _reply, done) {
      request.log.debug({ method: request.method, url: request.url, ip: request.ip }, 'request received')
      done()
    })
  }

  if (!info) return
  fastify.addHook('onResponse', function (request, reply, done) {
    const route = request.routeOptions.url
    const routine = reply.statusCode < 500 && isRoutine(route, request.url)
    if (routine && !debug) return done()
    const line: RequestLine = {
      method: request.method,
      url: request.url,
      route,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      ip: request.ip,
      modelVersion: request.modelVersion
    }
    if (routine) request.log.debug(line, 'request completed')
    else request.log.info(line, 'request completed')
    done()
  })
}, { name: 'request-logging', fastify: '5.x', dependencies: ['http-cache'] })
