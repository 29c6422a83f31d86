// The web page against a service with API keys, in Chromium: the page asks for a key once when the
// API answers 401 (one dialog for every request refused at once), sends it as a bearer token, keeps
// it for the tab (a reload does not ask again), asks again when the key is refused, and shows the
// 403 of a key whose scope is too narrow. Skipped when chromium is not installed (CI installs it).
import t from 'tap'
import { type Browser, type Request } from 'playwright-core'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'
import { build, TEST_API_KEYS, TEST_API_KEYS_SETTING } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'

const skip = skipWithoutChromium()

t.test('the web page asks for an API key when the service needs one', { skip }, async (t) => {
  const artifactsDir = t.testdir()
  const published = await publishFixture(artifactsDir)
  const app = await build(t, { artifactsDir, env: { API_KEYS: TEST_API_KEYS_SETTING } })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser: Browser = await launchChromium(t)

  t.test('asked once, then every request carries the key, for the whole tab', async (t) => {
    const context = await browser.newContext()
    t.teardown(() => context.close())
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const api: Request[] = []
    page.on('request', (request) => { if (!request.url().includes('/assets/') && request.url() !== `${base}/`) api.push(request) })

    await page.goto(`${base}/`)
    const dialog = page.locator('dialog.key-dialog')
    await dialog.waitFor()
    t.equal(await page.locator('dialog.key-dialog').count(), 1, 'one dialog for the requests refused together')
    t.equal(await dialog.locator('input').getAttribute('type'), 'password', 'the key is not shown as it is typed')
    await dialog.locator('input').fill(TEST_API_KEYS.crm)
    await dialog.locator('input').press('Enter')
    await page.locator('#model-status .version').filter({ hasText: published.version }).waitFor()
    t.equal(await page.locator('dialog.key-dialog').count(), 0, 'the dialog is gone')

    // a customer: crm
    await page.locator('#customer-id').fill('12347')
    await page.locator('#customer-form button[type=submit]').click()
    await page.locator('#customer-status').filter({ hasText: 'Customer 12347' }).waitFor()
    const withKey = api.filter((request) => request.headers().authorization === `Bearer ${TEST_API_KEYS.crm}`)
    t.ok(withKey.some((request) => request.url().includes('/customers/12347')), 'the customer request carried the key')
    t.ok(withKey.some((request) => request.url().endsWith('/models/active')), 'so did the header\'s')

    // a reload: the key is kept in sessionStorage, nothing is asked
    await page.reload()
    await page.locator('#model-status .version').filter({ hasText: published.version }).waitFor()
    t.equal(await page.locator('dialog.key-dialog').count(), 0, 'not asked again in this tab')
    t.same(errors, [], 'no page errors')
  })

  t.test('a refused key is asked for again; a storefront key sees the 403 on a customer', async (t) => {
    const context = await browser.newContext()
    t.teardown(() => context.close())
    const page = await context.newPage()
    await page.goto(`${base}/`)
    const dialog = page.locator('dialog.key-dialog')
    await dialog.locator('input').fill('not-a-key-of-this-service-0123')
    await dialog.locator('input').press('Enter')
    await dialog.filter({ hasText: 'did not accept that key' }).waitFor()
    await dialog.locator('input').fill(TEST_API_KEYS.storefront)
    await dialog.locator('input').press('Enter')
    await page.locator('#model-status .version').filter({ hasText: published.version }).waitFor()

    await page.locator('#customer-id').fill('12347')
    await page.locator('#customer-form button[type=submit]').click()
    await page.locator('#customer-result').filter({ hasText: 'a storefront key may not call GET /customers/:id' }).waitFor()
    t.pass('the 403\'s message is shown')
    t.equal(await page.locator('dialog.key-dialog').count(), 0, 'a 403 does not ask for another key')
  })
})
