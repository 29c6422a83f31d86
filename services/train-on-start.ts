// A fresh clone has no model: `npm start` then trains one on the bundled data before serving, so
// the README's one command works. With TRAIN_ON_START=false the service starts anyway and
// /health/ready answers 503 until a version is published.
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'

export async function trainIfNoModel (fastify: FastifyInstance): Promise<void> {
  const { modelStore, config, log } = fastify
  if (modelStore.current()) return
  if (!config.TRAIN_ON_START) {
    log.warn({ artifactsDir: config.ARTIFACTS_DIR }, 'no valid model version and TRAIN_ON_START=false: serving without a model until one is published')
    return
  }
  log.info({ artifactsDir: config.ARTIFACTS_DIR }, 'no valid model version in the artifacts directory: training one on the bundled data (data/online_retail.csv.gz) before serving')
  // loaded only when needed: a service with a model never pays for the trainer's modules
  const { trainAndPublish } = await import('../trainer/train.js')
  // Fastify's logger is a pino logger; its type only exposes the base methods
  const trained = await trainAndPublish({ out: config.ARTIFACTS_DIR }, log.child({ component: 'trainer' }) as unknown as Logger)
  log.info({ version: trained.version, ms: Math.round(trained.totalMs) }, 'start-up training done')
  await modelStore.refresh()
  if (!modelStore.current()) throw new Error(`the version trained at start-up (${trained.version}) did not load: see the model-store log above`)
}
