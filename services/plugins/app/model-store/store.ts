// The model store: which model version serves, and how a new one replaces it without dropping a
// request. A version is loaded, fully validated (lib/artifacts loadVersion) and indexed
// (buildServedModel) before one reference switch makes it active; handlers take the model once
// at the start of a request, so requests already running finish on the model they started with.
// Failed versions never serve; they are remembered with a fingerprint of their files, so a
// broken version is not re-read on every poll but is retried once its files change.
import { EventEmitter } from 'node:events'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  isVersionName, listVersions, loadManifest, loadVersion, readLatest,
  type LoadedVersion, type Manifest
} from '../../../../lib/artifacts/index.js'
import { ArtifactError } from '../../../../lib/errors.js'
import { HttpError, modelNotReady, versionInvalid, versionNotFound } from '../../../errors.js'
import type { ServedModel } from '../../../domain/served-model.js'
import { LruMap } from './lru.js'
import { headlineMetrics, type HeadlineMetrics } from './headline-metrics.js'

export type VersionStatus = 'active' | 'pinned' | 'loaded' | 'available' | 'invalid'

export interface LoadFailure {
  version: string
  reason: string
  /** ISO time of the failed attempt */
  at: string
  /** the files' names, sizes and mtimes when it failed: a change means "try again" */
  fingerprint: string
}

export interface VersionInfo {
  version: string
  createdAt: string | null
  status: VersionStatus
  /** why the version cannot serve (status invalid) */
  reason?: string
  /** LATEST names this version */
  latest: boolean
  /** false for the active version after its directory was deleted: it keeps serving from memory */
  onDisk: boolean
  metrics: HeadlineMetrics | null
}

export interface StoreStatus {
  active: string | null
  createdAt: string | null
  pinned: string | null
  following: 'latest' | 'pinned'
  latest: string | null
  /** ISO time the active version was swapped in */
  activeSince: string | null
  lastCheckAt: string | null
  lastFailure: LoadFailure | null
  /** versions held in memory for `?version=` requests, least recently used first */
  cached: string[]
  metrics: HeadlineMetrics | null
}

export interface SwapEvent { from: string | null, to: string, reason: 'latest' | 'pinned' | 'unpinned' | 'fallback' }

export interface StoreLogger {
  info: (obj: object, msg?: string) => void
  warn: (obj: object, msg?: string) => void
  error: (obj: object, msg?: string) => void
  debug: (obj: object, msg?: string) => void
}

export interface ModelStoreOptions {
  artifactsDir: string
  /** versions kept in memory for `?version=` requests, besides the active one */
  cacheSize: number
  /** builds the indexes; may be async, so a long build can yield to requests in between */
  build: (loaded: LoadedVersion) => Promise<ServedModel>
  logger: StoreLogger
}

const MISSING = 'missing'

export class ModelStore extends EventEmitter<{ swap: [SwapEvent], 'load-failure': [LoadFailure] }> {
  readonly artifactsDir: string
  readonly #build: ModelStoreOptions['build']
  readonly #logger: StoreLogger
  readonly #cache: LruMap<string, ServedModel>
  readonly #failures = new Map<string, LoadFailure>()
  readonly #loading = new Map<string, Promise<ServedModel>>()
  #active: ServedModel | undefined
  #activeSince: Date | null = null
  #pinned: string | null = null
  #lastCheckAt: Date | null = null
  #lastFailure: LoadFailure | null = null
  /** serializes loads: at most one version is being read and indexed at a time */
  #loadQueue: Promise<unknown> = Promise.resolve()
  /** serializes decisions about the active version (sync, pin, unpin) */
  #decisions: Promise<unknown> = Promise.resolve()
  #queuedRefresh: Promise<void> | undefined

  constructor (options: ModelStoreOptions) {
    super()
    this.artifactsDir = options.artifactsDir
    this.#build = options.build
    this.#logger = options.logger
    this.#cache = new LruMap(options.cacheSize)
  }

  /** The active model, or undefined before the first version loaded. Take it once per request. */
  current (): ServedModel | undefined {
    return this.#active
  }

