// Who may call what (plugins/app/auth.ts): every key and scope on a route of each scope, the public
// routes, 401 against 403 and their headers, the open mode of a trial, the access table covering
// every route (those added later included), and no key in the logs.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import app, { serverOptions } from '../../../../services/app.js'
import { loggerOptions } from '../../../../services/logger.js'
import { ACCESS_RULES, accessOf } from '../../../../services/plugins/app/auth.js'
import { AdminForbiddenResponse, AuthErrorResponses } from '../../../../services/schemas/error-responses.js'
import type { ErrorResponse } from '../../../../services/schemas/error.js'
import { build, TEST_API_KEYS, TEST_API_KEYS_SETTING } from '../../../helpers/build.js'
import { publishFixture } from '../../../helpers/fixtures.js'
import { documentedOperations } from '../../../helpers/operations.js'

type Caller = 'none' | 'wrong' | keyof typeof TEST_API_KEYS
const CALLERS: readonly Caller[] = ['none', 'wrong', 'storefront', 'crm', 'admin']
const WRONG_KEY = 'not-a-configured-key-0123456789'

function headersOf (caller: Caller): Record<string, string> {
  if (caller === 'none') return {}
  return { authorization: `Bearer ${caller === 'wrong' ? WRONG_KEY : TEST_API_KEYS[caller]}` }
}

async function withKeys (t: Test, env: Record<string, string> = { API_KEYS: TEST_API_KEYS_SETTING }) {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const fastify = await build(t, { artifactsDir: dir, env })
  return { app: fastify, version: v1.version }
}

/** The examples a documented error response gives, by message. */
function documentedMessages (response: ErrorResponse): string[] {
  return Object.values(response.content['application/json'].examples).map((example) => example.value.message)
}

t.test('every key and scope on a route of each scope: 401 without a valid key, 403 when its scope is too narrow', async (t) => {
  const { app, version } = await withKeys(t)
  const routes = {
    storefront: { method: 'GET' as const, url: '/recommendations/85123A' },
    crm: { method: 'GET' as const, url: '/customers/12347' },
    admin: { method: 'DELETE' as const, url: '/models/active' },
    // the model's status: any key
    status: { method: 'GET' as const, url: '/models/active' }
  }
  const expected: Record<keyof typeof routes, Record<Caller, number>> = {
    storefront: { none: 401, wrong: 401, storefront: 200, crm: 200, admin: 200 },
    crm: { none: 401, wrong: 401, storefront: 403, crm: 200, admin: 200 },
    admin: { none: 401, wrong: 401, storefront: 403, crm: 403, admin: 200 },
    status: { none: 401, wrong: 401, storefront: 200, crm: 200, admin: 200 }
  }
  for (const [name, route] of Object.entries(routes) as Array<[keyof typeof routes, typeof routes.crm]>) {
    for (const caller of CALLERS) {
      const response = await app.inject({ ...route, headers: headersOf(caller) })
      const status = expected[name][caller]
      t.equal(response.statusCode, status, `${route.method} ${route.url} (${name}), ${caller} key: ${status}`)
      if (status === 401) {
        t.match(response.json(), { statusCode: 401, error: 'Unauthorized', code: 'ERR_UNAUTHORIZED' })
        t.equal(response.headers['www-authenticate'], caller === 'none' ? 'Bearer realm="shopper-spectrum"' : 'Bearer realm="shopper-spectrum", error="invalid_token"')
      }
      if (status === 403) {
        t.match(response.json(), { statusCode: 403, error: 'Forbidden', code: 'ERR_INSUFFICIENT_SCOPE', message: `a ${caller} key may not call ${route.method} ${name === 'crm' ? '/customers/:id' : '/models/active'}` })
        t.equal(response.headers['www-authenticate'], `Bearer realm="shopper-spectrum", error="insufficient_scope", scope="${name}"`)
      }
      if (status >= 400) t.equal(response.headers['cache-control'], 'no-store', 'an error is never cached')
    }
  }
  // a HEAD route has its GET's check
  t.equal((await app.inject({ method: 'HEAD', url: '/customers/12347' })).statusCode, 401, 'HEAD /customers/:id with no key')
  t.equal((await app.inject({ method: 'HEAD', url: '/customers/12347', headers: headersOf('storefront') })).statusCode, 403, 'HEAD /customers/:id with a storefront key')
  t.equal((await app.inject({ method: 'HEAD', url: '/customers/12347', headers: headersOf('crm') })).statusCode, 200, 'HEAD /customers/:id with a crm key')
  // the admin DELETE above unpinned (nothing was pinned); a pin needs the admin key too
  const pin = await app.inject({ method: 'PUT', url: '/models/active', payload: { version }, headers: headersOf('admin') })
  t.equal(pin.statusCode, 200)
})

