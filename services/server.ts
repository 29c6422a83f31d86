// The process: read the configuration, create the Fastify instance, make sure a model version
// exists (training one on the bundled data on a fresh clone), listen, and shut down gracefully.
// Everything else lives in app.ts, which tests register without opening a port.
import Fastify from 'fastify'
import closeWithGrace from 'close-with-grace'
import app, { instanceOptions } from './app.js'
import { ConfigError, checkOpenAccess, loadConfig, type Config } from './plugins/external/env.js'
import { loggerOptions } from './logger.js'
import { trainIfNoModel } from './train-on-start.js'

/** Grace period for in-flight requests after SIGTERM/SIGINT before the process gives up (exit 1). */
const SHUTDOWN_DELAY_MS = 10_000

function readConfig (): Config {
  try {
    const config = loadConfig(process.env)
    checkOpenAccess(config)
    return config
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`shopper-spectrum: ${error.message}\n`)
    process.exit(2)
  }
}

async function main (): Promise<void> {
  const config = readConfig()
  const fastify = Fastify({ ...instanceOptions(config), logger: loggerOptions(config.LOG_LEVEL) })

  closeWithGrace({ delay: SHUTDOWN_DELAY_MS, logger: { error: (message: unknown) => fastify.log.error(message) } }, async ({ signal, err }) => {
    if (err) fastify.log.error({ err }, 'unexpected error: closing')
    else fastify.log.info({ signal }, 'closing: no new connections, finishing in-flight requests')
    await fastify.close()
  })

  await fastify.register(app, { config })
  await fastify.ready()
  await trainIfNoModel(fastify)
  await fastify.listen({ port: config.PORT, host: config.HOST })
}

main().catch((error: unknown) => {
  process.stderr.write(`shopper-spectrum: cannot start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  process.exit(1)
})
