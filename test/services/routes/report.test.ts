// GET /models/:version/report: the version's report.html, byte for byte, only when it matches the
// manifest; clear 4xx otherwise, and no version name that could leave the artifacts directory.
import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import t from 'tap'
import { REPORT_FILE, publishVersion, type PublishedVersion } from '../../../lib/artifacts/index.js'
import { build } from '../../helpers/build.js'
import { corruptVersion, fixtureManifestDraft, fixtureModelFiles, publishFixture, fixtureFiles } from '../../helpers/fixtures.js'
import { REPORT_CSP } from '../../../services/routes/models/report.js'

// like the trainer's report: an inline stylesheet, inline SVG with style attributes, text from the
// data (escaped), and a multi-byte character, so "byte for byte" means something
const REPORT = '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Training report</title>' +
  '<style>h1{color:#1f2933}</style></head><body><h1>Training report – £ and “quotes”</h1>' +
  '<svg width="120" height="40" role="img" aria-label="chart"><rect width="100" height="30" style="fill:#4e79a7"/></svg>' +
  '<p>WHITE HANGING HEART T-LIGHT HOLDER &amp; friends</p></body></html>\n'

let clock = Date.parse('2026-03-01T00:00:00Z')

async function publishWithReport (dir: string, report: string | Buffer = REPORT, variant = 0): Promise<PublishedVersion> {
  clock += 1000
  const model = fixtureModelFiles(variant)
  return publishVersion(dir, {
    ...fixtureFiles(model, false),
    [REPORT_FILE]: report
  }, fixtureManifestDraft(model), { now: new Date(clock) })
}

t.test('serves report.html byte for byte, as UTF-8 HTML with a strict CSP', async (t) => {
  const dir = t.testdir()
  const published = await publishWithReport(dir)
  const app = await build(t, { artifactsDir: dir })

  const response = await app.inject(`/models/${published.version}/report`)
  t.equal(response.statusCode, 200)
  t.ok(response.rawPayload.equals(Buffer.from(REPORT, 'utf8')), 'the published bytes')
  t.equal(response.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(response.headers['x-content-type-options'], 'nosniff')
  t.equal(response.headers['content-security-policy'], REPORT_CSP)
  const csp = String(response.headers['content-security-policy'])
  t.match(csp, /(^|; )default-src 'none'(;|$)/, 'nothing is allowed unless listed')
  t.match(csp, /style-src 'unsafe-inline'/, 'the inline stylesheet and SVG style attributes render')
  t.notMatch(csp, /script-src/, 'no script may run')
  t.match(csp, /(^|; )sandbox(;|$)/)
  t.equal(response.headers.etag, `"sha256-${published.manifest.files[REPORT_FILE].sha256}"`)
  t.match(response.headers['cache-control'], /max-age=\d+/)
})

t.test('If-None-Match with its ETag answers 304 without a body; HEAD answers the headers', async (t) => {
  const dir = t.testdir()
  const published = await publishWithReport(dir)
  const app = await build(t, { artifactsDir: dir })
  const url = `/models/${published.version}/report`
  const first = await app.inject(url)
  const etag = String(first.headers.etag)

  const revalidated = await app.inject({ url, headers: { 'if-none-match': etag } })
  t.equal(revalidated.statusCode, 304)
  t.equal(revalidated.payload, '')
  t.equal(revalidated.headers.etag, etag)

  const listed = await app.inject({ url, headers: { 'if-none-match': `"other", W/${etag}` } })
  t.equal(listed.statusCode, 304, 'a weak or listed match counts')

  const stale = await app.inject({ url, headers: { 'if-none-match': '"sha256-0000"' } })
  t.equal(stale.statusCode, 200)
  t.equal(stale.payload, REPORT)

  const head = await app.inject({ method: 'HEAD', url })
  t.equal(head.statusCode, 200)
  t.equal(head.headers['content-type'], 'text/html; charset=utf-8')
  t.equal(head.payload, '')
})

t.test('a version without a report, or not on disk: 404 with a message', async (t) => {
  const dir = t.testdir()
  const without = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })

  const none = await app.inject(`/models/${without.version}/report`)
  t.equal(none.statusCode, 404)
  t.match(none.json(), { statusCode: 404, code: 'ERR_REPORT_NOT_FOUND', message: `model version ${without.version} has no training report (it was published without report.html)` })

  const missing = await app.inject('/models/20991231T235959Z-abcdef/report')
  t.equal(missing.statusCode, 404)
  t.match(missing.json(), { code: 'ERR_MODEL_VERSION_NOT_FOUND', message: /20991231T235959Z-abcdef is not in the artifacts directory/ })
})

