import path from 'node:path'
import t from 'tap'
import { ConfigError, loadConfig } from '../../../../services/plugins/external/env.js'

t.test('defaults', async (t) => {
  const { apiKeys, ...config } = loadConfig({})
  t.equal(apiKeys.size, 0, 'no API key')
  t.same(config, {
    PORT: 3000,
    HOST: '0.0.0.0',
    ARTIFACTS_DIR: path.resolve('artifacts'),
    API_KEYS: '',
    API_KEYS_FILE: '',
    ALLOW_OPEN_ACCESS: false,
    LOG_LEVEL: 'info',
    POLL_INTERVAL_MS: 1000,
    MODEL_CACHE_SIZE: 3,
    MODEL_LOADER_NICE: 10,
    TRAIN_ON_START: true,
    BASE_PATH: '',
    MAX_EVENT_LOOP_DELAY_MS: 500,
    MAX_HEAP_USED_RATIO: 0.9,
    MAX_CONCURRENT_BATCHES: 4,
    RETRY_AFTER_SECONDS: 5,
    CORS_ORIGINS: '',
    TRUST_PROXY: 'false'
  })
})

t.test('environment strings are coerced and validated', async (t) => {
  const config = loadConfig({ PORT: '8080', HOST: '127.0.0.1', ARTIFACTS_DIR: '/srv/models', ADMIN_TOKEN: 'a'.repeat(16), LOG_LEVEL: 'debug', POLL_INTERVAL_MS: '250', MODEL_CACHE_SIZE: '0', TRAIN_ON_START: 'false' })
  t.equal(config.PORT, 8080)
  t.equal(config.HOST, '127.0.0.1')
  t.equal(config.ARTIFACTS_DIR, '/srv/models')
  t.equal(config.ADMIN_TOKEN, 'a'.repeat(16))
  t.equal(config.LOG_LEVEL, 'debug')
  t.equal(config.POLL_INTERVAL_MS, 250)
  t.equal(config.MODEL_CACHE_SIZE, 0)
  t.equal(config.TRAIN_ON_START, false)
})

t.test('variables the service does not know are ignored; empty values count as unset', async (t) => {
  const config = loadConfig({ PATH: '/usr/bin', ADMIN_TOKEN: '', PORT: '' })
  t.equal(config.ADMIN_TOKEN, undefined)
  t.equal(config.PORT, 3000)
  t.notOk('PATH' in config)
})

t.test('a wrong setting is refused with a message naming it', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'http' }, /PORT must be integer/],
    [{ PORT: '70000' }, /PORT must be <= 65535/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must NOT have fewer than 16 characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be equal to one of the allowed values \(fatal, error, warn, info, debug, trace, silent\)/],
    [{ POLL_INTERVAL_MS: '5' }, /POLL_INTERVAL_MS must be >= 50/],
    [{ TRAIN_ON_START: 'maybe' }, /TRAIN_ON_START must be boolean/],
    [{ MODEL_LOADER_NICE: '-5' }, /MODEL_LOADER_NICE must be >= 0/],
    [{ MODEL_LOADER_NICE: '20' }, /MODEL_LOADER_NICE must be <= 19/],
    [{ MAX_EVENT_LOOP_DELAY_MS: '-1' }, /MAX_EVENT_LOOP_DELAY_MS must be >= 0/],
    [{ MAX_EVENT_LOOP_DELAY_MS: '20000' }, /MAX_EVENT_LOOP_DELAY_MS must be <= 10000/],
    [{ MAX_EVENT_LOOP_DELAY_MS: '1.5' }, /MAX_EVENT_LOOP_DELAY_MS must be integer/],
    [{ MAX_HEAP_USED_RATIO: '1.5' }, /MAX_HEAP_USED_RATIO must be <= 1/],
    [{ MAX_HEAP_USED_RATIO: 'most' }, /MAX_HEAP_USED_RATIO must be number/],
    [{ MAX_CONCURRENT_BATCHES: '-2' }, /MAX_CONCURRENT_BATCHES must be >= 0/],
    [{ RETRY_AFTER_SECONDS: '0' }, /RETRY_AFTER_SECONDS must be >= 1/],
    [{ RETRY_AFTER_SECONDS: '7200' }, /RETRY_AFTER_SECONDS must be <= 3600/]
  ]
  for (const [env, message] of cases) {
    const error = t.throws(() => loadConfig(env)) as ConfigError
    t.type(error, ConfigError)
    t.equal(error.code, 'ERR_CONFIG')
    t.match(error.message, message)
    t.match(error.message, /^invalid configuration: .*\(see \.env\.example\)$/)
  }
})

t.test('load shedding: 0 turns each limit off; values within the bounds are taken', async (t) => {
  const off = loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '0', MAX_HEAP_USED_RATIO: '0', MAX_CONCURRENT_BATCHES: '0' })
  t.equal(off.MAX_EVENT_LOOP_DELAY_MS, 0)
  t.equal(off.MAX_HEAP_USED_RATIO, 0)
  t.equal(off.MAX_CONCURRENT_BATCHES, 0)
  const set = loadConfig({ MAX_EVENT_LOOP_DELAY_MS: '750', MAX_HEAP_USED_RATIO: '0.75', MAX_CONCURRENT_BATCHES: '8', RETRY_AFTER_SECONDS: '30' })
  t.same([set.MAX_EVENT_LOOP_DELAY_MS, set.MAX_HEAP_USED_RATIO, set.MAX_CONCURRENT_BATCHES, set.RETRY_AFTER_SECONDS], [750, 0.75, 8, 30])
})

t.test('ARTIFACTS_DIR: missing is fine (the trainer creates it); an existing non-directory is refused, naming the path', async (t) => {
  const dir = t.testdir({ 'a-file': 'not a directory', models: {} })
  t.equal(loadConfig({ ARTIFACTS_DIR: path.join(dir, 'models') }).ARTIFACTS_DIR, path.join(dir, 'models'))
  t.equal(loadConfig({ ARTIFACTS_DIR: path.join(dir, 'not', 'yet') }).ARTIFACTS_DIR, path.join(dir, 'not', 'yet'))

  const file = path.join(dir, 'a-file')
  const error = t.throws(() => loadConfig({ ARTIFACTS_DIR: file })) as ConfigError
  t.type(error, ConfigError)
  t.equal(error.message, `invalid configuration: ARTIFACTS_DIR ${file} exists and is not a directory (see .env.example)`)

  const below = path.join(file, 'models')
  t.equal((t.throws(() => loadConfig({ ARTIFACTS_DIR: below })) as ConfigError).message,
    `invalid configuration: ARTIFACTS_DIR ${below} cannot be created: ${file} is not a directory (see .env.example)`)
})
