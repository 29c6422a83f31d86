// Decorates `fastify.modelStore`: the model version that serves, hot-swapped when a new version is
// published (see model-store/store.ts). Route handlers call `await fastify.modelStore.get(version)`
// once at the start of a request and use that model for the whole request.
import fp from 'fastify-plugin'
import { ModelStore } from './model-store/store.js'
import { sharedModelLoader } from './model-store/model-loader.js'
import { watchArtifacts } from './model-store/watch.js'

declare module 'fastify' {
  interface FastifyInstance {
    modelStore: ModelStore
  }
}

export default fp(async function modelStorePlugin (fastify) {
  const { ARTIFACTS_DIR, POLL_INTERVAL_MS, MODEL_CACHE_SIZE, MODEL_LOADER_NICE } = fastify.config
  // versions are read, checked and indexed in a worker thread, below the event loop's priority:
  // a swap never blocks requests
  const loader = sharedModelLoader()
  loader.warm()
  // a priority the worker could not take is said once (it repeats on every load otherwise)
  let priorityProblem: string | null = null
  const warnPriorityProblem = (problem: string | null): void => {
    if (problem !== null && problem !== priorityProblem) fastify.log.warn({ MODEL_LOADER_NICE }, problem)
    priorityProblem = problem
  }
  const store = new ModelStore({
    artifactsDir: ARTIFACTS_DIR,
    cacheSize: MODEL_CACHE_SIZE,
    load: async (dir, version) => {
      const model = await loader.load(dir, version, MODEL_LOADER_NICE)
      warnPriorityProblem(loader.priority?.problem ?? null)
      return model
    },
    logger: fastify.log.child({ component: 'model-store' })
  })
  fastify.decorate('modelStore', store)

  // the first load waits for onReady so that plugins registered after this one (metrics) see its
  // swap and failure events; `await app.ready()` still returns with the model loaded
  let watcher: ReturnType<typeof watchArtifacts> | undefined
  fastify.addHook('onReady', async () => {
    await store.refresh()
    if (!store.current()) fastify.log.warn({ artifactsDir: ARTIFACTS_DIR }, 'no valid model version yet: /health/ready answers 503 until one is published')
    watcher = watchArtifacts(ARTIFACTS_DIR, POLL_INTERVAL_MS, () => { void store.refresh() }, fastify.log.child({ component: 'artifacts-watcher' }))
  })
  fastify.addHook('onClose', async () => watcher?.close())
}, { name: 'model-store', fastify: '5.x', dependencies: ['env'] })

export { ModelStore }
export type { LoadFailure, StoreStatus, SwapEvent, VersionInfo, VersionStatus } from './model-store/store.js'
