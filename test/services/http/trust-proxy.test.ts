// TRUST_PROXY: the values Fastify's trustProxy takes (minus the hop count it ignores), and what
// request.ip (the log line's `ip`, an admin pin's `by`) becomes behind a proxy with and without
// the setting, on the instance server.ts creates.
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import app, { instanceOptions } from '../../../services/app.js'
import { parseTrustProxy } from '../../../services/http/trust-proxy.js'
import { loadConfig, type EnvInput } from '../../../services/plugins/external/env.js'
import { publishFixture } from '../../helpers/fixtures.js'

t.test('false, true, or a list of addresses, CIDR ranges and proxy-addr names', async (t) => {
  t.equal(parseTrustProxy('false'), false)
  t.equal(parseTrustProxy('true'), true)
  t.same(parseTrustProxy('10.0.0.1'), ['10.0.0.1'])
  t.same(parseTrustProxy(' 10.0.0.0/8, 192.168.1.1/255.255.255.0 ,fd00::/8,::1, loopback,uniquelocal '),
    ['10.0.0.0/8', '192.168.1.1/255.255.255.0', 'fd00::/8', '::1', 'loopback', 'uniquelocal'])
})

t.test('a hop count is refused: Fastify accepts it and trusts nothing with it', async (t) => {
  t.throws(() => parseTrustProxy('1'), /is a hop count \(1\), which Fastify ignores/)
  t.throws(() => parseTrustProxy('2'), /give the proxies' addresses or CIDR ranges/)
})

t.test('anything else names the entry', async (t) => {
  for (const entry of ['yes', 'TRUE', '10.0.0.256', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/8', 'proxy.internal', '10.0.0.0/abc', ',']) {
    t.throws(() => parseTrustProxy(entry), entry === ',' ? /is empty/ : { message: `has ${JSON.stringify(entry)}, which is not an IP address, a CIDR range (10.0.0.0/8, fd00::/8) or one of loopback, linklocal, uniquelocal; or give false or true` }, entry)
  }
})

t.test('loadConfig: false by default; a bad value stops start-up with one line', async (t) => {
  const dir = t.testdir()
  t.equal(loadConfig({ ARTIFACTS_DIR: dir }).TRUST_PROXY, 'false')
  t.throws(() => loadConfig({ ARTIFACTS_DIR: dir, TRUST_PROXY: 2 }), { name: 'ConfigError', message: /^invalid configuration: TRUST_PROXY is a hop count \(2\).* \(see \.env\.example\)$/ })
  t.throws(() => loadConfig({ ARTIFACTS_DIR: dir, TRUST_PROXY: 'proxy.internal' }), { message: /^invalid configuration: TRUST_PROXY has "proxy\.internal", which is not an IP address/ })
})

/** The service as server.ts builds it from `env` (instanceOptions), with a route that answers request.ip. */
async function service (t: Test, env: EnvInput): Promise<{ ip: (headers: Record<string, string>, remoteAddress?: string) => Promise<string> }> {
  const dir = t.testdir()
  await publishFixture(dir)
  const config = loadConfig({ ARTIFACTS_DIR: dir, TRAIN_ON_START: false, MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0, ...env })
  const fastify = Fastify({ ...instanceOptions(config), logger: false })
  t.teardown(() => fastify.close())
  await fastify.register(app, { config })
  // a public path (plugins/app/auth.ts): the access table covers every route
  fastify.get('/health/test-ip', async (request) => request.ip)
  await fastify.ready()
  return {
    ip: async (headers, remoteAddress = '10.1.2.3') => (await fastify.inject({ url: '/health/test-ip', headers, remoteAddress })).body
  }
}

t.test('without TRUST_PROXY the address is the peer\'s: X-Forwarded-For is anyone\'s to claim', async (t) => {
  const { ip } = await service(t, {})
  t.equal(await ip({ 'x-forwarded-for': '203.0.113.7' }), '10.1.2.3')
  t.equal(await ip({}), '10.1.2.3')
})

t.test('with the proxy\'s range trusted, the client behind it; a peer outside the range is not believed', async (t) => {
  const { ip } = await service(t, { TRUST_PROXY: '10.0.0.0/8' })
  t.equal(await ip({ 'x-forwarded-for': '203.0.113.7' }), '203.0.113.7', 'from the proxy')
  t.equal(await ip({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }), '203.0.113.7', 'the nearest untrusted hop, not what the client wrote first')
  t.equal(await ip({ 'x-forwarded-for': '203.0.113.7' }, '192.0.2.50'), '192.0.2.50', 'a client talking directly cannot claim an address')
})

t.test('TRUST_PROXY=true believes every hop', async (t) => {
  const { ip } = await service(t, { TRUST_PROXY: 'true' })
  t.equal(await ip({ 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }, '192.0.2.50'), '198.51.100.1')
})
