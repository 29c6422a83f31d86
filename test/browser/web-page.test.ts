// The web page in a real browser (Debian's chromium driven by playwright-core) against the service
// on a random port, with a model trained on the bundled UCI Online Retail data: suggestions as you
// type, picking one by keyboard and by tap, the recommendations (and a popularity fallback, a 404
// and a network failure shown as messages), the segmentation form with its validation and chart,
// the customers tools (a customer's RFM values, previous segment and value estimates; an audience
// page by page and its CSV link; a CSV file classified, and a bad row's message; who moved), at a
// desktop and a phone viewport; no request leaves the origin. Screenshots go to
// test/screenshots/ (git-ignored) for a person to look at. Skipped when chromium is not installed
// (CI installs it).
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { launchChromium, skipWithoutChromium } from '../helpers/chromium.js'
import t from 'tap'
import { type Browser, type BrowserContext, type Page } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { PROJECT_ROOT } from '../../lib/project-root.js'
import { REPORT_FILE, encodeModelFiles, publishVersion } from '../../lib/artifacts/index.js'
import { purchasesOf } from '../../lib/recommend/index.js'
import { trainAndPublish } from '../../trainer/train.js'
import { build } from '../helpers/build.js'
import { findCustomer } from '../../services/domain/customer-lookup.js'
import { formatExpected, formatMoney, formatScore, plural } from '../../services/public/format.js'
import { fixtureManifestDraft, fixtureModelFiles, publishFixture } from '../helpers/fixtures.js'

// The browser globals the evaluate() callbacks below use: they run in Chromium, but the project's
// TypeScript has no DOM library, so these few are declared here (module-local, types only).
declare const document: {
  documentElement: { scrollWidth: number }
  activeElement: { textContent: string | null } | null
  querySelectorAll: (selector: string) => ArrayLike<{ scrollWidth: number, clientWidth: number }> & Iterable<{ scrollWidth: number, clientWidth: number }>
}
declare const window: { innerWidth: number }
declare function getComputedStyle (node: unknown): { color: string, fill: string, fontSize: string }

const SCREENSHOTS = path.join(PROJECT_ROOT, 'test', 'screenshots')
const skip = skipWithoutChromium()

interface RecommendationsAnswer { product: { code: string, description: string }, fallback: boolean, recommendations: Array<{ code: string, description: string, score: number, sharedCustomers: number, source: string }> }
interface SearchAnswer { matches: Array<{ code: string, description: string }> }

/** Console errors and requests to other origins, collected per page. */
interface Watch { errors: string[], external: string[] }

async function openPage (context: BrowserContext, base: string): Promise<{ page: Page, watch: Watch }> {
  const watch: Watch = { errors: [], external: [] }
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (url.startsWith(base)) return route.continue()
    watch.external.push(url)
    return route.abort('blockedbyclient')
  })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error') watch.errors.push(`${message.text()} (${message.location().url})`)
  })
  page.on('pageerror', (error) => watch.errors.push(`page error: ${error.message}`))
  return { page, watch }
}

/** The recommendations table as text: [description, code, similarity, bought both] per row. */
async function recommendationRows (page: Page): Promise<string[][]> {
  return page.locator('#recommendations tbody tr').evaluateAll((rows) => rows.map((row) => {
    const cells = row.querySelectorAll('td')
    return [
      cells[0].querySelector('button')?.textContent ?? '',
      cells[0].querySelector('.code')?.textContent ?? '',
      (cells[1].querySelector('.score')?.firstChild?.textContent ?? cells[1].textContent ?? '').trim(),
      (cells[2].textContent ?? '').replace(/\D/g, '')
    ]
  }))
}

/** The fallback's table: [rank, description, code] per row. */
async function popularRows (page: Page): Promise<string[][]> {
  return page.locator('#recommendations table.is-fallback tbody tr').evaluateAll((rows) => rows.map((row) => [
    row.querySelector('td')?.textContent ?? '',
    row.querySelector('button')?.textContent ?? '',
    row.querySelector('.code')?.textContent ?? ''
  ]))
}

function expectedRows (answer: RecommendationsAnswer): string[][] {
  return answer.recommendations.map((r) => r.source === 'popular'
    ? [r.description, r.code, '—', '']
    : [r.description, r.code, formatScore(r.score), String(r.sharedCustomers)])
}

async function noHorizontalOverflow (page: Page): Promise<{ page: number, viewport: number, tables: number[] }> {
  return page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: window.innerWidth,
    tables: [...document.querySelectorAll('.table-scroll')].map((node) => node.scrollWidth - node.clientWidth)
  }))
}

