// Swagger UI at /docs in a real browser (Debian's chromium driven by playwright-core) under the
// service's Content-Security-Policy: the page renders every operation and a schema, nothing is
// refused by the policy, nothing is loaded from elsewhere, and another site cannot frame it.
// Skipped when chromium is not installed, but not in CI (test/helpers/system-tools.ts).
import t from 'tap'
import { type Browser } from 'playwright-core'
import { build } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'

const skip = skipWithoutChromium('apt-get install -y chromium: the browser test of /docs is skipped')

t.test('Swagger UI works under its CSP and cannot be framed', { skip }, async (t) => {
  const dir = t.testdir()
  await publishFixture(dir)
  const app = await build(t, { artifactsDir: dir })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const operations = Object.values((app.swagger() as unknown as { paths: Record<string, object> }).paths)
    .reduce((count, methods) => count + Object.keys(methods).length, 0)

  const browser: Browser = await launchChromium(t)
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  t.teardown(() => context.close())

  const problems: string[] = []
  const external: string[] = []
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith(base) || url.startsWith('data:')) return route.continue()
    external.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))

  await page.goto(`${base}/docs/`)
  await page.locator('.opblock').first().waitFor({ timeout: 15_000 })
  t.equal(await page.locator('.opblock').count(), operations, 'every operation is rendered')
  t.match(await page.locator('.info .title').textContent(), /Shopper Spectrum API/)

  // open one operation: its parameters and responses render (models, examples)
  await page.locator('.opblock-summary-path[data-path="/recommendations/{product}"]').first().click()
  await page.locator('.opblock.is-open .parameters').waitFor()
  t.match(await page.locator('.opblock.is-open .responses-table').textContent(), /405|414|431|400/, 'the documented error responses are listed')

  // "Try it out" talks to this origin: connect-src allows it
  const live = await page.evaluate(async () => (await fetch('/health/live')).status)
  t.equal(live, 200)

  t.same(problems, [], 'no console error, nothing refused by the CSP')
  t.same(external, [], 'nothing requested from another origin')

  // framed by another origin (this test's own data: page): the browser refuses to render it
  const framing = await context.newPage()
  const refused: string[] = []
  framing.on('console', (message) => refused.push(message.text()))
  await framing.setContent(`<iframe id="docs" src="${base}/docs/" width="800" height="600"></iframe>`)
  await framing.waitForTimeout(1500)
  const framed = framing.frames().find((frame) => frame.url().startsWith(`${base}/docs`))
  const rendered = framed ? await framed.locator('.opblock').count().catch(() => 0) : 0
  t.equal(rendered, 0, 'nothing of Swagger UI renders inside another site\'s frame')
  t.ok(refused.some((text) => /frame-ancestors|X-Frame-Options|Refused to (display|frame)/i.test(text)), `the browser says why: ${refused.join(' | ').slice(0, 200)}`)
})
