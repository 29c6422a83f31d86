// The customers tools against a service with API keys, in Chromium: the requests api.js's
// requestJson cannot make (services/public/csv-request.js) carry the key the page was given: a
// CSV file's upload (POST /segments, text/csv) and an audience's CSV download (a plain link cannot
// send a bearer token, so the page fetches the file and hands it over as a Blob). Skipped when
// chromium is not installed (CI installs it).
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { type Browser, type Request } from 'playwright-core'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'
import { build, TEST_API_KEYS, TEST_API_KEYS_SETTING } from '../helpers/build.js'
import { publishFixture } from '../helpers/fixtures.js'

const skip = skipWithoutChromium()

t.test('the customers tools send the API key', { skip }, async (t) => {
  const artifactsDir = t.testdir()
  const published = await publishFixture(artifactsDir)
  const app = await build(t, { artifactsDir, env: { API_KEYS: TEST_API_KEYS_SETTING } })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const browser: Browser = await launchChromium(t)
  const context = await browser.newContext()
  t.teardown(() => context.close())
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  const sent: Request[] = []
  page.on('request', (request) => { if (request.url().includes('/segments')) sent.push(request) })

  await page.goto(`${base}/`)
  const dialog = page.locator('dialog.key-dialog')
  await dialog.locator('input').fill(TEST_API_KEYS.crm)
  await dialog.locator('input').press('Enter')
  await page.locator('#model-status .version').filter({ hasText: published.version }).waitFor()

  // a CSV file: POST /segments as text/csv, with the key
  await page.locator('#batch-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from('id,recency,frequency,monetary\n12347,2,7,4310\nA1,300,1,150\n') })
  await page.locator('#batch-form button[type="submit"]').click()
  await page.locator('#batch-result tbody tr').nth(1).waitFor()
  const upload = sent.find((request) => request.method() === 'POST')
  t.equal(upload?.headers()['content-type'], 'text/csv')
  t.equal(upload?.headers().authorization, `Bearer ${TEST_API_KEYS.crm}`, 'the upload carried the key')

  // an audience's CSV: fetched with the key, saved from a Blob
  await page.locator('#audience-segment option').first().waitFor({ state: 'attached' })
  await page.locator('#audience-form button[type="submit"]').click()
  await page.locator('#audience-result tbody tr').first().waitFor()
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#audience-result a.csv-link').click()])
  const file = sent.find((request) => request.url().includes('format=csv'))
  t.equal(file?.headers().authorization, `Bearer ${TEST_API_KEYS.crm}`, 'the download carried the key')
  t.match(download.suggestedFilename(), new RegExp(`-${published.version}\\.csv$`), 'named as the service names it')
  t.match(await readFile(await download.path(), 'utf8'), /^id,recency,frequency,monetary,segment_id,segment/, 'the file, not a 401')
  t.same(errors, [])
})
