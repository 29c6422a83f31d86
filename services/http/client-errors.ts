// Answers given before any route runs, in the service's error body ({statusCode, error, code,
// message}) instead of Fastify's and Node's defaults, for serverOptions:
//
// - clientErrorHandler: Node's HTTP parser refused the request (Node's 'clientError'; there is no
//   request object, so the answer is written to the socket, which is then closed). Fastify's
//   default answered every such request 400 "Client Error" except header overflow (431): an
//   over-long URL was a 431 and an unknown method a 400.
// - frameworkErrors: Fastify's router refused the URL: a path parameter over maxParamLength
//   (Fastify sent 414 with `error: "Bad Request"`) or a malformed %-escape.
import { STATUS_CODES, maxHeaderSize } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HttpError, errorBody, methodNotAllowed } from '../errors.js'
import { allowedMethods } from './allowed-methods.js'
import { REQUEST_ID_HEADER } from './request-id.js'

/** Fastify's default, stated so the 414 message can say it. Product codes and ids are 64 at most. */
export const MAX_PARAM_LENGTH = 100
const HEADER_LIMIT = `${maxHeaderSize / 1024} KiB`

/** Node's parser error: `rawPacket` holds the bytes it was reading when it failed (typed by Fastify as their JSON form). */
type ParserError = ConnectionError

interface RawAnswer { error: HttpError, headers?: Record<string, string> }

/** The start line of the refused request: method and target, when the packet holds them. */
function requestLine (packet: unknown): { method: string, target: string, complete: boolean } | undefined {
  if (!Buffer.isBuffer(packet)) return undefined
  const text = packet.subarray(0, maxHeaderSize + 1024).toString('latin1')
  const match = /^([^\s]+) ([^\s]+)(?: |\r?\n|$)/.exec(text)
  if (!match) return undefined
  return { method: match[1], target: match[2], complete: /\r?\n/.test(text) }
}

function answerFor (fastify: FastifyInstance, error: ParserError): RawAnswer {
  const line = requestLine(error.rawPacket)
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      // the whole request line did not fit: the URL is what is too long
      if (line && !line.complete) return { error: new HttpError(414, 'ERR_URI_TOO_LONG', `the URL is longer than ${HEADER_LIMIT}`) }
      return { error: new HttpError(431, 'ERR_HEADERS_TOO_LARGE', `the request line and headers are larger than ${HEADER_LIMIT}`) }
    case 'HPE_INVALID_METHOD': {
      // a method Node's parser does not know is served nowhere: 405, with what the path does take
      if (!line) break
      const allowed = allowedMethods(fastify, line.target)
      return { error: methodNotAllowed(line.method, line.target.split('?')[0], allowed), headers: { Allow: allowed.join(', ') } }
    }
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { error: new HttpError(408, 'ERR_REQUEST_TIMEOUT', 'the request was not received in time') }
  }
  return { error: new HttpError(400, 'ERR_BAD_REQUEST', 'the request is not valid HTTP/1.1') }
}

function serialise ({ error, headers = {} }: RawAnswer): string {
  const body = JSON.stringify(errorBody(error.statusCode, error.message, error.code))
  const lines = [
    `HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

/** Fastify binds it to the root instance. */
export function clientErrorHandler (this: FastifyInstance, error: ParserError, socket: Socket): void {
  // a reset connection has nobody to answer
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const answer = answerFor(this, error)
  this.log.debug({ err: error, statusCode: answer.error.statusCode }, 'client error')
  // as Node and Fastify do: write what fits, then close (the rest of the request is unreadable)
  if (socket.writable) socket.write(serialise(answer))
  socket.destroy()
}

export function frameworkErrors (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  // these answers skip the app's hooks: the request id and no-store are set here
  reply.header(REQUEST_ID_HEADER, request.id).header('cache-control', 'no-store')
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.code(414).send(errorBody(414, `a path segment is longer than ${MAX_PARAM_LENGTH} characters`, 'ERR_URI_TOO_LONG'))
  } else if (error.code === 'FST_ERR_BAD_URL') {
    reply.code(400).send(errorBody(400, 'the URL is not valid: a %-escape is malformed', error.code))
  } else {
    request.log.error({ err: error }, 'routing failed')
    reply.code(500).send(errorBody(500, `internal error (request id ${request.id}); the details are in the service log`, 'ERR_INTERNAL'))
  }
}