t.test('version names that are not version names are refused before the file system is touched', async (t) => {
  const dir = path.join(t.testdir({ 'secret.html': '<p>not a report</p>' }), 'artifacts')
  await publishWithReport(dir)
  const app = await build(t, { artifactsDir: dir })
  const names = [
    '..%2F..%2Fsecret.html', '..%5C..%5Csecret.html', '...', 'LATEST', '.tmp-abc',
    '20261125T154500Z-3fa9c1%2F..', '20261125T154500Z-3fa9c1%00', '%2Fetc%2Fpasswd', '20261125T154500Z-3FA9C1'
  ]
  for (const name of names) {
    const response = await app.inject(`/models/${name}/report`)
    t.equal(response.statusCode, 400, `${name} → 400`)
    t.match(response.json(), { code: 'ERR_VALIDATION', message: /params\/version must match pattern/ }, `${name}: says what is wrong`)
    t.notMatch(response.payload, /not a report/)
  }
  // dot segments are resolved with the URL, before routing: they never reach the route
  for (const url of ['/models/../report', '/models/%2e%2e/report', '/models/../secret.html/report']) {
    const response = await app.inject(url)
    t.equal(response.statusCode, 404, `${url} → 404`)
    t.equal(response.json().code, 'ERR_ROUTE_NOT_FOUND')
  }
})

t.test('a report changed after publishing is refused, never served', async (t) => {
  const dir = t.testdir()
  const modified = await publishWithReport(dir, REPORT, 1)
  const truncated = await publishWithReport(dir, REPORT, 2)
  const deleted = await publishWithReport(dir, REPORT, 3)
  const app = await build(t, { artifactsDir: dir })

  // same size, one character changed: only the sha256 can tell
  const file = path.join(dir, modified.version, REPORT_FILE)
  await writeFile(file, (await readFile(file, 'utf8')).replace('friends', 'fiends!'))
  const changed = await app.inject(`/models/${modified.version}/report`)
  t.equal(changed.statusCode, 422)
  t.match(changed.json(), { code: 'ERR_REPORT_INVALID', message: `the training report of model version ${modified.version} is not served: report.html differs from the manifest's sha256 (modified after publishing)` })
  t.notMatch(changed.payload, /fiends/)
  t.notOk(changed.headers['content-security-policy'], 'an error, not a page')
  t.equal(changed.headers['cache-control'], 'no-store', 'a refusal is never cached (only the report is)')
  t.notOk(changed.headers.etag, 'nor revalidated by the report\'s ETag')

  await corruptVersion(dir, truncated.version, 'truncate', REPORT_FILE)
  const short = await app.inject(`/models/${truncated.version}/report`)
  t.equal(short.statusCode, 422)
  t.match(short.json().message, /report\.html has \d+ bytes, the manifest says \d+ \(truncated or replaced\)/)

  await rm(path.join(dir, deleted.version, REPORT_FILE))
  const gone = await app.inject(`/models/${deleted.version}/report`)
  t.equal(gone.statusCode, 422)
  t.match(gone.json().message, /report\.html is listed in the manifest but missing/)
  for (const answer of [short, gone]) t.equal(answer.headers['cache-control'], 'no-store')
})

t.test('the report is checked on every request, also for the version that serves', async (t) => {
  const dir = t.testdir()
  const published = await publishWithReport(dir)
  const app = await build(t, { artifactsDir: dir })
  t.equal(app.modelStore.current()?.version, published.version, 'the version serves')
  const url = `/models/${published.version}/report`
  t.equal((await app.inject(url)).statusCode, 200)
  const file = path.join(dir, published.version, REPORT_FILE)
  await writeFile(file, REPORT.replace('<h1>', '<script>alert(1)</script><h1>'))
  const after = await app.inject(url)
  t.equal(after.statusCode, 422)
  t.notMatch(after.payload, /<script>/)
})

t.test('a version that cannot serve still shows its intact report (it explains the version); a broken manifest does not', async (t) => {
  const dir = t.testdir()
  const good = await publishWithReport(dir, REPORT, 1)
  const broken = await publishWithReport(dir, REPORT, 2)
  const noManifest = await publishWithReport(dir, REPORT, 3)
  await corruptVersion(dir, broken.version, 'modify') // neighbours.json
  await corruptVersion(dir, noManifest.version, 'bad-json-manifest')
  const app = await build(t, { artifactsDir: dir })

  const invalidModel = await app.inject(`/models/${broken.version}/report`)
  t.equal(invalidModel.statusCode, 200)
  t.equal(invalidModel.payload, REPORT)

  const badManifest = await app.inject(`/models/${noManifest.version}/report`)
  t.equal(badManifest.statusCode, 422)
  t.match(badManifest.json(), { code: 'ERR_ARTIFACT_INVALID', message: /manifest\.json: is not valid JSON/ })

  t.equal((await app.inject(`/models/${good.version}/report`)).statusCode, 200)
})

t.test('the route is documented in the OpenAPI document as HTML', async (t) => {
  const app = await build(t, { artifactsDir: t.testdir() })
  const document = (await app.inject('/openapi.json')).json()
  const operation = document.paths['/models/{version}/report'].get
  t.ok(operation.summary)
  t.same(operation.tags, ['Models'])
  t.ok(operation.responses['200'].content['text/html'].schema)
  t.ok(operation.responses['404'] && operation.responses['422'] && operation.responses['400'])
})
