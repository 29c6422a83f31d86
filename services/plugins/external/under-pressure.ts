// Load shedding. Past a limit the service answers new requests at once with 503 + Retry-After
// (an ErrorSchema body, code ERR_OVERLOADED) instead of queueing them behind work it cannot
// finish in time, and /health/ready says so. Checked in onRequest, before the body is read or
// parsed, so a shed request costs little. Two mechanisms:
//
// 1. @fastify/under-pressure: the mean event-loop delay (MAX_EVENT_LOOP_DELAY_MS) and the heap
//    used (MAX_HEAP_USED_RATIO of V8's heap limit), sampled every SAMPLE_INTERVAL_MS. This is the
//    catch-all, whatever causes the overload; while it is on, /health/ready answers 503.
// 2. A limit on large bodies in progress (MAX_CONCURRENT_BATCHES). A 10,000-customer POST
//    /segments batch is ~700 KB of JSON and ~12 ms of synchronous work (parse, validate,
//    classify, serialize). When 50 of them wait in socket buffers, one event-loop turn reads and
//    processes them all, ~0.6 s, and a probe needs several turns to be answered (libuv accepts
//    one connection per turn, then it is read, then answered): probes took 2-10 s
//    (bench:overload in README.md). under-pressure alone reacts only after a sample, and lets
//    everything in again as soon as the delay falls. Admitting at most N large bodies at a time,
//    with a slot freed only on the next turn, bounds every turn to N of them: probes then took a
//    few hundred ms.
//
// Health probes are never shed (route config `neverShed`): /health/live always answers 200, and
// /health/ready answers 503 with the reason while under-pressure sheds.
import { getHeapStatistics } from 'node:v8'
import fp from 'fastify-plugin'
import underPressure, { type FastifyUnderPressureOptions } from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError, errorBody } from '../../errors.js'
import type { ErrorBody } from '../../schemas/error.js'

/** How often under-pressure samples the event-loop delay and the heap: how fast shedding starts and stops. */
const SAMPLE_INTERVAL_MS = 500
/**
 * A body larger than this counts against MAX_CONCURRENT_BATCHES: 64 KiB ≈ 900 customers of a
 * JSON batch (~70 bytes each), about a millisecond of work; smaller requests are not worth
 * holding back. A body of unknown length (chunked) counts too: it may be as large as the limit.
 */
export const LARGE_BODY_BYTES = 64 * 1024
export const OVERLOADED_CODE = 'ERR_OVERLOADED'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** never answered 503 by load shedding (health probes) */
    neverShed?: boolean
  }
  interface FastifyInstance {
    loadShedding: {
      /** why under-pressure sheds right now (the limit exceeded), or null */
      pressure: () => string | null
      /** the Retry-After of shed answers, in seconds */
      retryAfterSeconds: number
    }
  }
}

export interface PressureLimits {
  maxEventLoopDelayMs: number
  maxHeapUsedBytes: number
}

export interface PressureSample {
  eventLoopDelay: number
  heapUsed: number
}

const MIB = 1024 * 1024

/** The limit `sample` exceeds, in words for the client and the log; null within the limits (0 = no limit). */
export function pressureReason (sample: PressureSample, limits: PressureLimits): string | null {
  if (limits.maxEventLoopDelayMs > 0 && sample.eventLoopDelay > limits.maxEventLoopDelayMs) {
    return `event-loop delay ${Math.round(sample.eventLoopDelay)} ms is over the ${limits.maxEventLoopDelayMs} ms limit (MAX_EVENT_LOOP_DELAY_MS)`
  }
  if (limits.maxHeapUsedBytes > 0 && sample.heapUsed > limits.maxHeapUsedBytes) {
    return `heap used ${Math.round(sample.heapUsed / MIB)} MiB is over the ${Math.round(limits.maxHeapUsedBytes / MIB)} MiB limit (MAX_HEAP_USED_RATIO)`
  }
  return null
}

function overloadedMessage (reason: string, retryAfterSeconds: number): string {
  return `the service is overloaded: ${reason}; retry after ${retryAfterSeconds} s`
}

/** The 503 /health/ready answers under pressure (through the error handler, like its other errors). */
export function overloaded (reason: string, retryAfterSeconds: number): HttpError {
  return new HttpError(503, OVERLOADED_CODE, overloadedMessage(reason, retryAfterSeconds))
}

function declaredBodyBytes (request: FastifyRequest): number {
  const length = request.headers['content-length']
  if (length !== undefined) return Number(length)
  return request.headers['transfer-encoding'] !== undefined ? Infinity : 0
}

/** MAX_CONCURRENT_BATCHES: at most `max` requests with a large body in progress (see the top of the file). */
function limitLargeBodies (fastify: FastifyInstance, max: number, shed: (reply: FastifyReply, reason: string) => ErrorBody): void {
  const reason = `${max} large requests (bodies over ${LARGE_BODY_BYTES / 1024} KiB) are already in progress (MAX_CONCURRENT_BATCHES)`
  let inProgress = 0
  const release = (): void => { inProgress-- }
  fastify.addHook('onRequest', async function (request, reply) {
    if (request.routeOptions.config.neverShed === true || declaredBodyBytes(request) <= LARGE_BODY_BYTES) return
    if (inProgress >= max) return reply.send(shed(reply, reason))
    inProgress++
    // 'close': the answer is sent or the connection is gone. Freed on the next turn, not now: a
    // turn that finds many whole bodies in socket buffers would otherwise admit, process and
    // free them one after the other, all in that one turn
    reply.raw.once('close', () => { setImmediate(release) })
  })
}

export default fp(async function loadSheddingPlugin (fastify) {
  const config = fastify.config
  const retryAfterSeconds = config.RETRY_AFTER_SECONDS
  const limits: PressureLimits = {
    maxEventLoopDelayMs: config.MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: Math.round(config.MAX_HEAP_USED_RATIO * getHeapStatistics().heap_size_limit)
  }

  // Shed answers bypass the error handler: no Error (its stack trace cost ~30 µs per shed in the
  // profile) and no warn line per shed, when there may be thousands a second. Each is still
  // logged as a completed request with its 503, and counted in http_request_duration_seconds.
  function shed (reply: FastifyReply, reason: string): ErrorBody {
    reply.code(503).header('retry-after', retryAfterSeconds)
    return errorBody(503, overloadedMessage(reason, retryAfterSeconds), OVERLOADED_CODE)
  }

  await fastify.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    sampleInterval: SAMPLE_INTERVAL_MS,
    // under-pressure sends a non-null return value as the answer (handlePressure in its
    // index.js) and continues on undefined; its type declaration only allows void, hence the cast
    pressureHandler: function (request: FastifyRequest, reply: FastifyReply) {
      if (request.routeOptions.config.neverShed === true) return undefined
      return shed(reply, pressureReason(fastify.memoryUsage(), limits) ?? 'under pressure')
    } as unknown as FastifyUnderPressureOptions['pressureHandler']
  })

  fastify.decorate('loadShedding', {
    pressure: () => pressureReason(fastify.memoryUsage(), limits),
    retryAfterSeconds
  })

  if (config.MAX_CONCURRENT_BATCHES > 0) limitLargeBodies(fastify, config.MAX_CONCURRENT_BATCHES, shed)
}, { name: 'load-shedding', fastify: '5.x', dependencies: ['env'] })
