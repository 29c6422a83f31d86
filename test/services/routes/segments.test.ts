import t from 'tap'
import { classifyRfm } from '../../../lib/segments/classify.js'
import { build } from '../../helpers/build.js'
import { FIXTURE_CUSTOMERS, fixtureModelFiles, publishFixture } from '../../helpers/fixtures.js'

const model = fixtureModelFiles().segments
const labelOf = (rfm: { recency: number, frequency: number, monetary: number }): { segment: number, label: string } => {
  const segment = classifyRfm(model, rfm)
  return { segment, label: model.segments[segment].label }
}

t.test('GET /segments lists every segment with its centroid in RFM units', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const response = await app.inject({ url: '/segments' })
  t.equal(response.statusCode, 200)
  t.same(response.json(), {
    version,
    transform: 'log1p',
    customers: FIXTURE_CUSTOMERS.length,
    segments: model.segments.map(({ id, label, description, action, size, share, centroid }) => ({ id, label, description, action, size, share, centroid }))
  })
  t.notOk('centroidScaled' in response.json().segments[0], 'the scaled centroid is an internal detail')
})

t.test('POST /segments classifies one customer', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const customer of FIXTURE_CUSTOMERS) {
    const { id, ...rfm } = customer
    const response = await app.inject({ method: 'POST', url: '/segments', payload: rfm })
    t.equal(response.statusCode, 200)
    const segment = model.segments[labelOf(rfm).segment]
    t.same(response.json(), { version, segment: { id: segment.id, label: segment.label, description: segment.description, action: segment.action } }, id)
  }
})

t.test('POST /segments classifies a JSON batch in order', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const customers = [...FIXTURE_CUSTOMERS].reverse()
  const response = await app.inject({ method: 'POST', url: '/segments', payload: { customers } })
  t.equal(response.statusCode, 200)
  t.same(response.json(), { version, results: customers.map((c) => ({ id: c.id, ...labelOf(c) })) })

  const large = Array.from({ length: 10_000 }, (_, i) => ({ id: `C${i}`, recency: i % 365, frequency: 1 + (i % 40), monetary: (i * 37) % 20000 }))
  const big = await app.inject({ method: 'POST', url: '/segments', payload: { customers: large } })
  t.equal(big.statusCode, 200, '10,000 customers are accepted')
  const results = big.json().results as Array<{ id: string, segment: number, label: string }>
  t.equal(results.length, 10_000)
  t.same(results[9_999], { id: 'C9999', ...labelOf(large[9_999]) })
})

t.test('POST /segments classifies a CSV export, answering JSON', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const csv = 'id,recency,frequency,monetary\n' + FIXTURE_CUSTOMERS.map((c) => `${c.id},${c.recency},${c.frequency},${c.monetary}`).join('\n') + '\n'
  for (const contentType of ['text/csv', 'text/csv; charset=utf-8']) {
    const response = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': contentType }, payload: csv })
    t.equal(response.statusCode, 200, contentType)
    t.match(response.headers['content-type'], /^application\/json/)
    t.same(response.json(), { version, results: FIXTURE_CUSTOMERS.map((c) => ({ id: c.id, ...labelOf(c) })) })
  }
})

t.test('a bad row fails the whole request, naming the row, id and field', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const csv = 'id,recency,frequency,monetary\n12347,2,7,4310\n12348,75,0,1797.24\n12352,36,8,2506.04\n'
  const response = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'text/csv' }, payload: csv })
  t.equal(response.statusCode, 400)
  t.same(response.json(), {
    statusCode: 400,
    error: 'Bad Request',
    code: 'ERR_INVALID_CUSTOMERS',
    message: 'row 2 (id "12348"), line 3: frequency must be a finite number ≥ 1, got "0"'
  })

  const json = await app.inject({
    method: 'POST',
    url: '/segments',
    payload: { customers: [{ id: 'a', recency: 1, frequency: 1, monetary: 1 }, { id: 'b', recency: 1, frequency: 1, monetary: 1 }, { id: 'c', recency: -4, frequency: 1, monetary: 1 }] }
  })
  t.equal(json.statusCode, 400)
  t.equal(json.json().message, 'row 3 (id "c"): recency must be a finite number ≥ 0, got -4')

  const cases: Array<[unknown, RegExp]> = [
    [{ recency: 1, frequency: 1 }, /^monetary is missing/],
    [{ recency: 1, frequency: 1, monetary: 'lots' }, /^monetary must be a finite number ≥ 0, got "lots"/],
    [{ customers: [] }, /no customers/],
    [{ customers: [{ id: 'x', recency: 1, frequency: 1, monetary: 1 }, { recency: 1, frequency: 1, monetary: 1 }] }, /^row 2: id must be a non-empty string/],
    [{ customers: Array.from({ length: 10_001 }, (_, i) => ({ id: String(i), recency: 1, frequency: 1, monetary: 1 })) }, /more than 10,000 customers/]
  ]
  for (const [payload, message] of cases) {
    const bad = await app.inject({ method: 'POST', url: '/segments', payload: payload as object })
    t.equal(bad.statusCode, 400, String(message))
    t.match(bad.json(), { code: 'ERR_INVALID_CUSTOMERS', message })
  }
})

