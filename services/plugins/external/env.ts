// Settings come from environment variables only, validated once at start-up against a schema with
// defaults (env-schema). A wrong setting stops start-up with one clear line (see server.ts).
import { statSync } from 'node:fs'
import path from 'node:path'
import fp from 'fastify-plugin'
import { envSchema } from 'env-schema'
import { Type, type Static } from 'typebox'
import { parseCorsOrigins } from '../../http/origins.js'
import { parseTrustProxy } from '../../http/trust-proxy.js'
import { ApiKeys, isLoopbackHost, loadApiKeys } from '../../http/api-keys.js'
import { DEFAULT_LOADER_NICE, MAX_LOADER_NICE, MIN_LOADER_NICE } from '../app/model-store/thread-priority.js'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  /** 0.0.0.0 so the service is reachable from outside a container; set 127.0.0.1 to keep it local */
  HOST: Type.String({ minLength: 1, default: '0.0.0.0' }),
  /** relative paths are resolved against the working directory */
  ARTIFACTS_DIR: Type.String({ minLength: 1, default: 'artifacts' }),
  /** one more admin API key (http/api-keys.ts); with no admin key at all, the model operations answer 403 */
  ADMIN_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  /** API keys, comma-separated `scope:key` entries (scopes storefront, crm, admin); see http/api-keys.ts */
  API_KEYS: Type.String({ maxLength: 65_536, default: '' }),
  /** a file of API keys, one `scope:key` per line (# comments); relative to the working directory */
  API_KEYS_FILE: Type.String({ default: '' }),
  /** with no API key configured, serve anyway on an address that is not loopback (customer data open to the network) */
  ALLOW_OPEN_ACCESS: Type.Boolean({ default: false }),
  LOG_LEVEL: Type.String({ enum: [...LOG_LEVELS], default: 'info' }),
  /** how often the artifacts directory is polled, besides file-system events */
  POLL_INTERVAL_MS: Type.Integer({ minimum: 50, maximum: 60_000, default: 1000 }),
  /** model versions kept in memory for `?version=` requests, besides the active one */
  MODEL_CACHE_SIZE: Type.Integer({ minimum: 0, maximum: 20, default: 3 }),
  /**
   * how many nice steps below the event loop the model loader's worker thread runs (Linux;
   * thread-priority.ts): 0 = the same priority; a load is never urgent, the old version serves meanwhile
   */
  MODEL_LOADER_NICE: Type.Integer({ minimum: MIN_LOADER_NICE, maximum: MAX_LOADER_NICE, default: DEFAULT_LOADER_NICE }),
  /** when the artifacts directory holds no valid version, train on the bundled data before serving */
  TRAIN_ON_START: Type.Boolean({ default: true }),
  /** the path prefix a reverse proxy strips before forwarding (e.g. /shopper); /docs and the OpenAPI server URL carry it */
  BASE_PATH: Type.String({ pattern: '^(/[A-Za-z0-9._~-]+)*$', default: '' }),
  // Load shedding (plugins/external/under-pressure.ts, services/README.md#load-shedding); 0 turns
  // a limit off. Defaults from bench:overload (README.md): under 50 connections posting
  // 10,000-customer batches, the mean delay was 60-230 ms while the batch limit held and 300 ms to
  // "no sample in 500 ms" without it, so 500 ms sheds when the batch limit is not enough (or
  // something else blocks) and not because a shared host is busy. 4 batches bound a turn to ~50 ms
  // of batch work; 1 or 2 gave faster probes over loopback but leave slow uploaders fewer slots.
  /** mean event-loop delay over a 500 ms sample past which new requests get 503 + Retry-After */
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, maximum: 10_000, default: 500 }),
  /** share of V8's heap limit in use past which new requests get 503 + Retry-After */
  MAX_HEAP_USED_RATIO: Type.Number({ minimum: 0, maximum: 1, default: 0.9 }),
  /** requests with a body over 64 KiB (big POST /segments batches) in progress at once; more get 503 */
  MAX_CONCURRENT_BATCHES: Type.Integer({ minimum: 0, maximum: 1000, default: 4 }),
  /** the Retry-After (seconds) of every 503 load shedding answers */
  RETRY_AFTER_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 5 }),
  /** web origins whose pages may call the API (CORS), comma-separated, or *; unset = CORS off (http/origins.ts) */
  CORS_ORIGINS: Type.String({ maxLength: 4096, default: '' }),
  /** whose X-Forwarded-* headers to believe: false, true, or the proxies' addresses/CIDRs, comma-separated (http/trust-proxy.ts) */
  TRUST_PROXY: Type.String({ minLength: 1, maxLength: 4096, default: 'false' })
})

export type LogLevel = typeof LOG_LEVELS[number]
export type Config = Omit<Static<typeof ConfigSchema>, 'LOG_LEVEL'> & {
  LOG_LEVEL: LogLevel
  /** the keys of API_KEYS, API_KEYS_FILE and ADMIN_TOKEN, read once (no setting of its own; it logs as counts, never keys) */
  apiKeys: ApiKeys
}
export type EnvInput = Record<string, string | number | boolean | undefined>

