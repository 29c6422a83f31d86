// The model store: which model version serves, and how a new one replaces it without dropping a
// request. A version is loaded, fully validated (lib/artifacts loadVersion) and indexed
// (buildServedModel) — in a worker thread, model-loader.ts — before one reference switch makes it active; handlers take the model once
// at the start of a request, so requests already running finish on the model they started with.
//
// What serves is decided by the artifacts directory, never by one process: PINNED (a pin record)
// wins, else LATEST, else — only when LATEST is missing — the newest version. Every replica
// watching the directory reaches the same decision within its poll interval, and a restarted one
// starts on it. A LATEST or PINNED that cannot be read or makes no sense changes nothing: the
// version serving keeps serving, the problem is logged once and shown in the status.
//
// Failed versions never serve; they are remembered with a fingerprint of their files, so a broken
// version is not re-read on every poll but is retried once its files change. Only versions that
// exist are remembered: a name that is not on disk is a 404 for that caller and leaves no trace.
import { EventEmitter } from 'node:events'
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  isVersionName, listVersionEntries, listVersions, loadManifest, loadVersion, pinVersion, readLatestState, readPin, unpinVersion,
  LATEST_FILE, PIN_FILE, compareVersionNames,
  type LoadedVersion, type Manifest, type PinRecord
} from '../../../../lib/artifacts/index.js'
import { ArtifactError, ShopperError } from '../../../../lib/errors.js'
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

/** LATEST or PINNED present but unusable: what serves does not change until it is fixed. */
export interface PointerProblem {
  file: typeof LATEST_FILE | typeof PIN_FILE
  reason: string
  /** ISO time the problem was first seen */
  since: string
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
  /** the pin record of the artifacts directory: who pinned what, when, why */
  pin: PinRecord | null
  following: 'latest' | 'pinned'
  latest: string | null
  /** ISO time the active version was swapped in */
  activeSince: string | null
  lastCheckAt: string | null
  /** the last version that failed to load when the store tried to serve it */
  lastFailure: LoadFailure | null
  problems: PointerProblem[]
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
  /**
   * Reads, checks and indexes a version. The service's (model-loader.ts) does it in a worker
   * thread, so a swap does not hold requests; without it, `build` indexes what loadVersion read
   * on this thread (tests, tools).
   */
  load?: (artifactsDir: string, version: string) => Promise<ServedModel>
  /** builds the indexes of a version loaded on this thread; used when `load` is not given */
  build?: (loaded: LoadedVersion) => Promise<ServedModel>
  logger: StoreLogger
}

export interface PinRequest {
  /** who pins, for the record every replica shows */
  by?: string
  note?: string
}

/** how long a pin or unpin waits for a trainer's lock before answering 503 */
const PIN_LOCK_WAIT_MS = 5000
const MISSING = 'missing'

export class ModelStore extends EventEmitter<{ swap: [SwapEvent], 'load-failure': [LoadFailure], problem: [PointerProblem] }> {
  readonly artifactsDir: string
  readonly #loadVersion: (version: string) => Promise<ServedModel>
  readonly #logger: StoreLogger
  readonly #cache: LruMap<string, ServedModel>
  /** failures of versions on disk only (forgotten when their directory goes): bounded by the directory */
  readonly #failures = new Map<string, LoadFailure>()
  readonly #loading = new Map<string, Promise<ServedModel>>()
  readonly #problems = new Map<PointerProblem['file'], PointerProblem>()
  #active: ServedModel | undefined
  #activeSince: Date | null = null
  #pin: PinRecord | null = null
  #latestSeen: string | null = null
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
    const { load, build } = options
    if (load) this.#loadVersion = async (version) => load(this.artifactsDir, version)
    else if (build) this.#loadVersion = async (version) => build(await loadVersion(this.artifactsDir, version))
    else throw new TypeError('ModelStore needs a load or a build function')
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
    const model = await this.#loadChecked(version, 'request')
    if (this.#active?.version !== version) {
      for (const evicted of this.#cache.set(version, model)) this.#logger.debug({ version: evicted }, 'model version evicted from the cache')
    }
    return model
  }