  /**
   * The model a request should use: the active one, or a named version (loaded on demand and
   * kept in a small LRU). Throws HttpError 503 / 400 / 404 / 422.
   */
  async get (version?: string): Promise<ServedModel> {
    if (version === undefined) {
      if (!this.#active) throw modelNotReady()
      return this.#active
    }
    if (!isVersionName(version)) {
      throw new HttpError(400, 'ERR_VERSION_NAME', `invalid model version name ${JSON.stringify(version)}: expected a name like 20261125T154500Z-3fa9c1`)
    }
    if (this.#active?.version === version) return this.#active
    const cached = this.#cache.get(version)
    if (cached) return cached
    const model = await this.#loadChecked(version)
    if (this.#active?.version !== version) {
      for (const evicted of this.#cache.set(version, model)) this.#logger.debug({ version: evicted }, 'model version evicted from the cache')
    }
    return model
  }

  /** Re-reads LATEST (or the pin) and swaps in a new version if there is one. Calls coalesce. */
  refresh (): Promise<void> {
    if (this.#queuedRefresh) return this.#queuedRefresh
    const run = this.#exclusive(async () => {
      this.#queuedRefresh = undefined
      await this.#sync()
    })
    this.#queuedRefresh = run
    return run
  }

  /** Serves `version` until unpin(), whatever LATEST says. Throws like get(). */
  async pin (version: string): Promise<StoreStatus> {
    return this.#exclusive(async () => {
      const model = await this.get(version)
      this.#pinned = version
      if (this.#active !== model) this.#swap(model, 'pinned')
      return this.status()
    })
  }

  /** Follows LATEST again. */
  async unpin (): Promise<StoreStatus> {
    return this.#exclusive(async () => {
      const wasPinned = this.#pinned !== null
      this.#pinned = null
      await this.#sync(wasPinned ? 'unpinned' : 'latest')
      return this.status()
    })
  }

  status (): StoreStatus {
    const active = this.#active
    return {
      active: active?.version ?? null,
      createdAt: active?.manifest.createdAt ?? null,
      pinned: this.#pinned,
      following: this.#pinned ? 'pinned' : 'latest',
      latest: this.#latestSeen,
      activeSince: this.#activeSince?.toISOString() ?? null,
      lastCheckAt: this.#lastCheckAt?.toISOString() ?? null,
      lastFailure: this.#lastFailure,
      cached: this.#cache.keys(),
      metrics: active ? headlineMetrics(active.manifest) : null
    }
  }

  /** Every version on disk (newest first), plus the active one if its directory is gone. */
  async list (): Promise<VersionInfo[]> {
    const [versions, latest] = await Promise.all([listVersions(this.artifactsDir), readLatest(this.artifactsDir)])
    const active = this.#active
    const names = new Set(versions)
    if (active && !names.has(active.version)) names.add(active.version)
    const infos = await Promise.all([...names].sort().reverse().map(async (version): Promise<VersionInfo> => {
      const onDisk = versions.includes(version)
      const inMemory = active?.version === version ? active : this.#cache.has(version) ? this.#cache.get(version) : undefined
      let manifest: Manifest | undefined = inMemory?.manifest
      let reason: string | undefined
      if (!manifest) {
        manifest = await loadManifest(this.artifactsDir, version).catch((error: unknown) => {
          reason = failureReason(error)
          return undefined
        })
      }
      const failure = this.#failures.get(version)
      let status: VersionStatus
      if (active?.version === version) status = this.#pinned === version ? 'pinned' : 'active'
      else if (inMemory) status = 'loaded'
      else if (failure || reason) status = 'invalid'
      else status = 'available'
      const info: VersionInfo = {
        version,
        createdAt: manifest?.createdAt ?? null,
        status,
        latest: latest === version,
        onDisk,
        metrics: manifest ? headlineMetrics(manifest) : null
      }
      if (status === 'invalid') info.reason = failure?.reason ?? reason
      return info
    }))
    return infos
  }

  #latestSeen: string | null = null

  /** Runs `task` after every earlier decision finished; a failed task does not block the next. */
  #exclusive<T> (task: () => Promise<T>): Promise<T> {
    const run = this.#decisions.then(task, task)
    this.#decisions = run.catch(() => undefined)
    return run
  }

  async #sync (reason: SwapEvent['reason'] = 'latest'): Promise<void> {
    this.#lastCheckAt = new Date()
    try {
      const latest = await readLatest(this.artifactsDir)
      this.#latestSeen = latest
      const target = this.#pinned ?? latest ?? (await listVersions(this.artifactsDir)).at(-1) ?? null
      if (target === null || target === this.#active?.version) return
      const model = await this.#tryLoad(target)
      if (model) {
        this.#swap(model, this.#pinned ? 'pinned' : reason)
        return
      }
      if (!this.#active) await this.#fallBack(target)
    } catch (error) {
      // e.g. the artifacts directory is unreadable: keep serving what we have, try again next time
      this.#logger.error({ err: error, artifactsDir: this.artifactsDir }, 'cannot read the artifacts directory')
    }
  }

  /** With nothing serving and LATEST unusable, the newest valid version on disk serves instead. */
  async #fallBack (unusable: string): Promise<void> {
    const candidates = (await listVersions(this.artifactsDir)).filter((v) => v !== unusable).reverse()
    for (const version of candidates) {
      const model = await this.#tryLoad(version)
      if (model) {
        this.#logger.warn({ version, unusable }, 'the version LATEST names cannot serve: serving the newest valid version instead')
        this.#swap(model, 'fallback')
        return
      }
    }
  }

  #swap (model: ServedModel, reason: SwapEvent['reason']): void {
    const from = this.#active?.version ?? null
    // the one reference switch: the previous model is freed once the requests holding it finish
    this.#active = model
    this.#activeSince = new Date()
    this.#cache.delete(model.version)
    this.#logger.info({ from, to: model.version, reason }, 'model version swapped in')
    this.emit('swap', { from, to: model.version, reason })
  }

  /** Loads `version` for the active slot; a failure is recorded and logged, never thrown. */
  async #tryLoad (version: string): Promise<ServedModel | undefined> {
    const cached = this.#cache.get(version)
    if (cached) return cached
    try {
      return await this.#loadChecked(version)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return undefined
    }
  }

  /** Loads `version` unless it failed before with the same files; throws HttpError 404 / 422. */
  async #loadChecked (version: string): Promise<ServedModel> {
    const fingerprint = await this.#fingerprint(version)
    const known = this.#failures.get(version)
    if (known && known.fingerprint === fingerprint) {
      throw fingerprint === MISSING ? versionNotFound(version) : versionInvalid(version, known.reason)
    }
    if (fingerprint === MISSING) {
      this.#recordFailure(version, 'is not in the artifacts directory', fingerprint)
      throw versionNotFound(version)
    }
    try {
      const model = await this.#load(version)
      this.#failures.delete(version)
      return model
    } catch (error) {
      const reason = failureReason(error)
      this.#recordFailure(version, reason, fingerprint, error)
      throw versionInvalid(version, reason)
    }
  }

  /** One load per version at a time, one version at a time: bounded memory and CPU. */
  #load (version: string): Promise<ServedModel> {
    const running = this.#loading.get(version)
    if (running) return running
    const load = this.#loadQueue.then(async () => {
      const started = performance.now()
      const loaded = await loadVersion(this.artifactsDir, version)
      const model = await this.#build(loaded)
      this.#logger.info({ version, ms: Math.round(performance.now() - started) }, 'model version loaded and indexed')
      return model
    })
    const done = (): void => { this.#loading.delete(version) }
    this.#loading.set(version, load)
    this.#loadQueue = load.then(done, done)
    return load
  }

  #recordFailure (version: string, reason: string, fingerprint: string, error?: unknown): void {
    const failure: LoadFailure = { version, reason, at: new Date().toISOString(), fingerprint }
    this.#failures.set(version, failure)
    this.#lastFailure = failure
    this.#logger.error({ version, reason, err: error instanceof ArtifactError ? undefined : error }, 'model version failed to load: it will not serve')
    this.emit('load-failure', failure)
  }

  /** Names, sizes and mtimes of the version's files: cheap to compute on every poll. */
  async #fingerprint (version: string): Promise<string> {
    const dir = path.join(this.artifactsDir, version)
    let names: string[]
    try {
      names = (await readdir(dir)).sort()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'ENOTDIR') return MISSING
      throw error
    }
    const parts = await Promise.all(names.map(async (name) => {
      const info = await stat(path.join(dir, name)).catch(() => null)
      return info ? `${name}:${info.size}:${info.mtimeMs}` : `${name}:gone`
    }))
    return parts.join('|')
  }
}

function failureReason (error: unknown): string {
  if (error instanceof ArtifactError) return `${error.file}: ${error.reason}`
  if (error instanceof Error) return error.message
  return String(error)
}
