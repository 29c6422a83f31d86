import t from 'tap'
import { build, TEST_ADMIN_TOKEN } from '../../../helpers/build.js'
import { publishFixture } from '../../../helpers/fixtures.js'

t.test('without ADMIN_TOKEN, model operations are refused with how to enable them', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const request of [{ method: 'PUT' as const, url: '/models/active', payload: { version: v1.version } }, { method: 'DELETE' as const, url: '/models/active' }]) {
    const response = await app.inject({ ...request, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })
    t.equal(response.statusCode, 403)
    t.match(response.json(), { statusCode: 403, error: 'Forbidden', code: 'ERR_ADMIN_DISABLED', message: /set the ADMIN_TOKEN environment variable/ })
  }
})

t.test('missing, malformed and wrong tokens get 401; the right one passes', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } })
  const pin = (headers: Record<string, string>) => app.inject({ method: 'PUT', url: '/models/active', payload: { version: v1.version }, headers })

  const missing = await pin({})
  t.equal(missing.statusCode, 401)
  t.match(missing.json(), { code: 'ERR_UNAUTHORIZED', message: /Authorization: Bearer/ })
  t.match(missing.headers['www-authenticate'], /^Bearer /)

  for (const authorization of [TEST_ADMIN_TOKEN, `Basic ${TEST_ADMIN_TOKEN}`, 'Bearer', `Bearer ${TEST_ADMIN_TOKEN} extra`]) {
    const response = await pin({ authorization })
    t.equal(response.statusCode, 401, `malformed: ${authorization}`)
  }
  for (const token of ['wrong-token-0123456789abcdef', TEST_ADMIN_TOKEN.slice(0, -1), TEST_ADMIN_TOKEN + 'x', 'x']) {
    const response = await pin({ authorization: `Bearer ${token}` })
    t.equal(response.statusCode, 401, 'wrong token')
    t.match(response.json(), { code: 'ERR_UNAUTHORIZED', message: 'wrong admin token' })
  }
  t.equal(app.modelStore.status().pinned, null, 'nothing was pinned by refused requests')

  const right = await pin({ authorization: `Bearer ${TEST_ADMIN_TOKEN}` })
  t.equal(right.statusCode, 200)
  t.equal(right.json().pinned, v1.version)
  const lowerCaseScheme = await app.inject({ method: 'DELETE', url: '/models/active', headers: { authorization: `bearer ${TEST_ADMIN_TOKEN}` } })
  t.equal(lowerCaseScheme.statusCode, 200, 'the scheme is case-insensitive')
})

t.test('authentication comes before body validation', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } })
  const response = await app.inject({ method: 'PUT', url: '/models/active', payload: { version: '../etc' } })
  t.equal(response.statusCode, 401, 'an anonymous caller learns nothing about valid bodies')
})