t.test('the web page in Chromium, on a model trained on the real data', { skip }, async (t) => {
  const artifactsDir = t.testdir()
  const trained = await trainAndPublish({ out: artifactsDir })
  // a second version, not LATEST, with a report shaped like the trainer's (inline <style>, SVG
  // with style attributes): it must render under the report's CSP
  const fixture = fixtureModelFiles()
  const { purchases: _purchases, ...withoutPurchases } = fixture
  const withReport = await publishVersion(artifactsDir, {
    ...encodeModelFiles(withoutPurchases),
    [REPORT_FILE]: '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>' +
      '<style>h1{color:rgb(194, 65, 12)}</style></head><body><h1>Training report</h1>' +
      '<svg width="200" height="60"><rect id="bar" width="150" height="40" style="fill:rgb(78, 121, 167)"/></svg></body></html>'
  }, fixtureManifestDraft(fixture), { updateLatest: false, now: new Date(Date.parse(trained.manifest.createdAt) - 60_000) })

  const app: FastifyInstance = await build(t, { artifactsDir })
  t.equal(app.modelStore.current()?.version, trained.version, 'the real-data version serves')
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const hasReport = REPORT_FILE in trained.manifest.files

  const api = async <T>(url: string, init: { method?: 'GET' | 'POST', payload?: object } = {}): Promise<T> => {
    const response = await app.inject({ url, method: init.method ?? 'GET', payload: init.payload })
    return response.json() as T
  }
  // a real product the co-purchase data cannot speak for: its answer is the popularity fallback
  const model = app.modelStore.current()
  if (!model) throw new Error('no model loaded')
  const lonely = model.products.findIndex((product, i) => product.recommendable && model.recommender.offsets[i + 1] === model.recommender.offsets[i])
  t.ok(lonely >= 0, 'the real data has a product without neighbours')
  const lonelyCode = model.products[lonely].code

  await mkdir(SCREENSHOTS, { recursive: true })
  const browser: Browser = await launchChromium(t)

  t.test('desktop: type, pick with the keyboard, see the recommendations; segment a customer', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').filter({ hasText: trained.version }).waitFor()
    t.match(await page.locator('#model-status').textContent(), /4,3\d\d customers in \d+ segments/)
    if (hasReport) {
      await page.locator('#report-link').waitFor()
      t.equal(await page.locator('#report-link').getAttribute('href'), `/models/${trained.version}/report`)
    } else {
      await page.locator('#report-missing').waitFor()
      t.equal(await page.locator('#report-missing').textContent(), 'No training report for this version')
    }
    t.equal(await page.locator('a[href="/docs"]').textContent(), 'API docs')

    // suggestions as you type (debounced): what the API finds for the partial name, in order
    const input = page.locator('#product-input')
    await input.pressSequentially('hanging hea', { delay: 40 })
    const expected = await api<SearchAnswer>('/products?q=hanging%20hea&limit=8')
    t.equal(expected.matches[0].description, 'WHITE HANGING HEART T-LIGHT HOLDER')
    await page.locator('#product-options [role="option"]').first().waitFor()
    t.same(await page.locator('#product-options .option-name').allTextContents(), expected.matches.map((m) => m.description))
    t.equal(await input.getAttribute('aria-expanded'), 'true')
    t.match(await page.locator('#product-status').textContent(), /8 suggestions/)

    await input.press('ArrowDown')
    t.equal(await input.getAttribute('aria-activedescendant'), 'product-option-0')
    t.equal(await page.locator('#product-option-0').getAttribute('aria-selected'), 'true')
    await input.press('Enter')
    await page.locator('#recommendations tbody tr').first().waitFor()
    t.equal(await input.inputValue(), 'WHITE HANGING HEART T-LIGHT HOLDER')
    t.equal(await input.getAttribute('aria-expanded'), 'false')
    t.equal(await page.locator('#recommendations h3').textContent(), 'Bought with WHITE HANGING HEART T-LIGHT HOLDER 85123A')
    t.equal(await page.locator('#recommendations h3 q').textContent(), 'WHITE HANGING HEART T-LIGHT HOLDER', 'the name in quotation marks')
    const answer = await api<RecommendationsAnswer>('/recommendations/85123A?limit=10')
    t.equal(answer.fallback, false)
    t.equal(answer.recommendations.length, 10)
    t.same(await recommendationRows(page), expectedRows(answer), 'each similar product with its score and customers who bought both')
    t.equal(await page.locator('#recommendations .note-fallback').count(), 0)

    // a recommended product's name shows its own recommendations
    const second = answer.recommendations[0]
    await page.locator('#recommendations tbody button').first().click()
    await page.locator('#recommendations h3').filter({ hasText: second.code }).waitFor()
    t.same(await recommendationRows(page), expectedRows(await api<RecommendationsAnswer>(`/recommendations/${second.code}?limit=10`)))
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-recommendations.png'), fullPage: true })

    // a product without co-purchase data: popular products, with a visible note
    await input.fill('')
    await input.pressSequentially(lonelyCode, { delay: 20 })
    await page.locator('#product-options .option-meta').filter({ hasText: `${lonelyCode} ·` }).first().waitFor()
    await page.locator('#product-options [role="option"]').filter({ hasText: `${lonelyCode} ·` }).first().click()
    await page.locator('#recommendations .note-fallback').waitFor()
    const fallback = await api<RecommendationsAnswer>(`/recommendations/${encodeURIComponent(lonelyCode)}?limit=10`)
    t.equal(fallback.fallback, true)
    t.match(await page.locator('#recommendations .note-fallback').textContent(), /Popular products instead\. Too few customers bought this product/)
    t.ok(fallback.recommendations.every((r) => r.source === 'popular'))
    t.same(await popularRows(page), fallback.recommendations.map((r, i) => [String(i + 1), r.description, r.code]), 'the best-sellers, ranked, without empty score columns')
    t.same(await page.locator('#recommendations thead th').allTextContents(), ['Rank', 'Popular product'])
    await page.locator('#recommendations').screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-fallback.png') })

    // no match: said so, not a blank
    await input.fill('zzqxv')
    await page.locator('#product-status').filter({ hasText: 'No product matches “zzqxv”' }).waitFor()
    t.equal(await page.locator('#product-options [role="option"]').count(), 0)

    const reportProbe = `/models/${trained.version}/report`
    const unexpected = (errors: string[]): string[] => errors.filter((e) => !(e.includes('404') && e.includes(reportProbe) && !hasReport))
    t.same(unexpected(watch.errors), [], 'no console error so far (but the report probe\'s 404 when there is no report)')
    const errorsBefore = watch.errors.length

    // a 404 from the API (the request is sent on to an unknown code) and a network failure: messages
    await page.route('**/recommendations/**', (route) => route.continue({ url: `${base}/recommendations/NOSUCHCODE` }))
    await input.fill('')
    await input.pressSequentially('hanging hea', { delay: 20 })
    await page.locator('#product-option-0').click()
    await page.locator('#recommendations .message-error').waitFor()
    t.equal(await page.locator('#recommendations .message-error').textContent(),
      `Could not get recommendations: product "NOSUCHCODE" is not in the catalogue of model version ${trained.version}`)
    t.equal(await page.locator('#recommendations .message-error').getAttribute('role'), 'alert')
    await page.unroute('**/recommendations/**')
    await page.route('**/recommendations/**', (route) => route.abort('internetdisconnected'))
    await input.fill('')
    await input.pressSequentially('cakestand', { delay: 20 })
    await page.locator('#product-option-0').click()
    await page.locator('#recommendations .message-error').filter({ hasText: 'Could not reach the service' }).waitFor()
    await page.unroute('**/recommendations/**')
    t.equal(watch.errors.length - errorsBefore, 2, 'the browser logged the two failures it was made to see')
    watch.errors.splice(errorsBefore)
    // back to a product with recommendations, for the screenshot
    await input.fill('')
    await input.pressSequentially('hanging hea', { delay: 20 })
    await page.locator('#product-option-0').click()
    await page.locator('#recommendations tbody tr').first().waitFor()

    // segmentation: validation first, then a customer, compared with the API's answer
    await page.locator('#recency').fill('soon')
    await page.locator('#frequency').fill('0')
    await page.locator('#segment-form button[type="submit"]').click()
    t.equal(await page.locator('#recency-error').textContent(), 'Recency must be a number, like 30.')
    t.equal(await page.locator('#frequency-error').textContent(), 'Frequency must be at least 1: every customer has one order or more.')
    t.equal(await page.locator('#monetary-error').textContent(), 'Enter the total spent, in pounds.')
    t.equal(await page.locator('#recency').getAttribute('aria-invalid'), 'true')
    t.ok(await page.locator('#recency').evaluate((node) => node === document.activeElement), 'the first wrong field has the focus')
    t.equal(await page.locator('#segment-result').textContent(), '', 'nothing was sent')

    for (const customer of [{ recency: 30, frequency: 5, monetary: 1200 }, { recency: 2, frequency: 7, monetary: 4310 }, { recency: 300, frequency: 1, monetary: 150 }]) {
      await page.locator('#recency').fill(String(customer.recency))
      await page.locator('#frequency').fill(String(customer.frequency))
      await page.locator('#monetary').fill(`£${customer.monetary.toLocaleString('en-GB')}`)
      await page.locator('#segment-form button[type="submit"]').click()
      const { segment } = await api<{ segment: { id: number, label: string, description: string, action: string } }>('/segments', { method: 'POST', payload: customer })
      await page.locator('#segment-result .segment-label').filter({ hasText: segment.label }).waitFor()
      t.equal(await page.locator('#segment-result .segment-label').textContent(), segment.label, `${JSON.stringify(customer)} → ${segment.label}`)
      t.equal(await page.locator('#segment-result .segment-description').textContent(), segment.description)
      t.equal(await page.locator('#segment-result .action p').textContent(), segment.action)
      const segments = (await api<{ segments: Array<{ label: string }> }>('/segments')).segments
      await page.locator('#segment-result svg').waitFor()
      t.equal(await page.locator('#segment-result svg circle').count(), segments.length, 'one circle per segment')
      t.equal(await page.locator('#segment-result svg circle.is-current').count(), 1, 'the customer\'s segment is highlighted')
      t.equal(await page.locator('#segment-result svg .customer-marker').count(), 1)
      t.match(await page.locator('#segment-result svg').getAttribute('aria-label'), new RegExp(`is in ${segment.label}\\.$`))
      t.same(await page.locator('#segment-result tbody tr.is-current th .nowrap').allTextContents(), [segment.label])
      t.same((await page.locator('#segment-result tbody th .nowrap').allTextContents()), segments.map((s) => s.label))
    }
    t.equal(await page.locator('#recency').getAttribute('aria-invalid'), null, 'fixed values lose their error')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-desktop.png'), fullPage: true })

    t.same(watch.external, [], 'no request left the origin')
    t.same(unexpected(watch.errors), [], 'no console error')
  })

  t.test('phone (390×844): tap a suggestion, read the results without sideways scrolling', async (t) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').waitFor()
    const input = page.locator('#product-input')
    await input.tap()
    await input.pressSequentially('hanging hea', { delay: 40 })
    await page.locator('#product-option-0').waitFor()
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-phone-suggestions.png') })
    await page.locator('#product-options [role="option"]').filter({ hasText: 'WHITE HANGING HEART T-LIGHT HOLDER' }).tap()
    await page.locator('#recommendations tbody tr').first().waitFor()
    t.same(await recommendationRows(page), expectedRows(await api<RecommendationsAnswer>('/recommendations/85123A?limit=10')))

    await page.locator('#recency').fill('30')
    await page.locator('#frequency').fill('5')
    await page.locator('#monetary').fill('1200')
    await page.locator('#segment-form button[type="submit"]').tap()
    await page.locator('#segment-result svg').waitFor()
    const { segment } = await api<{ segment: { label: string } }>('/segments', { method: 'POST', payload: { recency: 30, frequency: 5, monetary: 1200 } })
    t.equal(await page.locator('#segment-result .segment-label').textContent(), segment.label)
    const svgWidth = await page.locator('#segment-result svg').evaluate((node) => node.getBoundingClientRect().width)
    t.ok(svgWidth <= 390 && svgWidth >= 260, `the chart fits the screen (${svgWidth}px)`)

    const overflow = await noHorizontalOverflow(page)
    t.equal(overflow.page, overflow.viewport, 'the page is no wider than the phone')
    t.same(overflow.tables, overflow.tables.map(() => 0), 'the tables fit without sideways scrolling')
    const fontSize = await input.evaluate((node) => parseFloat(getComputedStyle(node).fontSize))
    t.ok(fontSize >= 16, 'inputs at 16px: phones do not zoom into them')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-phone.png'), fullPage: true })
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !(e.includes('404') && e.includes('/report') && !hasReport)), [])
  })

  t.test('a customer id: their segment and recommendations, none of what they bought; an unknown id says where to go', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    const requested: string[] = []
    page.on('request', (request) => { if (request.url().includes('/customers/')) requested.push(request.url()) })
    await page.goto(base + '/')
    await page.locator('#model-status .version').waitFor()

    await page.locator('#customer-form button[type="submit"]').click()
    t.equal(await page.locator('#customer-id').getAttribute('aria-invalid'), 'true', 'an empty id is not sent')
    t.equal(requested.length, 0)

    interface CustomerAnswer { id: string, segment: { label: string } }
    interface CustomerRecommendations { customer: { purchasedProducts: number }, fallback: boolean, recommendations: Array<{ code: string, description: string, source: string }> }
    const loaded = model.purchases
    if (!loaded) throw new Error('the real-data version has no purchases')
    for (const id of ['12347', '14911']) {
      await page.locator('#customer-id').fill(id)
      await page.locator('#customer-id').press('Enter')
      const customer = await api<CustomerAnswer>(`/customers/${id}`)
      const answer = await api<CustomerRecommendations>(`/customers/${id}/recommendations?limit=10`)
      await page.locator('#customer-result .kicker').filter({ hasText: `Customer ${id} is` }).waitFor()
      t.equal(await page.locator('#customer-result .segment-label').textContent(), customer.segment.label, `${id}: the segment`)
      t.match(await page.locator('#customer-result .segment-description').textContent(), `${answer.customer.purchasedProducts.toLocaleString('en-GB')} distinct products bought`)
      const codes = await page.locator('#customer-result tbody tr .code').allTextContents()
      t.same(codes, answer.recommendations.map((r) => r.code), `${id}: the route's recommendations, in order`)
      const row = findCustomer(model.customerLookup, id)
      const bought = new Set(Array.from(purchasesOf(loaded.rows, row), (p) => model.products[p].code))
      t.notOk(codes.some((code) => bought.has(code)), `${id}: nothing they bought (${bought.size} products)`)
    }
    t.ok(requested.every((url) => url.startsWith(`${base}/customers/`)), 'relative URLs resolve against the page')
    t.ok(requested.some((url) => /\/customers\/14911\/recommendations\?limit=10&version=/.test(url)), 'recommendations of the version the customer came from')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-customer.png'), fullPage: true })

    await page.locator('#customer-id').fill('99999')
    await page.locator('#customer-form button[type="submit"]').click()
    await page.locator('#customer-result .message-error').waitFor()
    t.match(await page.locator('#customer-result .message-error').textContent(), /customer "99999" is not in the training data/)
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404')), [], 'no console error but the 404s')
  })

  t.test('every control has a label; the page works from the keyboard alone', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 800 } })
    t.teardown(() => context.close())
    const { page } = await openPage(context, base)
    await page.goto(base + '/')
    const unlabelled = await page.locator('input, button, [role="listbox"]').evaluateAll((nodes) => nodes
      .filter((node) => {
        const labels = (node as unknown as { labels?: ArrayLike<unknown> | null }).labels
        return !(labels && labels.length > 0) && !node.getAttribute('aria-label') && !(node.textContent ?? '').trim()
      })
      .map((node) => node.outerHTML.slice(0, 80)))
    t.same(unlabelled, [])
    await page.keyboard.press('Tab') // the skip link
    t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the content')
    await page.locator('#product-input').focus()
    await page.keyboard.type('cakestand')
    await page.locator('#product-option-0').waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowUp')
    t.equal(await page.locator('#product-input').getAttribute('aria-activedescendant'), 'product-option-0')
    await page.keyboard.press('Escape')
    t.equal(await page.locator('#product-input').getAttribute('aria-expanded'), 'false', 'Escape closes the list')
    await page.keyboard.press('Escape')
    t.equal(await page.locator('#product-input').inputValue(), '', 'a second Escape clears the text')
  })

  // ---- the customers tools (issue 11): a customer, audiences, a file of customers, who moved ----

  interface ListingRow { id: string, recency: number, frequency: number, monetary: number, expectedPurchases?: number, pAlive?: number | null, expectedOrderValue?: number, expectedRevenue?: number }
  interface ListingPage { version: string, size: number, value: { horizonDays: number, dropout: string } | null, customers: ListingRow[], nextCursor: string | null }
  interface SegmentSummary { id: number, label: string }
  const segmentList = (await api<{ segments: SegmentSummary[] }>('/segments')).segments
  const atRisk = segmentList.find((s) => s.label === 'At-Risk')
  if (!atRisk) throw new Error('the real data has no At-Risk segment')
  /** A CSV the service made (no quoted fields in these): rows of fields, the header first. */
  const csvRows = (text: string): string[][] => text.split('\r\n').filter((line) => line !== '').map((line) => line.split(','))

  t.test('a customer: RFM values, segment, previous segment and value estimates as the API answers them', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').waitFor()
    interface CustomerAnswer { version: string, id: string, recency: number, frequency: number, monetary: number, segment: SegmentSummary, previous: { version: string, segment: SegmentSummary | null } | null }
    for (const id of ['12347', '12346', '14911']) {
      const customer = await api<CustomerAnswer>(`/customers/${id}`)
      // the value estimates from the whole segment's CSV export: independent of how the page finds them
      const exported = csvRows((await app.inject({ url: `/segments/${customer.segment.id}/customers?format=csv` })).body)
      const header = exported[0]
      const row = exported.find((fields) => fields[0] === id)
      if (!row) throw new Error(`${id} is not in its segment's export`)
      const field = (name: string): string => row[header.indexOf(name)]

      await page.locator('#customer-id').fill(id)
      await page.locator('#customer-id').press('Enter')
      await page.locator('#customer-result .kicker').filter({ hasText: `Customer ${id} is` }).waitFor()
      await page.locator('#customer-result .value-facts').waitFor()
      t.equal(await page.locator('#customer-result .segment-label').textContent(), customer.segment.label, `${id}: the segment`)
      t.same(await page.locator('#customer-result .rfm-facts dd').allTextContents(), [
        `${plural(customer.recency, 'day')} since the last purchase`, plural(customer.frequency, 'order'), `${formatMoney(customer.monetary)} spent`
      ], `${id}: recency, frequency, monetary`)
      const previous = customer.previous
      const expectedPrevious = previous === null
        ? 'No earlier model version to compare with.'
        : previous.segment === null
          ? `New in this version: not a customer in the previous version (${previous.version}).`
          : previous.segment.label === customer.segment.label
            ? `Also ${previous.segment.label} in the previous version (${previous.version}).`
            : `Was ${previous.segment.label} in the previous version (${previous.version}).`
      t.equal(await page.locator('#customer-result .previous-segment').textContent(), expectedPrevious, `${id}: ${expectedPrevious}`)
      t.ok(previous !== null, 'the real-data version has a version before it (the fixture published earlier)')

      const values = await page.locator('#customer-result .value-facts dd').allTextContents()
      t.same(values.slice(0, 3), [
        formatExpected(Number(field('expected_purchases'))), formatMoney(Number(field('expected_revenue'))), formatMoney(Number(field('expected_order_value')))
      ], `${id}: expected purchases, revenue and order value`)
      t.match(await page.locator('#customer-result .facts-title').nth(1).textContent(), /^Value over the next 90 days$/)
      t.equal(field('p_alive'), '', 'Online Retail: dropout is degenerate, no P(alive)')
      t.match(values[3], /^Not estimated: .*dropout is degenerate/, `${id}: P(alive) in words`)
      t.notMatch(values[3], /100|1\.0/, 'never a made-up 100 %')
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-customer-value.png'), fullPage: false })
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404')), [])
  })

  t.test('an audience: a segment sorted and filtered, page by page, and the same list as CSV', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    const requested: string[] = []
    page.on('request', (request) => { if (request.url().includes('/customers?')) requested.push(request.url()) })
    await page.goto(base + '/')
    await page.locator(`#audience-segment option[value="${atRisk.id}"]`).waitFor({ state: 'attached' })
    await page.locator('#audience-segment').selectOption(String(atRisk.id))
    await page.locator('#audience-sort').selectOption('expectedRevenue')

    // a wrong filter is said, not sent
    await page.locator('#audience-minExpectedRevenue').fill('lots')
    await page.locator('#audience-form button[type="submit"]').click()
    t.equal(await page.locator('#audience-minExpectedRevenue-error').textContent(), 'Expected revenue at least must be a number, like 100.')
    t.equal(await page.locator('#audience-minExpectedRevenue').getAttribute('aria-invalid'), 'true')
    t.same(requested, [], 'nothing was sent')

    await page.locator('#audience-minExpectedRevenue').fill('£50')
    await page.locator('#audience-maxRecency').fill('200')
    await page.locator('#audience-form button[type="submit"]').click()
    await page.locator('#audience-result tbody tr').first().waitFor()
    const query = 'sort=expectedRevenue&order=desc&minExpectedRevenue=50&maxRecency=200'
    const first = await api<ListingPage>(`/segments/${atRisk.id}/customers?${query}&limit=25`)
    t.equal(first.customers.length, 25)
    t.ok(first.nextCursor, 'more than one page')
    t.equal(first.value?.dropout, 'degenerate')
    const ids = () => page.locator('#audience-result tbody th button').allTextContents()
    t.same(await ids(), first.customers.map((c) => c.id), 'page 1: the API\'s customers, in its order')
    t.same(await page.locator('#audience-result thead th').allTextContents(),
      ['Customer', 'Last purchase', 'Orders', 'Spent', 'Expected purchases, 90 days', 'Expected revenue, 90 days'], 'no P(alive) column when dropout is degenerate')
    const top = first.customers[0]
    t.same(await page.locator('#audience-result tbody tr').first().locator('td').allTextContents(), [
      `${plural(top.recency, 'day')} ago`, String(top.frequency), formatMoney(top.monetary), formatExpected(top.expectedPurchases!), formatMoney(top.expectedRevenue!)
    ], 'the first row\'s values')
    t.match(await page.locator('#audience-result .listing-summary').textContent(), `${plural(first.size, 'customer')} in At-Risk before the 2 filters; highest expected revenue first.`)
    t.match(await page.locator('#audience-result .note').textContent(), /P\(alive\): not estimated/)
    t.ok(await page.locator('#audience-minPAlive').isHidden(), 'no P(alive) filter where there is no P(alive)')
    t.ok(await page.locator('#audience-p-alive-note').isVisible())

    // the next page by the cursor, of the same version; back again
    await page.locator('#audience-result .pager button').filter({ hasText: 'Next page' }).click()
    await page.locator('#audience-result .range').filter({ hasText: 'customers 26–50' }).waitFor()
    const second = await api<ListingPage>(`/segments/${atRisk.id}/customers?${query}&version=${trained.version}&limit=25&cursor=${encodeURIComponent(first.nextCursor!)}`)
    t.same(await ids(), second.customers.map((c) => c.id), 'page 2: the next page of the API\'s')
    t.ok(requested.at(-1)?.includes(`cursor=${encodeURIComponent(first.nextCursor!)}`) && requested.at(-1)?.includes(`version=${trained.version}`), 'asked with the cursor and the first page\'s version')
    t.equal(await page.locator('#audience-result .results-title').evaluate((node) => node === document.activeElement), true, 'the focus moves to the new page\'s title')
    t.equal(await page.locator('#audience-status').textContent(), 'Page 2: customers 26–50.')
    await page.locator('#audience-result .pager button').filter({ hasText: 'Previous page' }).click()
    await page.locator('#audience-result .range').filter({ hasText: 'customers 1–25' }).waitFor()
    t.same(await ids(), first.customers.map((c) => c.id), 'back on page 1')
    t.ok(requested.every((url) => url.startsWith(`${base}/segments/${atRisk.id}/customers?`)), 'relative URLs')

    // the CSV link: the same list, same sort and filters, all of it
    const link = page.locator('#audience-result a.csv-link')
    const href = await link.getAttribute('href')
    if (href === null) throw new Error('no CSV link')
    t.notMatch(href, /^(\/|[a-z]+:)/, `a relative link (${href})`)
    const url = new URL(href, base + '/')
    t.equal(url.pathname, `/segments/${atRisk.id}/customers`)
    t.same(Object.fromEntries(url.searchParams), { sort: 'expectedRevenue', order: 'desc', minExpectedRevenue: '50', maxRecency: '200', version: trained.version, format: 'csv' }, 'the filters and the version, no page')
    const response = await fetch(url)
    t.equal(response.status, 200)
    t.match(response.headers.get('content-type'), /^text\/csv/)
    const rows = csvRows(await response.text())
    t.same(rows[0], ['id', 'recency', 'frequency', 'monetary', 'segment_id', 'segment', 'expected_purchases', 'p_alive', 'expected_order_value', 'expected_revenue'], 'a header')
    t.same(rows.slice(1, 51).map((r) => r[0]), [...first.customers, ...second.customers].map((c) => c.id), 'in the order of the pages')
    t.ok(rows.slice(1).every((r) => Number(r[9]) >= 50 && Number(r[1]) <= 200), 'filtered as on screen')
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    t.equal(download.suggestedFilename(), `at-risk-${trained.version}.csv`, 'a click downloads the file the service names')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-audience.png'), fullPage: false, clip: await page.locator('#audiences').boundingBox() ?? undefined })

    // a customer of the list: looked up
    await page.locator('#audience-result tbody th button').first().click()
    await page.locator('#customer-result .kicker').filter({ hasText: `Customer ${top.id} is` }).waitFor()
    t.equal(await page.locator('#customer-id').inputValue(), top.id, 'the id is filled in')
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404')), [])
  })

  t.test('a file of customers: each one\'s segment, the answers as CSV, and a bad row\'s message', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').waitFor()

    await page.locator('#batch-form button[type="submit"]').click()
    t.equal(await page.locator('#batch-status').textContent(), 'Choose a CSV file first.')
    t.equal(await page.locator('#batch-file').getAttribute('aria-invalid'), 'true')

    const csv = 'id,recency,frequency,monetary\r\n12347,2,7,4310\r\nA1,30,5,1200\r\n"B,2",300,1,150\r\n=cmd,3,2,10\r\n'
    const expected = (await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'text/csv' }, payload: csv })).json() as { version: string, results: Array<{ id: string, segment: number, label: string }> }
    await page.locator('#batch-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.locator('#batch-form button[type="submit"]').click()
    await page.locator('#batch-result tbody tr').first().waitFor()
    const table = await page.locator('#batch-result tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent ?? '')))
    t.same(table, expected.results.map((r, i) => [String(i + 1), r.id, r.label]), 'each row\'s segment, in the file\'s order')
    t.equal(await page.locator('#batch-status').textContent(), '4 customers classified.')
    const downloadLink = page.locator('#batch-result a.batch-download')
    t.match(await downloadLink.getAttribute('href'), /^blob:/, 'made in the page')
    const [download] = await Promise.all([page.waitForEvent('download'), downloadLink.click()])
    t.equal(download.suggestedFilename(), `crm-segments-${expected.version}.csv`)
    const saved = await readFile(await download.path(), 'utf8')
    t.equal(saved, 'id,segment_id,segment\r\n' + expected.results.map((r) => `${r.id.includes(',') ? `"${r.id}"` : r.id.startsWith('=') ? `'${r.id}` : r.id},${r.segment},${r.label}\r\n`).join(''),
      'the answers as CSV: quoted where needed, no formula')
    await page.locator('#batch-result').screenshot({ path: path.join(SCREENSHOTS, 'web-desktop-batch.png') })

    const bad = 'id,recency,frequency,monetary\n12347,2,7,4310\nA1,30,0,1200\n'
    const refused = (await app.inject({ method: 'POST', url: '/segments', headers: { 'content-type': 'text/csv' }, payload: bad })).json() as { message: string }
    t.equal(refused.message, 'row 2 (id "A1"), line 3: frequency must be a finite number ≥ 1, got "0"')
    await page.locator('#batch-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) })
    await page.locator('#batch-form button[type="submit"]').click()
    await page.locator('#batch-result .message-error').waitFor()
    t.equal(await page.locator('#batch-result .message-error').textContent(), `Could not classify bad.csv: ${refused.message}`, 'the service\'s message for the bad row')
    t.equal(await page.locator('#batch-result .message-error').getAttribute('role'), 'alert')
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404') && !e.includes('400')), [], 'no console error but the refused file\'s 400')
  })

  t.test('who moved: the from × to table from the version before, and a count\'s movers', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').waitFor()
    interface Transitions { from: string, version: string, customers: { inBoth: number, sameSegment: number }, segments: { previous: string[], current: string[] }, transitions: Array<{ from: string, to: string, customers: number }> }
    const answer = await api<Transitions>('/segments/transitions')
    t.equal(answer.from, withReport.version, 'from the version published before')
    await page.locator('#transitions-button').click()
    await page.locator('#transitions-result table').waitFor()
    const cells = await page.locator('#transitions-result tbody tr:not(.new-row)').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')))
    const count = (from: string, to: string): number => answer.transitions.find((x) => x.from === from && x.to === to)?.customers ?? 0
    t.same(cells.map((row) => row.slice(0, answer.segments.current.length)), answer.segments.previous.map((from) => answer.segments.current.map((to) => String(count(from, to)))), 'each from × to count')
    const moved = answer.transitions.find((x) => x.from !== x.to && x.customers > 0)
    if (moved) {
      await page.locator('#transitions-result button').filter({ hasText: String(moved.customers) }).first().click()
      await page.locator('#movers-result .results-title').filter({ hasText: `${moved.from} → ${moved.to}` }).waitFor()
      const movers = await api<ListingPage>(`/segments/transitions/customers?from=${answer.from}&fromSegment=${encodeURIComponent(moved.from)}&toSegment=${encodeURIComponent(moved.to)}&sort=monetary&order=desc&limit=25`)
      t.same(await page.locator('#movers-result tbody th button').allTextContents(), movers.customers.map((c) => c.id), 'the movers, as the API lists them')
      const href = await page.locator('#movers-result a.csv-link').getAttribute('href')
      const params = Object.fromEntries(new URL(href ?? '', base + '/').searchParams)
      t.match(params, { from: answer.from, fromSegment: moved.from, toSegment: moved.to, format: 'csv' }, 'their CSV link')
    } else {
      t.comment('no customer changed segment between the fixture and the real-data version')
    }
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404')), [])
  })

  t.test('phone (390×844): the customers tools fit without sideways scrolling', async (t) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#customer-id').fill('12347')
    await page.locator('#customer-form button[type="submit"]').tap()
    await page.locator('#customer-result .value-facts').waitFor()
    await page.locator(`#audience-segment option[value="${atRisk.id}"]`).waitFor({ state: 'attached' })
    await page.locator('#audience-segment').selectOption(String(atRisk.id))
    await page.locator('#audience-sort').selectOption('expectedRevenue')
    await page.locator('#audience-form button[type="submit"]').tap()
    await page.locator('#audience-result tbody tr').first().waitFor()
    await page.locator('#batch-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from('id,recency,frequency,monetary\n12347,2,7,4310\nA1,30,5,1200\n') })
    await page.locator('#batch-form button[type="submit"]').tap()
    await page.locator('#batch-result tbody tr').first().waitFor()
    await page.locator('#transitions-button').tap()
    await page.locator('#transitions-result table').waitFor()
    const overflow = await noHorizontalOverflow(page)
    t.equal(overflow.page, overflow.viewport, 'the page is no wider than the phone')
    t.same(overflow.tables, overflow.tables.map(() => 0), 'the tables fit without sideways scrolling')
    await page.locator('#audiences').screenshot({ path: path.join(SCREENSHOTS, 'web-phone-audience.png') })
    await page.screenshot({ path: path.join(SCREENSHOTS, 'web-phone-customers.png'), fullPage: true })
    t.same(watch.external, [])
    t.same(watch.errors.filter((e) => !e.includes('404')), [])
  })

  t.test('the header follows a new model version once an answer comes from it', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } })
    t.teardown(() => context.close())
    const { page } = await openPage(context, base)
    await page.goto(base + '/')
    await page.locator('#model-status .version').filter({ hasText: trained.version }).waitFor()
    const next = await publishFixture(artifactsDir, { now: new Date() })
    await app.modelStore.refresh()
    t.equal(app.modelStore.current()?.version, next.version)
    await page.locator('#product-input').pressSequentially('cake', { delay: 20 })
    await page.locator('#product-option-0').waitFor()
    await page.locator('#model-status .version').filter({ hasText: next.version }).waitFor()
    t.match(await page.locator('#model-status').textContent(), /12 customers in 3 segments/)
  })

  t.test('a training report renders under its Content-Security-Policy', async (t) => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 } })
    t.teardown(() => context.close())
    const { page, watch } = await openPage(context, base)
    const response = await page.goto(`${base}/models/${withReport.version}/report`)
    t.equal(response?.status(), 200)
    t.equal(await page.locator('h1').evaluate((node) => getComputedStyle(node).color), 'rgb(194, 65, 12)', 'the inline stylesheet applies')
    t.equal(await page.locator('#bar').evaluate((node) => getComputedStyle(node).fill), 'rgb(78, 121, 167)', 'SVG style attributes apply')
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-csp.png') })
    if (hasReport) {
      const real = await page.goto(`${base}/models/${trained.version}/report`)
      t.equal(real?.status(), 200, 'the trainer\'s report is served')
      t.ok(await page.locator('svg').count() > 0, 'with its charts')
      await page.screenshot({ path: path.join(SCREENSHOTS, 'report-real.png'), fullPage: false })
    }
    t.same(watch.errors, [], 'no CSP violation or other console error')
    t.same(watch.external, [])
  })
})
