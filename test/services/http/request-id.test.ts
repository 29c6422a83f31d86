// The request id: an upstream x-request-id is kept only when it is a short token of safe
// characters; anything else (10 kB, markup, spaces, control characters) gets a fresh UUID.
import t from 'tap'
import { build } from '../../helpers/build.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

t.test('a safe upstream id is kept and echoed', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  for (const id of ['from-the-proxy-1', 'f47ac10b-58cc-4372-a567-0e02b2c3d479', '1-67891233-abcdef012345678912345678', 'a.b_c:d', 'x'.repeat(128)]) {
    const response = await app.inject({ url: '/health/live', headers: { 'x-request-id': id } })
    t.equal(response.headers['x-request-id'], id, id.slice(0, 40))
  }
})

t.test('anything else is replaced by a generated UUID, never echoed', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  for (const id of ['x'.repeat(129), 'a'.repeat(10_000), '<script>alert(1)</script>', 'a b', 'id"quoted"', 'ünïcode', '', 'a;b', '../x', 'a\tb', 'Root=1-abc']) {
    const response = await app.inject({ url: '/health/live', headers: { 'x-request-id': id } })
    t.match(response.headers['x-request-id'], UUID, JSON.stringify(id.slice(0, 40)))
  }
  const repeated = await app.inject({ url: '/health/live', headers: { 'x-request-id': ['a', 'b'] } })
  t.match(repeated.headers['x-request-id'], UUID, 'a repeated header is not one id')
  const error = await app.inject({ url: '/health/ready', headers: { 'x-request-id': '<b>' } })
  t.equal(error.statusCode, 503)
  t.notMatch(error.body, /<b>/, 'nor does it reach an error body')
})