t.test('public routes answer with no key, and with a wrong one', async (t) => {
  const { app, version } = await withKeys(t)
  for (const url of ['/health/live', '/health/ready', '/metrics', '/openapi.json', '/docs/', '/docs/json', '/', '/assets/app.js', `/models/${version}/report`]) {
    for (const caller of ['none', 'wrong'] as const) {
      const response = await app.inject({ url, headers: headersOf(caller) })
      // the fixture publishes no report: its 404 is the route's own answer, not a refusal
      t.ok(response.statusCode === 200 || (url.endsWith('/report') && response.statusCode === 404), `${url}, ${caller} key: ${response.statusCode}`)
    }
  }
})

t.test('the messages are the documented examples, and 403 tells which keys would do', async (t) => {
  const { app } = await withKeys(t, { API_KEYS: `storefront:${TEST_API_KEYS.storefront},crm:${TEST_API_KEYS.crm}` })
  const missing = await app.inject('/customers/12347')
  const wrong = await app.inject({ url: '/customers/12347', headers: headersOf('wrong') })
  const narrow = await app.inject({ url: '/customers/12347', headers: headersOf('storefront') })
  t.same(documentedMessages(AuthErrorResponses[401]), [missing.json().message, wrong.json().message])
  t.same(documentedMessages(AuthErrorResponses[403]), [narrow.json().message])
  t.equal(narrow.json().message, 'a storefront key may not call GET /customers/:id: it needs a crm or admin key')
  // no admin key configured: a crm key on a model operation is told so
  const noAdmin = await app.inject({ method: 'DELETE', url: '/models/active', headers: headersOf('crm') })
  t.equal(noAdmin.statusCode, 403)
  t.equal(noAdmin.json().message, 'a crm key may not call DELETE /models/active: it needs an admin key; no admin key is configured')
})

t.test('the header: Bearer in any case, one key; anything else is 401', async (t) => {
  const { app } = await withKeys(t)
  const get = (authorization: string) => app.inject({ url: '/customers/12347', headers: { authorization } })
  for (const authorization of [TEST_API_KEYS.crm, `Basic ${TEST_API_KEYS.crm}`, 'Bearer', 'Bearer ', `Bearer ${TEST_API_KEYS.crm} extra`, `Bearer ${TEST_API_KEYS.crm.slice(0, -1)}`, `Bearer ${TEST_API_KEYS.crm}x`, '']) {
    t.equal((await get(authorization)).statusCode, 401, JSON.stringify(authorization))
  }
  for (const authorization of [`Bearer ${TEST_API_KEYS.crm}`, `bearer ${TEST_API_KEYS.crm}`, `BEARER ${TEST_API_KEYS.crm}`, `Bearer  ${TEST_API_KEYS.crm} `]) {
    t.equal((await get(authorization)).statusCode, 200, JSON.stringify(authorization))
  }
})

t.test('the key is checked before the body is read or validated', async (t) => {
  const { app } = await withKeys(t)
  const anonymous = await app.inject({ method: 'PUT', url: '/models/active', payload: { version: '../etc' } })
  t.equal(anonymous.statusCode, 401, 'an anonymous caller learns nothing about valid bodies')
  const crm = await app.inject({ method: 'POST', url: '/recommendations', payload: 'not json', headers: { 'content-type': 'application/json' } })
  t.equal(crm.statusCode, 401)
  const badBody = await app.inject({ method: 'PUT', url: '/models/active', payload: { version: '../etc' }, headers: headersOf('admin') })
  t.equal(badBody.statusCode, 400, 'with the key, validation answers')
})

