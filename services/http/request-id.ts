// The request id: logged with every line of a request (reqId) and sent back in this header. An
// upstream proxy's id is kept, so one id follows a request across services, but only when it is a
// short token of safe characters: the header was echoed whatever it held (10 kB, markup), into
// every answer and every log line. Anything else gets a fresh UUID.
import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export const REQUEST_ID_HEADER = 'x-request-id'
/** UUIDs, trace ids (AWS 1-5f84c7a5-…, W3C hex), proxy counters: letters, digits and . _ : - */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

/** serverOptions.genReqId (with requestIdHeader: false, Fastify hands the header to nobody else). */
export function requestIdOf (request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER]
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
}
