// API keys (services/http/api-keys.ts): the scopes and what each includes, the three ways to
// configure keys and the one-line errors naming the entry or the file's line (never the key), the
// constant-time lookup, and which bind addresses are loopback.
import * as crypto from 'node:crypto'
import path from 'node:path'
import { inspect } from 'node:util'
import t from 'tap'
import { SCOPES, grants, isLoopbackHost, loadApiKeys, type ApiKeys as ApiKeysType } from '../../../services/http/api-keys.js'
import { ConfigError, checkOpenAccess, loadConfig } from '../../../services/plugins/external/env.js'

const KEY = { storefront: 'storefront-key-0123456789', crm: 'crm-key-0123456789abcdef', admin: 'admin-key-0123456789abcdef' }

t.test('each scope includes the ones before it: storefront ⊂ crm ⊂ admin', async (t) => {
  t.same(SCOPES, ['storefront', 'crm', 'admin'])
  const table = Object.fromEntries(SCOPES.map((held) => [held, SCOPES.filter((needed) => grants(held, needed))]))
  t.same(table, { storefront: ['storefront'], crm: ['storefront', 'crm'], admin: ['storefront', 'crm', 'admin'] })
})

t.test('keys from API_KEYS, API_KEYS_FILE and ADMIN_TOKEN, each with its scope', async (t) => {
  const dir = t.testdir({ keys: `# CRM and the shop\r\n\ncrm:${KEY.crm}\n  storefront : ${KEY.storefront}  \n\n# old admin key, rotating out\nadmin:${KEY.admin}2\n` })
  const keys = loadApiKeys({ API_KEYS: `admin:${KEY.admin},, crm:${KEY.crm}x`, API_KEYS_FILE: path.join(dir, 'keys'), ADMIN_TOKEN: 'ops-token-0123456789abcdef' })
  t.equal(keys.size, 6)
  t.same(keys.counts(), { storefront: 1, crm: 2, admin: 3 })
  t.equal(keys.scopeOf(KEY.crm), 'crm')
  t.equal(keys.scopeOf(`${KEY.crm}x`), 'crm')
  t.equal(keys.scopeOf(KEY.storefront), 'storefront')
  t.equal(keys.scopeOf(`${KEY.admin}2`), 'admin')
  t.equal(keys.scopeOf('ops-token-0123456789abcdef'), 'admin', 'ADMIN_TOKEN is an admin key')
  t.equal(keys.scopeOf('ops-token-0123456789abcde'), undefined)
  t.equal(keys.scopeOf(''), undefined)
  t.equal(loadApiKeys({}).size, 0, 'none configured')
  // base64 keys (openssl rand -base64) carry + / =
  t.equal(loadApiKeys({ API_KEYS: 'crm:Zm9vYmFyYmF6cXV4+/0123==' }).scopeOf('Zm9vYmFyYmF6cXV4+/0123=='), 'crm')
})

t.test('a bad entry is one line naming the setting and the entry, or the file and the line, never the key', async (t) => {
  const secret = 'this-key-must-not-be-quoted-0123'
  const dir = t.testdir({
    scope: `crm:${KEY.crm}\n\ncrn:${secret}\n`,
    colon: `# keys\n${secret}\n`,
    short: 'storefront:abc\n',
    chars: `crm:${secret} and more\n`,
    twice: `crm:${secret}\nadmin:${secret}\n`
  })
  const file = (name: string) => path.join(dir, name)
  const cases: Array<[Parameters<typeof loadApiKeys>[0], string]> = [
    [{ API_KEYS_FILE: file('scope') }, `API_KEYS_FILE ${file('scope')} line 3 has the unknown scope "crn" (the scopes: storefront, crm, admin)`],
    [{ API_KEYS_FILE: file('colon') }, `API_KEYS_FILE ${file('colon')} line 2 is not scope:key (the scopes: storefront, crm, admin)`],
    [{ API_KEYS_FILE: file('short') }, `API_KEYS_FILE ${file('short')} line 1 has a key of 3 characters: a key needs 16 or more (openssl rand -hex 24 makes one)`],
    [{ API_KEYS_FILE: file('chars') }, `API_KEYS_FILE ${file('chars')} line 1 has a key with a character an Authorization: Bearer header cannot carry (letters, digits and - . _ ~ + / only, = at the end)`],
    [{ API_KEYS_FILE: file('twice') }, `API_KEYS_FILE ${file('twice')} line 2 repeats the key of API_KEYS_FILE ${file('twice')} line 1: give each key once, with one scope`],
    [{ API_KEYS_FILE: file('missing') }, `API_KEYS_FILE ${file('missing')} cannot be read (ENOENT)`],
    [{ API_KEYS_FILE: dir }, `API_KEYS_FILE ${dir} cannot be read (EISDIR)`],
    [{ API_KEYS: `crm:${KEY.crm},admin ${secret}` }, 'API_KEYS entry 2 is not scope:key (the scopes: storefront, crm, admin)'],
    [{ API_KEYS: `crm:${secret}`, ADMIN_TOKEN: secret }, 'ADMIN_TOKEN repeats the key of API_KEYS entry 1: give each key once, with one scope'],
    [{ ADMIN_TOKEN: 'has spaces in it 0123456789' }, 'ADMIN_TOKEN has a key with a character an Authorization: Bearer header cannot carry (letters, digits and - . _ ~ + / only, = at the end)']
  ]
  for (const [settings, message] of cases) {
    t.throws(() => loadApiKeys(settings), { message }, message)
    try {
      loadApiKeys(settings)
    } catch (error) {
      t.notOk((error as Error).message.includes(secret), 'the key is not quoted')
    }
  }
})