t.test('POST /segments refuses other media types, oversized bodies and bad versions', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const plain = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'text/plain' }, payload: 'id,recency,frequency,monetary\n1,1,1,1\n' })
  t.equal(plain.statusCode, 415)
  t.equal(plain.json().code, 'ERR_UNSUPPORTED_MEDIA_TYPE')
  const xml = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'application/xml' }, payload: '<customers/>' })
  t.equal(xml.statusCode, 415)
  const huge = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'text/csv' }, payload: 'x'.repeat(5 * 1024 * 1024) })
  t.equal(huge.statusCode, 413)
  const badJson = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'application/json' }, payload: '{"recency": 1,' })
  t.equal(badJson.statusCode, 400)
  const badVersion = await app.inject({ method: 'POST', url: '/segments?version=x', payload: { recency: 1, frequency: 1, monetary: 1 } })
  t.equal(badVersion.statusCode, 400)
  t.equal(badVersion.json().code, 'ERR_VALIDATION')
  const unknownVersion = await app.inject({ method: 'POST', url: '/segments?version=20200101T000000Z-000000', payload: { recency: 1, frequency: 1, monetary: 1 } })
  t.equal(unknownVersion.statusCode, 404)
})

t.test('null RFM values are refused, naming the field (bodies are not coerced: null is not 0)', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const cases: Array<[object, string]> = [
    [{ recency: null, frequency: 1, monetary: 10 }, 'recency must be a finite number ≥ 0, got null'],
    [{ recency: 1, frequency: 1, monetary: null }, 'monetary must be a finite number ≥ 0, got null'],
    [{ recency: null, frequency: 1, monetary: null }, 'recency must be a finite number ≥ 0, got null'],
    [{ recency: '2', frequency: 1, monetary: 10 }, 'recency must be a finite number ≥ 0, got "2"'],
    [{ recency: false, frequency: 1, monetary: 10 }, 'recency must be a finite number ≥ 0, got boolean'],
    [{ customers: [{ id: 'a', recency: 1, frequency: 1, monetary: null }] }, 'row 1 (id "a"): monetary must be a finite number ≥ 0, got null']
  ]
  for (const [payload, message] of cases) {
    const response = await app.inject({ method: 'POST', url: '/segments', payload })
    t.equal(response.statusCode, 400, JSON.stringify(payload))
    t.same(response.json(), { statusCode: 400, error: 'Bad Request', code: 'ERR_INVALID_CUSTOMERS', message }, JSON.stringify(payload))
  }
  const numericIds = await app.inject({ method: 'POST', url: '/segments', payload: { customers: [{ id: 12347, recency: 2, frequency: 7, monetary: 4310 }] } })
  t.equal(numericIds.statusCode, 200, 'numeric ids stay accepted (documented: answered as strings)')
  t.equal(numericIds.json().results[0].id, '12347')
})

t.test('a JSON body that is not an object is a 400, whatever JSON it is (not a 415)', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const [payload, got] of [['"AAA"', '"AAA"'], ['42', '42'], ['null', 'null'], ['[1,2]', 'an array'], ['true', 'boolean']]) {
    for (const contentType of ['application/json', 'application/json; charset=utf-8']) {
      const response = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': contentType }, payload })
      t.equal(response.statusCode, 400, `${contentType}: ${payload}`)
      t.same(response.json(), {
        statusCode: 400,
        error: 'Bad Request',
        code: 'ERR_INVALID_CUSTOMERS',
        message: `the body must be a JSON object: one customer {recency, frequency, monetary} or a batch {customers: [...]}, got ${got}`
      }, `${contentType}: ${payload}`)
    }
  }
  for (const contentType of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
    const response = await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': contentType }, payload: 'recency=1' })
    t.equal(response.statusCode, 415, contentType)
    t.same(response.json(), { statusCode: 415, error: 'Unsupported Media Type', code: 'ERR_UNSUPPORTED_MEDIA_TYPE', message: `send application/json or text/csv, not ${contentType}` }, contentType)
  }
})