export class ConfigError extends Error {
  readonly code = 'ERR_CONFIG'
  constructor (message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

/**
 * Validates `env` (default: process.env) and applies defaults. Empty values count as unset, so
 * `ADMIN_TOKEN=` in a compose file disables admin routes instead of failing start-up.
 */
export function loadConfig (env: EnvInput = process.env): Config {
  const data: Record<string, unknown> = {}
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[key]
    if (value !== undefined && value !== '') data[key] = value
  }
  let config: Omit<Config, 'apiKeys'>
  try {
    // structuredClone: env-schema sets additionalProperties on the schema object it is given
    config = envSchema<Omit<Config, 'apiKeys'>>({ schema: structuredClone(ConfigSchema), data, env: false })
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${describe(error)} (see .env.example)`)
  }
  const artifactsDir = path.resolve(config.ARTIFACTS_DIR)
  checkArtifactsDir(artifactsDir)
  checkSetting('CORS_ORIGINS', config.CORS_ORIGINS, parseCorsOrigins)
  checkSetting('TRUST_PROXY', config.TRUST_PROXY, parseTrustProxy)
  const apiKeysFile = config.API_KEYS_FILE === '' ? '' : path.resolve(config.API_KEYS_FILE)
  let apiKeys: ApiKeys
  try {
    apiKeys = loadApiKeys({ ...config, API_KEYS_FILE: apiKeysFile })
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${(error as Error).message} (see .env.example)`)
  }
  return { ...config, ARTIFACTS_DIR: artifactsDir, API_KEYS_FILE: apiKeysFile, apiKeys }
}

/**
 * The rule for a process about to listen (server.ts; not loadConfig, which tests and the OpenAPI
 * generator use without listening): with no API key, anyone who reaches the service reads every
 * customer's data, acceptable for a trial on this machine only. Bound to an address other machines
 * can reach, it starts that way only when ALLOW_OPEN_ACCESS=true says so.
 */
export function checkOpenAccess (config: Config): void {
  if (config.apiKeys.size > 0 || config.ALLOW_OPEN_ACCESS || isLoopbackHost(config.HOST)) return
  throw new ConfigError(`invalid configuration: no API key is configured and HOST ${config.HOST} is reachable from other machines, so anyone could read customer data: ` +
    'set API_KEYS or API_KEYS_FILE (or ADMIN_TOKEN), or HOST=127.0.0.1, or ALLOW_OPEN_ACCESS=true to serve it open (see .env.example)')
}

/**
 * ARTIFACTS_DIR may not exist yet (the trainer creates it, parents included), but a path that
 * exists and is not a directory, or sits below a file, can never hold a model: refused here with
 * one line, instead of a service that starts and answers 500 on GET /models.
 */
function checkArtifactsDir (dir: string): void {
  for (let candidate = dir; ; candidate = path.dirname(candidate)) {
    let isDirectory: boolean
    try {
      isDirectory = statSync(candidate).isDirectory()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      // ENOTDIR: a component further up is a file; the loop finds which
      if ((code === 'ENOENT' || code === 'ENOTDIR') && path.dirname(candidate) !== candidate) continue
      throw new ConfigError(`invalid configuration: ARTIFACTS_DIR ${dir} cannot be checked (${code ?? String(error)}) (see .env.example)`)
    }
    if (isDirectory) return
    throw new ConfigError(candidate === dir
      ? `invalid configuration: ARTIFACTS_DIR ${dir} exists and is not a directory (see .env.example)`
      : `invalid configuration: ARTIFACTS_DIR ${dir} cannot be created: ${candidate} is not a directory (see .env.example)`)
  }
}

/** A list a schema pattern could only refuse with the pattern is checked by the parser its user calls, which names the bad entry. */
function checkSetting (name: string, value: string, parse: (value: string) => unknown): void {
  try {
    parse(value)
  } catch (error) {
    throw new ConfigError(`invalid configuration: ${name} ${(error as Error).message} (see .env.example)`)
  }
}

interface AjvIssue { instancePath: string, message?: string, params?: { allowedValues?: unknown[] } }

function describe (error: unknown): string {
  const issues = (error as { errors?: AjvIssue[] }).errors
  if (!Array.isArray(issues)) return (error as Error).message
  return issues.map((issue) => {
    const allowed = issue.params?.allowedValues ? ` (${issue.params.allowedValues.join(', ')})` : ''
    return `${issue.instancePath.replace(/^\//, '')} ${issue.message ?? 'is invalid'}${allowed}`
  }).join(', ')
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface EnvPluginOptions {
  /** an already validated configuration (server.ts loads it before creating the instance) */
  config?: Config
  /** raw settings to validate instead of process.env (tests) */
  env?: EnvInput
}

export default fp<EnvPluginOptions>(async function envPlugin (fastify, options) {
  fastify.decorate('config', options.config ?? loadConfig(options.env ?? process.env))
}, { name: 'env', fastify: '5.x' })