  /** Re-reads PINNED and LATEST and swaps in what they name if it changed. Calls coalesce. */
  refresh (): Promise<void> {
    if (this.#queuedRefresh) return this.#queuedRefresh
    const run = this.#exclusive(async () => {
      this.#queuedRefresh = undefined
      await this.#sync()
    })
    this.#queuedRefresh = run
    return run
  }

  /**
   * Pins `version` for every replica: loads and validates it, records the pin in the artifacts
   * directory (under the writers' lock), then serves it. Throws like get(), or 409 when the
   * artifacts directory is read-only, 503 when a trainer holds its lock for too long.
   */
  async pin (version: string, request: PinRequest = {}): Promise<StoreStatus> {
    return this.#exclusive(async () => {
      const model = await this.get(version)
      const record = await this.#write(() => pinVersion(this.artifactsDir, version, { by: request.by ?? 'model store', note: request.note, waitMs: PIN_LOCK_WAIT_MS }))
      this.#pin = record
      this.#clearProblem(PIN_FILE)
      if (this.#active !== model) this.#swap(model, 'pinned')
      return this.status()
    })
  }

  /** Removes the pin for every replica: LATEST serves again. */
  async unpin (): Promise<StoreStatus> {
    return this.#exclusive(async () => {
      const wasPinned = this.#pin !== null
      await this.#write(() => unpinVersion(this.artifactsDir, { waitMs: PIN_LOCK_WAIT_MS }))
      await this.#sync(wasPinned ? 'unpinned' : 'latest')
      return this.status()
    })
  }

  status (): StoreStatus {
    const active = this.#active
    return {
      active: active?.version ?? null,
      createdAt: active?.manifest.createdAt ?? null,
      pinned: this.#pin?.version ?? null,
      pin: this.#pin,
      following: this.#pin ? 'pinned' : 'latest',
      latest: this.#latestSeen,
      activeSince: this.#activeSince?.toISOString() ?? null,
      lastCheckAt: this.#lastCheckAt?.toISOString() ?? null,
      lastFailure: this.#lastFailure,
      problems: [...this.#problems.values()],
      cached: this.#cache.keys(),
      metrics: active ? headlineMetrics(active.manifest) : null
    }
  }

  /** Every version on disk (newest first), plus the active one if its directory is gone. */
  async list (): Promise<VersionInfo[]> {
    const [entries, latestState] = await Promise.all([listVersionEntries(this.artifactsDir), readLatestState(this.artifactsDir)])
    const latest = latestState.state === 'ok' ? latestState.version : null
    const active = this.#active
    const onDiskNames = new Set(entries.map((e) => e.version))
    const names = new Set(onDiskNames)
    if (active) names.add(active.version)
    const pinned = this.#pin?.version
    return Promise.all([...names].sort(compareVersionNames).reverse().map(async (version): Promise<VersionInfo> => {
      const inMemory = active?.version === version ? active : this.#cache.has(version) ? this.#cache.get(version) : undefined
      let manifest: Manifest | undefined = inMemory?.manifest
      let reason: string | undefined
      if (!manifest && onDiskNames.has(version)) {
        manifest = await loadManifest(this.artifactsDir, version).catch((error: unknown) => {
          reason = failureReason(error)
          return undefined
        })
      }
      const failure = this.#failures.get(version)
      let status: VersionStatus
      if (active?.version === version) status = pinned === version ? 'pinned' : 'active'
      else if (inMemory) status = 'loaded'
      else if (failure || reason) status = 'invalid'
      else status = 'available'
      const info: VersionInfo = {
        version,
        createdAt: manifest?.createdAt ?? null,
        status,
        latest: latest === version,
        onDisk: onDiskNames.has(version),
        metrics: manifest ? headlineMetrics(manifest) : null
      }
      if (status === 'invalid') info.reason = failure?.reason ?? reason
      return info
    }))
  }

  /** Runs `task` after every earlier decision finished; a failed task does not block the next. */
  #exclusive<T> (task: () => Promise<T>): Promise<T> {
    const run = this.#decisions.then(task, task)
    this.#decisions = run.catch(() => undefined)
    return run
  }

  /** A write to the artifacts directory (pin, unpin), with its file-system failures as HTTP answers. */
  async #write<T> (write: () => Promise<T>): Promise<T> {
    try {
      return await write()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new HttpError(409, 'ERR_ARTIFACTS_READ_ONLY',
          `the artifacts directory ${this.artifactsDir} is not writable here (${code}): pins are recorded in it for every replica; ` +
          'mount it writable for the admin API, or pin with the trainer\'s command: models pin VERSION')
      }
      if (code === 'ENOSPC' || code === 'EDQUOT') {
        throw new HttpError(507, 'ERR_ARTIFACTS_FULL', `the artifacts directory ${this.artifactsDir} is full (${code}): the pin was not recorded`)
      }
      if (error instanceof ShopperError && error.code === 'ERR_ARTIFACTS_LOCKED') {
        throw new HttpError(503, 'ERR_ARTIFACTS_LOCKED', 'a trainer is publishing into the artifacts directory: try again in a few seconds')
      }
      if (error instanceof ShopperError && error.code === 'ERR_VERSION_NOT_PINNABLE') {
        throw new HttpError(404, 'ERR_MODEL_VERSION_NOT_FOUND', error.message)
      }
      throw error
    }
  }

  async #sync (reason: SwapEvent['reason'] = 'latest'): Promise<void> {
    this.#lastCheckAt = new Date()
    try {
      const [pinState, latestState, entries] = await Promise.all([
        readPin(this.artifactsDir), readLatestState(this.artifactsDir), listVersionEntries(this.artifactsDir)
      ])
      this.#forgetFailuresNotOnDisk(new Set(entries.map((e) => e.version)))
      this.#latestSeen = latestState.state === 'ok' ? latestState.version : null

      if (pinState.state === 'invalid') this.#reportProblem(PIN_FILE, pinState.reason)
      else {
        this.#clearProblem(PIN_FILE)
        this.#pin = pinState.state === 'pinned' ? pinState.record : null
      }
      if (latestState.state === 'invalid') this.#reportProblem(LATEST_FILE, latestState.reason)
      else this.#clearProblem(LATEST_FILE)

      let target: string | null
      if (pinState.state === 'invalid') target = this.#pin?.version ?? null // keep whatever decision was in force
      else if (this.#pin) target = this.#pin.version
      else if (latestState.state === 'ok') target = latestState.version
      else if (latestState.state === 'missing') target = entries.filter((e) => e.kind === 'directory').at(-1)?.version ?? null
      else target = null // LATEST is invalid: keep serving what serves

      if (target !== null && target !== this.#active?.version) {
        const model = await this.#tryLoad(target)
        if (model) {
          this.#swap(model, this.#pin ? 'pinned' : reason)
          return
        }
      }
      // at start there is nothing to keep serving: rather the newest valid version than no answer
      if (!this.#active) await this.#fallBack(target)
    } catch (error) {
      // e.g. the artifacts directory is unreadable: keep serving what we have, try again next time
      this.#logger.error({ err: error, artifactsDir: this.artifactsDir }, 'cannot read the artifacts directory')
    }
  }

  /** With nothing serving and the target unusable (or none), the newest valid version serves instead. */
  async #fallBack (unusable: string | null): Promise<void> {
    const candidates = (await listVersions(this.artifactsDir)).filter((v) => v !== unusable).reverse()
    for (const version of candidates) {
      const model = await this.#tryLoad(version)
      if (model) {
        this.#logger.warn({ version, unusable, problems: [...this.#problems.values()] }, 'the version LATEST or PINNED names cannot serve: serving the newest valid version instead')
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
      return await this.#loadChecked(version, 'serve')
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      return undefined
    }
  }

  /**
   * Loads `version` unless it failed before with the same files; throws HttpError 404 / 422.
   * `purpose` says who asked: a failure to load what should serve is an error for ops; a
   * `?version=` request for a broken version is that caller's 422 and a warning.
   */
  async #loadChecked (version: string, purpose: 'serve' | 'request'): Promise<ServedModel> {
    const fingerprint = await this.#fingerprint(version)
    // not on disk: nothing to remember, nothing to log (a flood of made-up names must cost nothing)
    if (fingerprint === MISSING) throw versionNotFound(version)
    const known = this.#failures.get(version)
    if (known && known.fingerprint === fingerprint) {
      if (purpose === 'serve') this.#lastFailure = known
      throw versionInvalid(version, known.reason)
    }
    try {
      const model = await this.#load(version)
      this.#failures.delete(version)
      return model
    } catch (error) {
      if (error instanceof ArtifactError && error.code === 'ERR_ARTIFACT_NOT_FOUND') throw versionNotFound(version) // deleted meanwhile
      const reason = failureReason(error)
      this.#recordFailure(version, reason, fingerprint, purpose, error)
      throw versionInvalid(version, reason)
    }
  }

  /** One load per version at a time, one version at a time: bounded memory and CPU. */
  #load (version: string): Promise<ServedModel> {
    const running = this.#loading.get(version)
    if (running) return running
    const load = this.#loadQueue.then(async () => {
      const started = performance.now()
      const model = await this.#loadVersion(version)
      this.#logger.info({ version, ms: Math.round(performance.now() - started) }, 'model version loaded and indexed')
      return model
    })
    const done = (): void => { this.#loading.delete(version) }
    this.#loading.set(version, load)
    this.#loadQueue = load.then(done, done)
    return load
  }

  #recordFailure (version: string, reason: string, fingerprint: string, purpose: 'serve' | 'request', error?: unknown): void {
    const failure: LoadFailure = { version, reason, at: new Date().toISOString(), fingerprint }
    this.#failures.set(version, failure)
    const err = error instanceof ArtifactError ? undefined : error
    if (purpose === 'serve') {
      this.#lastFailure = failure
      this.#logger.error({ version, reason, err }, 'model version failed to load: it will not serve')
    } else {
      this.#logger.warn({ version, reason, err }, 'model version requested with ?version= failed to load: answered 422')
    }
    this.emit('load-failure', failure)
  }

  #forgetFailuresNotOnDisk (onDisk: Set<string>): void {
    for (const version of this.#failures.keys()) if (!onDisk.has(version)) this.#failures.delete(version)
  }

  #reportProblem (file: PointerProblem['file'], reason: string): void {
    const known = this.#problems.get(file)
    if (known?.reason === reason) return
    const problem: PointerProblem = { file, reason, since: new Date().toISOString() }
    this.#problems.set(file, problem)
    this.#logger.warn({ file, reason, serving: this.#active?.version ?? null },
      `${file} cannot be used: the version serving keeps serving until it is fixed`)
    this.emit('problem', problem)
  }

  #clearProblem (file: PointerProblem['file']): void {
    if (!this.#problems.delete(file)) return
    this.#logger.info({ file }, `${file} is readable again`)
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
