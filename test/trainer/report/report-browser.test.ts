// Looks at the real-data report the way a person would: in headless Chromium, at desktop and
// phone width, with full-page screenshots in test/screenshots/ (git-ignored) for a human to check.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { skipWithout } from '../../helpers/system-tools.js'
import t from 'tap'
import { chromium, type Browser } from 'playwright-core'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { evaluateRecommendations } from '../../../trainer/evaluate/index.js'
import { buildReport } from '../../../trainer/report/index.js'
import { loadRealReportInput } from './real-input.js'

const CHROMIUM = '/usr/bin/chromium'
const SCREENSHOTS = path.join(PROJECT_ROOT, 'test', 'screenshots')
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900, deviceScaleFactor: 1 },
  { name: 'phone', width: 390, height: 844, deviceScaleFactor: 2 }
] as const
// Run in the page (as strings: the project compiles without the DOM library).
const PAGE_OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth'
const MEASURE_CHARTS = `[...document.querySelectorAll('figure.chart')].map((figure) => {
  const svg = figure.querySelector('svg')
  const box = svg.getBoundingClientRect()
  const fonts = [...svg.querySelectorAll('text')].map((text) => parseFloat(text.getAttribute('font-size')))
  return { id: figure.id, width: box.width, height: box.height, figureWidth: figure.getBoundingClientRect().width, scale: box.width / svg.viewBox.baseVal.width, smallestFont: Math.min(...fonts) }
})`
const PRINT_STYLES = '({ nav: getComputedStyle(document.querySelector(\'nav\')).display, figure: getComputedStyle(document.querySelector(\'figure.chart\')).breakInside })'

interface ChartBox { id: string, width: number, height: number, figureWidth: number, scale: number, smallestFont: number }

/** The least a chart's text may shrink to once the SVG is scaled to the screen, in CSS pixels. */
const MIN_READABLE_PX = 6

const skip = skipWithout(CHROMIUM, 'apt-get install -y chromium')
if (skip) {
  t.test('the training report in Chromium', { skip }, async () => {})
} else {
  let browser: Browser
  let file: string

  t.before(async () => {
    const input = await loadRealReportInput()
    input.manifest.evaluation = JSON.parse(JSON.stringify(evaluateRecommendations(input.table)))
    await mkdir(SCREENSHOTS, { recursive: true })
    file = path.join(SCREENSHOTS, 'training-report.html')
    await writeFile(file, await buildReport(input))
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  })
  t.teardown(async () => { await browser?.close() })

  for (const viewport of VIEWPORTS) {
    t.test(`${viewport.name} (${viewport.width} px): opens offline, charts fit and stay legible`, async (t) => {
      const page = await browser.newPage({ viewport: { width: viewport.width, height: viewport.height }, deviceScaleFactor: viewport.deviceScaleFactor })
      const requests: string[] = []
      const errors: string[] = []
      page.on('request', (request) => requests.push(request.url()))
      page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()) })
      page.on('pageerror', (error) => errors.push(error.message))
      await page.goto(pathToFileURL(file).href)

      t.same(requests.filter(url => !url.startsWith('file:')), [], 'nothing is fetched from the network')
      t.same(errors, [], 'no errors')
      const overflow = await page.evaluate<number>(PAGE_OVERFLOW)
      t.ok(overflow <= 0, `the page does not scroll sideways (${overflow} px too wide)`)

      const charts = await page.evaluate<ChartBox[]>(MEASURE_CHARTS)
      t.ok(charts.length >= 14, `${charts.length} charts`)
      for (const chart of charts) {
        t.ok(chart.width > 100 && chart.height > 100, `${chart.id} is drawn (${Math.round(chart.width)}×${Math.round(chart.height)})`)
        t.ok(chart.width <= chart.figureWidth + 0.5, `${chart.id} fits its column`)
        t.ok(chart.scale <= 1.001, `${chart.id} is never enlarged`)
        t.ok(chart.smallestFont * chart.scale >= MIN_READABLE_PX, `${chart.id}: its smallest text is ${(chart.smallestFont * chart.scale).toFixed(1)} px`)
      }

      const screenshot = path.join(SCREENSHOTS, `training-report-${viewport.name}.png`)
      await page.screenshot({ path: screenshot, fullPage: true })
      t.ok(existsSync(screenshot), `screenshot in ${path.relative(PROJECT_ROOT, screenshot)}`)
      await page.close()
    })
  }

  t.test('print: no navigation, charts kept whole', async (t) => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1000 } })
    await page.goto(pathToFileURL(file).href)
    await page.emulateMedia({ media: 'print' })
    t.same(await page.evaluate(PRINT_STYLES), { nav: 'none', figure: 'avoid' })
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    t.ok(pdf.length > 10_000, `prints to a ${Math.round(pdf.length / 1024)} kB PDF`)
    await page.close()
  })
}