t.test('ADMIN_TOKEN is an admin key, beside the keys of API_KEYS', async (t) => {
  const { app } = await withKeys(t, { ADMIN_TOKEN: 'the-admin-token-of-ops-0123', API_KEYS: `crm:${TEST_API_KEYS.crm}` })
  t.equal((await app.inject({ method: 'DELETE', url: '/models/active', headers: { authorization: 'Bearer the-admin-token-of-ops-0123' } })).statusCode, 200)
  t.equal((await app.inject({ url: '/customers/12347', headers: { authorization: 'Bearer the-admin-token-of-ops-0123' } })).statusCode, 200, 'admin includes crm')
  t.equal((await app.inject({ url: '/customers/12347' })).statusCode, 401, 'one admin key protects every route')
})

t.test('no key configured: the routes are open as before, model operations are refused with how to enable them', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const open = await build(t, { artifactsDir: dir })
  for (const url of ['/recommendations/85123A', '/customers/12347', '/segments', '/models/active']) {
    t.equal((await open.inject(url)).statusCode, 200, `${url}: open`)
  }
  for (const request of [{ method: 'PUT' as const, url: '/models/active', payload: { version: v1.version } }, { method: 'DELETE' as const, url: '/models/active' }]) {
    const response = await open.inject({ ...request, headers: headersOf('admin') })
    t.equal(response.statusCode, 403)
    t.match(response.json(), { statusCode: 403, error: 'Forbidden', code: 'ERR_ADMIN_DISABLED', message: /set ADMIN_TOKEN .* or an admin key in API_KEYS/ })
    t.ok(documentedMessages(AdminForbiddenResponse).includes(response.json().message), 'as documented')
  }
})

t.test('the access table: every route has an entry, routes added later take their path\'s scope, an unlisted route stops start-up', async (t) => {
  t.equal(accessOf('GET', '/segments/:segment/customers'), 'crm', 'an audience')
  t.equal(accessOf('GET', '/segments/transitions'), 'crm')
  t.equal(accessOf('GET', '/segments/transitions/customers'), 'crm')
  t.equal(accessOf('GET', '/customers/:id/previous'), 'crm')
  t.equal(accessOf('GET', '/products/:code/anything'), 'storefront')
  t.equal(accessOf('PUT', '/models/active'), 'admin')
  t.equal(accessOf('GET', '/models/active'), 'storefront')
  t.equal(accessOf('HEAD', '/models/:version/report'), 'public')
  t.equal(accessOf('GET', '/'), 'public')
  t.equal(accessOf('GET', '/assets/app.js'), 'public')
  t.equal(accessOf('GET', '/segmentsx'), undefined, 'a path prefix is whole segments')
  t.equal(accessOf('GET', '/anything'), undefined, '/ covers itself only')
  t.equal(accessOf('GET', '*'), undefined, 'only preflights on any path')
  t.ok(ACCESS_RULES.every((rule) => rule.path === '*' || rule.path.startsWith('/')))

  // every route the service has, CORS's preflight included, is covered (else build would throw)
  const dir = t.testdir()
  const fastify = await build(t, { artifactsDir: dir, env: { CORS_ORIGINS: '*' } })
  const preflight = await fastify.inject({ method: 'OPTIONS', url: '/customers/12347', headers: { origin: 'https://crm.example', 'access-control-request-method': 'GET' } })
  t.equal(preflight.statusCode, 204, 'a preflight needs no key')

  const unlisted = Fastify({ ...serverOptions, logger: false })
  t.teardown(() => unlisted.close())
  await unlisted.register(app, { env: { ARTIFACTS_DIR: dir, LOG_LEVEL: 'silent' } })
  t.throws(() => unlisted.get('/exports/all', async () => 'everything'), /^GET \/exports\/all has no entry in the access table \(ACCESS_RULES, services\/plugins\/app\/auth\.ts\)/)
})

