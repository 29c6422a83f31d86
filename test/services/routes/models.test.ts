import t from 'tap'
import { build, TEST_ADMIN_TOKEN } from '../../helpers/build.js'
import { publishCorruptFixture, publishFixture } from '../../helpers/fixtures.js'

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` }

t.test('GET /models lists every version, newest first, with status and headline metrics', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir, { evaluation: { model: { at10: { hitRate: 0.27 } } } })
  const bad = await publishCorruptFixture(dir, 'delete', { updateLatest: false })
  const v2 = await publishFixture(dir, { variant: 1 })
  const app = await build(t, { artifactsDir: dir })
  await app.modelStore.get(v1.version) // a ?version= request loaded it
  await app.modelStore.get(bad.version).catch(() => undefined)

  const response = await app.inject('/models')
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.match(body, { active: v2.version, pinned: null, latest: v2.version })
  t.same(body.versions.map((v: { version: string }) => v.version), [v2.version, bad.version, v1.version])
  t.match(body.versions[0], {
    status: 'active',
    latest: true,
    onDisk: true,
    createdAt: v2.manifest.createdAt,
    metrics: {
      rows: v2.manifest.cleaning.rowsKept,
      customers: v2.manifest.cleaning.customers,
      products: v2.manifest.recommendations.products,
      k: v2.manifest.segmentation.k,
      silhouette: v2.manifest.segmentation.silhouette,
      hitRate: null
    }
  })
  t.match(body.versions[1], { status: 'invalid', reason: 'neighbours.json: is missing', latest: false })
  t.match(body.versions[2], { status: 'loaded', metrics: { hitRate: 0.27 } })
  t.notOk('reason' in body.versions[0])
})

t.test('GET /models/active: 503 before any model, then the serving version', async (t) => {
  const dir = t.testdir()
  const app = await build(t, { artifactsDir: dir })
  const none = await app.inject('/models/active')
  t.equal(none.statusCode, 503)
  t.equal(none.json().code, 'ERR_MODEL_NOT_READY')
  const v1 = await publishFixture(dir)
  await app.modelStore.refresh()
  const active = await app.inject('/models/active')
  t.equal(active.statusCode, 200)
  t.match(active.json(), { active: v1.version, createdAt: v1.manifest.createdAt, pinned: null, following: 'latest', latest: v1.version, lastFailure: null, cached: [], metrics: { k: 3 } })
})

t.test('pin, roll back, unpin through the API', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const v2 = await publishFixture(dir, { variant: 1 })
  const app = await build(t, { artifactsDir: dir, env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } })

  const rollback = await app.inject({ method: 'PUT', url: '/models/active', payload: { version: v1.version }, headers: auth })
  t.equal(rollback.statusCode, 200)
  t.match(rollback.json(), { active: v1.version, pinned: v1.version, following: 'pinned', latest: v2.version })
  t.equal((await app.inject('/health/ready')).json().version, v1.version, 'requests now use the pinned version')

  const v3 = await publishFixture(dir, { variant: 2 })
  await app.modelStore.refresh()
  t.match((await app.inject('/models/active')).json(), { active: v1.version, latest: v3.version }, 'a new LATEST does not override the pin')
  t.match((await app.inject('/models')).json().versions, [{ version: v3.version, status: 'available' }, { version: v2.version }, { version: v1.version, status: 'pinned' }])

  const unpin = await app.inject({ method: 'DELETE', url: '/models/active', headers: auth })
  t.equal(unpin.statusCode, 200)
  t.match(unpin.json(), { active: v3.version, pinned: null, following: 'latest' })
})

t.test('pinning refuses unknown, invalid and malformed versions, changing nothing', async (t) => {
  const dir = t.testdir()
  const v1 = await publishFixture(dir)
  const bad = await publishCorruptFixture(dir, 'modify', { updateLatest: false })
  const app = await build(t, { artifactsDir: dir, env: { ADMIN_TOKEN: TEST_ADMIN_TOKEN } })
  const pin = (version: unknown) => app.inject({ method: 'PUT', url: '/models/active', payload: { version }, headers: auth })

  const unknown = await pin('20200101T000000Z-abcdef')
  t.equal(unknown.statusCode, 404)
  t.match(unknown.json(), { code: 'ERR_MODEL_VERSION_NOT_FOUND', message: /20200101T000000Z-abcdef is not in the artifacts directory/ })

  const invalid = await pin(bad.version)
  t.equal(invalid.statusCode, 422)
  t.match(invalid.json(), { code: 'ERR_MODEL_VERSION_INVALID', message: /neighbours\.json: sha256 is [0-9a-f]{64}, manifest says [0-9a-f]{64} \(file was modified\)/ })

  for (const name of ['../etc', '..%2F..', '../../etc/passwd', `${v1.version}/../..`, '/tmp', 'LATEST', 42]) {
    const response = await pin(name)
    t.equal(response.statusCode, 400, `${JSON.stringify(name)} is refused`)
    t.match(response.json(), { code: 'ERR_VALIDATION', message: /body\/version must/ })
  }
  const extra = await app.inject({ method: 'PUT', url: '/models/active', payload: { version: v1.version, path: '/etc' }, headers: auth })
  t.equal(extra.statusCode, 200, 'unknown properties are dropped, not used')
  const empty = await app.inject({ method: 'PUT', url: '/models/active', payload: {}, headers: auth })
  t.match(empty.json(), { statusCode: 400, message: /body must have required property 'version'/ })
  t.equal(app.modelStore.current()?.version, v1.version)
})

t.test('traversal attempts in the URL reach no file', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const url of ['/models/..%2F..%2Fetc', '/models/../../etc/passwd', '/models/active/..%2F..']) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 404, url)
    t.equal(response.json().code, 'ERR_ROUTE_NOT_FOUND')
  }
})
