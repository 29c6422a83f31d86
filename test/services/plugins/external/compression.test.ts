// Response compression through inject: gzip or br as Accept-Encoding asks, for answers of 1 KiB
// and more, decompressing to exactly the plain answer; tiny answers, the recommendations route's
// pre-serialised strings below the threshold, load shedding's 503s and 304s go out as they are;
// the training report (a Buffer under a CSP) keeps its headers; request bodies are not inflated.
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib'
import t from 'tap'
import { REPORT_FILE, publishVersion } from '../../../../lib/artifacts/index.js'
import { build, waitFor } from '../../../helpers/build.js'
import { fixtureManifestDraft, fixtureModelFiles, publishFixture, fixtureFiles } from '../../../helpers/fixtures.js'
import { REPORT_CSP } from '../../../../services/routes/models/report.js'
import { COMPRESSION_THRESHOLD_BYTES } from '../../../../services/plugins/external/compression.js'

const decode: Record<string, (body: Buffer) => Buffer> = { gzip: gunzipSync, br: brotliDecompressSync }

t.test('GET /openapi.json: gzip or br as asked (gzip when both will do), a fraction of the size, the same bytes once decoded', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const plain = await app.inject('/openapi.json')
  t.notOk(plain.headers['content-encoding'], 'no Accept-Encoding: identity')
  t.ok(plain.rawPayload.length > 20 * 1024, `the document is large (${plain.rawPayload.length} bytes)`)

  for (const [accept, encoding] of [['gzip', 'gzip'], ['br', 'br'], ['gzip, deflate, br, zstd', 'gzip'], ['br, gzip', 'gzip'], ['br;q=1, gzip;q=0.5', 'br'], ['deflate, gzip', 'gzip'], ['*', 'gzip']] as const) {
    const answer = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': accept } })
    t.equal(answer.statusCode, 200)
    t.equal(answer.headers['content-encoding'], encoding, `Accept-Encoding: ${accept}`)
    t.match(answer.headers.vary, /accept-encoding/i)
    t.ok(answer.rawPayload.length < plain.rawPayload.length / 3, `${encoding}: ${answer.rawPayload.length} of ${plain.rawPayload.length} bytes`)
    t.ok(decode[encoding](answer.rawPayload).equals(plain.rawPayload), `${encoding} decodes to the plain answer`)
  }
  for (const accept of ['identity', 'deflate', 'compress, x-unknown']) {
    const answer = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': accept } })
    t.notOk(answer.headers['content-encoding'], `Accept-Encoding: ${accept} gets identity`)
    t.ok(answer.rawPayload.equals(plain.rawPayload))
  }
})

t.test('answers under 1 KiB are never compressed: probes, small model answers (pre-serialised strings too), errors', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  for (const url of ['/health/live', '/health/ready', '/recommendations/85123A', '/recommendations/85123A?limit=50', '/products?q=heart', '/segments', '/recommendations/99999X']) {
    const plain = await app.inject(url)
    const asked = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } })
    t.ok(plain.rawPayload.length < COMPRESSION_THRESHOLD_BYTES, `${url}: ${plain.rawPayload.length} bytes`)
    t.notOk(asked.headers['content-encoding'], `${url} as it is`)
    t.equal(asked.headers['content-length'], String(plain.rawPayload.length))
    t.equal(asked.body, plain.body)
  }
  // the route sends a string it serialised itself, with its own content type
  const recommendations = await app.inject({ url: '/recommendations/85123A', headers: { 'accept-encoding': 'gzip' } })
  t.equal(recommendations.headers['content-type'], 'application/json; charset=utf-8')
  t.match(recommendations.json(), { product: { code: '85123A' }, recommendations: [{ code: '71053' }] })
})

t.test('a large text answer built as a string (/metrics) is compressed and decodes to valid exposition text', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const answer = await app.inject({ url: '/metrics', headers: { 'accept-encoding': 'gzip' } })
  t.equal(answer.statusCode, 200)
  t.equal(answer.headers['content-encoding'], 'gzip')
  t.match(answer.headers['content-type'], /^text\/plain/)
  t.match(gunzipSync(answer.rawPayload).toString('utf8'), /^# HELP /m)
})

t.test('the training report: a Buffer under a CSP, compressed with its headers kept; its 304 has no body', async (t) => {
  const dir = t.testdir()
  const model = fixtureModelFiles()
  const rows = Array.from({ length: 400 }, (_, i) => `<tr><td>product ${i}</td><td style="color:#4e79a7">${(i * 7.25).toFixed(2)} £</td></tr>`).join('\n')
  const report = Buffer.from(`<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Training report</title></head><body><table>${rows}</table></body></html>\n`, 'utf8')
  const published = await publishVersion(dir, {
    ...fixtureFiles(model, false),
    [REPORT_FILE]: report
  }, fixtureManifestDraft(model), { now: new Date('2026-03-01T00:00:00Z') })
  const app = await build(t, { artifactsDir: dir })
  const url = `/models/${published.version}/report`
  const answer = await app.inject({ url, headers: { 'accept-encoding': 'br' } })
  t.equal(answer.statusCode, 200)
  t.equal(answer.headers['content-encoding'], 'br')
  t.equal(answer.headers['content-security-policy'], REPORT_CSP)
  t.equal(answer.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(answer.headers['x-content-type-options'], 'nosniff')
  t.ok(answer.rawPayload.length < report.length / 4, `${answer.rawPayload.length} of ${report.length} bytes`)
  t.ok(brotliDecompressSync(answer.rawPayload).equals(report), 'the published bytes, once decoded')
  const again = await app.inject({ url, headers: { 'accept-encoding': 'br', 'if-none-match': String(answer.headers.etag) } })
  t.equal(again.statusCode, 304)
  t.equal(again.rawPayload.length, 0)
  t.notOk(again.headers['content-encoding'])
})

t.test('load shedding\'s 503 goes out as it is: small JSON, Retry-After', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { MAX_HEAP_USED_RATIO: 0.001, RETRY_AFTER_SECONDS: 3 } })
  await waitFor(() => app.loadShedding.pressure(), 5000, 'the first pressure sample')
  const shed = await app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip, br' } })
  t.equal(shed.statusCode, 503)
  t.notOk(shed.headers['content-encoding'])
  t.equal(shed.headers['retry-after'], '3')
  t.match(shed.json(), { code: 'ERR_OVERLOADED' })
})

t.test('request bodies are not decompressed: a gzip body is judged by the bytes it sends', async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const answer = await app.inject({
    method: 'POST',
    url: '/segments',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    payload: gzipSync(JSON.stringify({ recency: 2, frequency: 7, monetary: 4310 }))
  })
  t.equal(answer.statusCode, 400)
  t.match(answer.json(), { statusCode: 400 })
})