t.test('every documented operation names its scope or is public, and answers as documented', async (t) => {
  const { app } = await withKeys(t)
  const document = app.swagger() as unknown as { paths: Record<string, Record<string, { security?: Array<Record<string, string[]>>, responses: Record<string, unknown> }>> }
  for (const operation of documentedOperations(app)) {
    const where = `${operation.method} ${operation.path}`
    const documented = document.paths[operation.path][operation.method.toLowerCase()]
    const url = operation.path.replace(/\{([^}]+)\}/g, ':$1')
    const access = accessOf(operation.method, url)
    t.ok(access, `${where} has an entry`)
    t.same(documented.security, access === 'public' ? [] : [{ apiKey: [access] }], `${where}: security ${access}`)
    if (access !== 'public') {
      t.ok('401' in documented.responses, `${where} documents 401`)
      t.equal('403' in documented.responses, access !== 'storefront', `${where} ${access === 'storefront' ? 'cannot answer' : 'documents'} 403`)
    }
    const { headers, ...request } = operation.request()
    const { authorization: _key, ...anonymous } = (headers ?? {}) as Record<string, string>
    const status = (await app.inject({ ...request, headers: anonymous })).statusCode
    t.equal(status === 401, access !== 'public', `${where} with no key: ${status}`)
  }
})

t.test('no key reaches the log: not the configured ones, not a wrong one presented', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const lines: string[] = []
  const fastify = Fastify({ ...serverOptions, logger: { ...(loggerOptions('trace') as object), stream: { write: (line: string) => { lines.push(line) } } } })
  t.teardown(() => fastify.close())
  await fastify.register(app, { env: { ARTIFACTS_DIR: dir, LOG_LEVEL: 'trace', API_KEYS: TEST_API_KEYS_SETTING, ADMIN_TOKEN: 'the-admin-token-of-ops-0123', MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0 } })
  await fastify.ready()
  // a careless log line of the configuration or a request's headers
  fastify.log.info({ config: fastify.config }, 'configuration')
  fastify.log.info({ headers: { authorization: `Bearer ${TEST_API_KEYS.crm}` } }, 'a handler logging headers')
  for (const caller of CALLERS) {
    for (const url of ['/recommendations/85123A', '/customers/12347', '/models/active', '/health/live']) {
      await fastify.inject({ url, headers: headersOf(caller) })
    }
    await fastify.inject({ method: 'PUT', url: '/models/active', payload: { version: 'x' }, headers: headersOf(caller) })
  }
  t.ok(lines.length > 20, `${lines.length} lines`)
  for (const key of [...Object.values(TEST_API_KEYS), WRONG_KEY, 'the-admin-token-of-ops-0123']) {
    t.notOk(lines.some((line) => line.includes(key)), `no line carries ${key.slice(0, 8)}…`)
  }
  const loaded = lines.map((line) => JSON.parse(line) as { msg: string, apiKeys?: unknown }).find((line) => line.msg === 'API keys loaded')
  t.same(loaded?.apiKeys, { storefront: 1, crm: 1, admin: 2 }, 'start-up says how many keys of each scope')
  t.match(lines.find((line) => line.includes('"configuration"')), /"apiKeys":\{"storefront":1,"crm":1,"admin":2\}.*"API_KEYS":"\[redacted\]"|"API_KEYS":"\[redacted\]".*"apiKeys":\{"storefront":1,"crm":1,"admin":2\}/)
})

t.test('no key configured: a warning at start-up that customer data is open', async (t) => {
  const lines: Array<{ level: number, msg: string }> = []
  const fastify = Fastify({ ...serverOptions, logger: { ...(loggerOptions('info') as object), stream: { write: (line: string) => { lines.push(JSON.parse(line)) } } } })
  t.teardown(() => fastify.close())
  await fastify.register(app, { env: { ARTIFACTS_DIR: t.testdir(), LOG_LEVEL: 'info', TRAIN_ON_START: false } })
  await fastify.ready()
  const warning = lines.find((line) => /no API key is configured/.test(line.msg))
  t.ok(warning, 'warned')
  t.equal(warning?.level, 40, 'at warn')
  t.match(warning?.msg, /anyone who can reach the service reads customer data/)
})