t.test('loadConfig: a bad key file stops start-up with one line; the keys log as counts', async (t) => {
  const dir = t.testdir({ keys: 'crm:short\n' })
  const error = t.throws(() => loadConfig({ ARTIFACTS_DIR: dir, API_KEYS_FILE: path.join(dir, 'keys') }))
  t.type(error, ConfigError)
  t.equal((error as Error).message, `invalid configuration: API_KEYS_FILE ${path.join(dir, 'keys')} line 1 has a key of 5 characters: a key needs 16 or more (openssl rand -hex 24 makes one) (see .env.example)`)
  const config = loadConfig({ ARTIFACTS_DIR: dir, API_KEYS: `crm:${KEY.crm}` })
  t.equal(JSON.stringify(config.apiKeys), '{"storefront":0,"crm":1,"admin":0}')
  t.equal(inspect(config.apiKeys), 'ApiKeys {"storefront":0,"crm":1,"admin":0}')
  t.notOk(JSON.stringify(config.apiKeys).includes(KEY.crm))
  // a relative file is resolved against the working directory
  const good = path.join(t.testdir({ keys: `admin:${KEY.admin}\n` }), 'keys')
  const relative = loadConfig({ ARTIFACTS_DIR: dir, API_KEYS_FILE: path.relative(process.cwd(), good) })
  t.equal(relative.API_KEYS_FILE, good)
  t.equal(relative.apiKeys.scopeOf(KEY.admin), 'admin')
})

t.test('the lookup is constant-time: every key is compared, as 32-byte digests, whichever matches', async (t) => {
  const calls: Array<[number, number]> = []
  const { loadApiKeys: load } = await t.mockImport<typeof import('../../../services/http/api-keys.js')>('../../../services/http/api-keys.js', {
    'node:crypto': {
      ...crypto,
      timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
        calls.push([a.byteLength, b.byteLength])
        return crypto.timingSafeEqual(a, b)
      }
    }
  })
  const keys: ApiKeysType = load({ API_KEYS: `storefront:${KEY.storefront},crm:${KEY.crm},admin:${KEY.admin}` })
  for (const presented of [KEY.storefront, KEY.admin, 'wrong', 'x'.repeat(4000)]) {
    calls.length = 0
    keys.scopeOf(presented)
    t.equal(calls.length, 3, `${presented.slice(0, 12)}: all three keys compared`)
    t.ok(calls.every(([a, b]) => a === 32 && b === 32), 'on equal-length digests')
  }
})

t.test('loopback addresses, and the start-up rule with no key', async (t) => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', 'LOCALHOST', '::ffff:127.0.0.1']) t.ok(isLoopbackHost(host), host)
  for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'api.internal', '::ffff:10.0.0.1', '128.0.0.1']) t.notOk(isLoopbackHost(host), host)

  const dir = t.testdir()
  const check = (env: Record<string, string>) => () => checkOpenAccess(loadConfig({ ARTIFACTS_DIR: dir, ...env }))
  t.throws(check({}), { name: 'ConfigError', message: /^invalid configuration: no API key is configured and HOST 0\.0\.0\.0 is reachable from other machines, so anyone could read customer data: set API_KEYS or API_KEYS_FILE \(or ADMIN_TOKEN\), or HOST=127\.0\.0\.1, or ALLOW_OPEN_ACCESS=true to serve it open \(see \.env\.example\)$/ }, 'the default HOST, no key')
  t.throws(check({ HOST: '10.0.0.5', ALLOW_OPEN_ACCESS: 'false' }), { name: 'ConfigError' })
  t.doesNotThrow(check({ HOST: '127.0.0.1' }), 'loopback: a trial on this machine')
  t.doesNotThrow(check({ ALLOW_OPEN_ACCESS: 'true' }), 'open, said explicitly')
  t.doesNotThrow(check({ API_KEYS: `crm:${KEY.crm}` }), 'keys')
  t.doesNotThrow(check({ ADMIN_TOKEN: KEY.admin }), 'ADMIN_TOKEN is a key')
  t.doesNotThrow(check({ API_KEYS: `crm:${KEY.crm}`, ALLOW_OPEN_ACCESS: 'true' }), 'ALLOW_OPEN_ACCESS with keys: nothing is open, no error')
  t.throws(() => loadConfig({ ARTIFACTS_DIR: dir, ALLOW_OPEN_ACCESS: 'yes please' }), { message: /ALLOW_OPEN_ACCESS must be boolean/ })
})
