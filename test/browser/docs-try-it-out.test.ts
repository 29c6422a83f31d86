// Swagger UI's "Try it out" in a real browser (Debian's chromium driven by playwright-core): on
// whatever port the service listens (never the 3000 an absolute server URL would name), and behind
// a reverse proxy that serves it under /shopper and strips the prefix (BASE_PATH=/shopper), where
// the page, its files, the document and the call all have to go through the proxy.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import t, { type Test } from 'tap'
import { type Page } from 'playwright-core'
import { build } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'

// a loaded machine (CI runs two test files at once) takes its time over Swagger UI's 1.5 MB bundle
const RENDERED_WITHIN_MS = 30_000

const skip = skipWithoutChromium('apt-get install -y chromium: the browser test of "Try it out" is skipped')

/** A reverse proxy on a port of its own: `/<prefix>/…` goes to `target` without the prefix; anything else is a 404 it records. */
async function startProxy (t: Test, prefix: string, target: string): Promise<{ url: string, forwarded: string[], refused: string[] }> {
  const forwarded: string[] = []
  const refused: string[] = []
  const upstream = new URL(target)
  const proxy = http.createServer((request, response) => {
    const url = request.url ?? '/'
    if (url !== prefix && !url.startsWith(`${prefix}/`)) {
      refused.push(url)
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not under ${prefix}`)
      return
    }
    const path = url.slice(prefix.length) || '/'
    forwarded.push(`${request.method} ${path}`)
    const outgoing = http.request({ host: upstream.hostname, port: upstream.port, method: request.method, path, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(response)
    })
    outgoing.on('error', (error) => response.writeHead(502).end(String(error)))
    request.pipe(outgoing)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => proxy.close(() => resolve())))
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, forwarded, refused }
}

/** Opens one operation of the page, presses "Try it out" then "Execute"; the request URL and status Swagger UI shows. */
async function tryItOut (page: Page, path: string): Promise<{ requestUrl: string, status: string, body: string }> {
  const operation = page.locator(`.opblock:has(.opblock-summary-path[data-path="${path}"])`).first()
  await operation.locator('.opblock-summary').click()
  await operation.locator('.try-out__btn').click()
  await operation.locator('.execute').click()
  const response = operation.locator('.live-responses-table .response').first()
  await response.waitFor({ timeout: RENDERED_WITHIN_MS })
  return {
    requestUrl: (await operation.locator('.request-url pre').textContent()) ?? '',
    status: ((await response.locator('.response-col_status').textContent()) ?? '').trim(),
    body: (await response.locator('.response-col_description .microlight, .response-col_description pre').first().textContent()) ?? ''
  }
}

t.test('"Try it out" calls the port the page came from', { skip }, async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  t.not(new URL(base).port, '3000', `a port of its own: ${base}`)

  const page = await (await launchChromium(t)).newPage()
  await page.goto(`${base}/docs`)
  await page.locator('.opblock').first().waitFor({ timeout: RENDERED_WITHIN_MS })
  const ready = await tryItOut(page, '/health/ready')
  t.equal(ready.requestUrl, `${base}/health/ready`)
  t.equal(ready.status, '200')
  t.match(ready.body, version, 'the answer is rendered')
})

t.test('behind a proxy that strips BASE_PATH, the page and "Try it out" go through the proxy', { skip }, async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir, env: { BASE_PATH: '/shopper' } })
  const proxy = await startProxy(t, '/shopper', await app.listen({ port: 0, host: '127.0.0.1' }))

  const page = await (await launchChromium(t)).newPage()
  const failed: string[] = []
  page.on('requestfailed', (request) => failed.push(request.url()))
  page.on('response', (response) => { if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`) })
  // without the trailing slash: the page links to its files by absolute paths, which carry the prefix
  await page.goto(`${proxy.url}/shopper/docs`)
  await page.locator('.opblock').first().waitFor({ timeout: RENDERED_WITHIN_MS })

  const segments = await tryItOut(page, '/segments')
  t.equal(segments.requestUrl, `${proxy.url}/shopper/segments`)
  t.equal(segments.status, '200')
  t.match(segments.body, version, 'the answer is rendered')
  t.match(segments.body, 'High-Value')
  t.ok(proxy.forwarded.includes('GET /segments'), 'the call went through the proxy')
  t.ok(proxy.forwarded.includes('GET /docs/json'), 'and so did the document')
  t.same(proxy.refused, [], 'nothing was asked outside /shopper')
  t.same(failed, [], 'nothing failed to load')
})
