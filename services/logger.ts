// The service's pino logger, as server.ts creates it and bench:api measures it: JSON lines on
// stdout at LOG_LEVEL. Per-request lines are the request-logging plugin's one line
// (plugins/app/request-logging.ts); Fastify's own two are turned off in serverOptions (app.ts).
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './plugins/external/env.js'

export function loggerOptions (level: Config['LOG_LEVEL']): FastifyServerOptions['logger'] {
  return {
    level,
    // Fastify's request serializer logs no headers, but a handler logging a request must not leak a key
    // either; the configuration's parsed keys (config.apiKeys) log as counts per scope
    redact: { paths: ['req.headers.authorization', 'headers.authorization', 'config.ADMIN_TOKEN', 'config.API_KEYS'], censor: '[redacted]' }
  }
}
