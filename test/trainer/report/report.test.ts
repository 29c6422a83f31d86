import t from 'tap'
import { collectChartWarnings } from '../../../trainer/report/chart.js'
import { evaluateRecommendations } from '../../../trainer/evaluate/index.js'
import { buildReport } from '../../../trainer/report/index.js'
import { MALICIOUS_COUNTRY, MALICIOUS_DESCRIPTION, syntheticReportInput } from './synthetic-input.js'

const SECTIONS = ['overview', 'cleaning', 'countries', 'products', 'distributions', 'k-selection', 'segments']
const CHARTS = ['cleaning-rules', 'countries-revenue', 'countries-invoices', 'products-quantity', 'products-customers', 'monetary', 'recency', 'frequency', 'monetary-by-segment', 'elbow', 'silhouette', 'segment-sizes', 'segment-scatter']

/** The markup of each <figure class="chart" id=…>…</figure>, by id. */
function figures (report: string): Map<string, string> {
  return new Map([...report.matchAll(/<figure class="chart" id="([^"]+)">([\s\S]*?)<\/figure>/g)].map(m => [m[1], m[2]]))
}

t.test('a complete, self-contained HTML document with every section and one SVG per chart', async (t) => {
  const { result: report, warnings } = await collectChartWarnings(() => buildReport(syntheticReportInput()))
  t.same(warnings, [], 'Vega-Lite and Vega have nothing to warn about')
  t.match(report, /^<!doctype html>\n<html lang="en">/)
  t.match(report, /<meta name="viewport" content="width=device-width, initial-scale=1">/)
  t.match(report, /<style>[\s\S]+@media print[\s\S]+<\/style>/, 'inline CSS, with print rules')
  t.ok(report.trimEnd().endsWith('</html>'))
  for (const id of SECTIONS) {
    t.match(report, `<section id="${id}">`, `section ${id}`)
    t.match(report, `<a href="#${id}">`, `${id} in the table of contents`)
  }
  t.notMatch(report, 'id="evaluation"', 'no evaluation section without an evaluation')
  const charts = figures(report)
  t.same([...charts.keys()], CHARTS, 'the charts, in order')
  for (const [id, markup] of charts) t.equal((markup.match(/<svg/g) ?? []).length, 1, `${id}: one SVG`)
  t.equal((report.match(/<svg/g) ?? []).length, CHARTS.length, 'no SVG outside the figures')
  const ids = [...report.matchAll(/ id="([^"]+)"/g)].map(m => m[1])
  t.equal(new Set(ids).size, ids.length, 'ids are unique in the page')
})

t.test('nothing is loaded from anywhere: no scripts, no external src/href, no URL but the DOI', async (t) => {
  const report = await buildReport(syntheticReportInput())
  t.notMatch(report, /<script/i)
  t.notMatch(report, /<link/i)
  t.notMatch(report, /<iframe|<object|<embed/i)
  t.notMatch(report, /@import|url\((?!#)/i, 'CSS loads nothing (url(#clip) references stay in the page)')
  for (const [, attribute, value] of report.matchAll(/\b(src|href|xlink:href)="([^"]*)"/g)) {
    t.ok(value.startsWith('#') || value === 'https://doi.org/10.24432/C5BW33', `${attribute}="${value}" stays in the page (or is the data's DOI)`)
  }
  const urls = [...report.matchAll(/https?:\/\/[^\s"<]+/g)].map(m => m[0])
  t.same([...new Set(urls)], ['https://doi.org/10.24432/C5BW33'], 'the only URL is the dataset\'s DOI')
})

t.test('text from the data is escaped everywhere: tables, charts, file name', async (t) => {
  const report = await buildReport(syntheticReportInput())
  t.notMatch(report, '<script>alert', 'the description never appears as markup')
  t.notMatch(report, '<img src=x')
  t.notMatch(report, '<b>&</b>', 'nor the country')
  t.match(report, '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=&#39;x&#39;&gt; &quot;QUOTED&quot;', 'escaped in the products table')
  t.match(report, /<text[^>]*>1\. &lt;script&gt;alert\("pwned"\)&lt;\/script&gt; &amp; &lt;img src=/, 'escaped inside the chart')
  t.match(report, 'Land of &lt;b&gt;&amp;&lt;/b&gt;')
  t.match(report, 'shop &lt;test&gt; &amp; &quot;more&quot;.csv')
  t.ok(MALICIOUS_DESCRIPTION.includes('<') && MALICIOUS_COUNTRY.includes('&'), 'the fixture really is hostile')
})

t.test('deterministic: the same input gives the same bytes; no creation time, no wall times', async (t) => {
  const input = syntheticReportInput()
  const first = await buildReport(input)
  const second = await buildReport(syntheticReportInput())
  t.equal(second, first, 'byte-identical from an identically built input')
  const timed = syntheticReportInput()
  timed.manifest.timings = { total: 123456.789 }
  t.equal(await buildReport(timed), first, 'timings do not reach the report')
  t.notMatch(first, /createdAt|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'no ISO timestamps')
  t.match(first, 'a'.repeat(64), 'the input checksum identifies the data instead')
})

t.test('the segments: every label with its colour, size, share and action', async (t) => {
  const input = syntheticReportInput()
  const report = await buildReport(input)
  for (const segment of input.segments.model.segments) {
    t.match(report, `${segment.label}</h3>`, `${segment.label} card`)
    t.match(report, segment.action.replace(/&/g, '&amp;').replace(/'/g, '&#39;'), `${segment.label} action`)
    t.match(report, `${segment.size} customers`, `${segment.label} size`)
  }
  t.match(report, /style="border-top-color:#2e8b57"><h3><span class="swatch" style="background:#2e8b57"><\/span>High-Value/, 'High-Value keeps its colour')
  t.match(report, /style="border-top-color:#d1495b"><h3><span class="swatch" style="background:#d1495b"><\/span>At-Risk/, 'At-Risk keeps its colour')
})

t.test('other k: composite labels get distinct colours; the chosen k is marked', async (t) => {
  const input = syntheticReportInput({ k: 6 })
  const report = await buildReport(input)
  const colours = [...report.matchAll(/<article class="card" style="border-top-color:(#[0-9a-f]{6})">/g)].map(m => m[1])
  t.equal(colours.length, 6)
  t.equal(new Set(colours).size, 6, 'six different colours')
  t.match(report, /<strong>6<\/strong>/, 'k = 6 in bold in the sweep table')
  t.match(report, />k = 6<\/text>/, 'and labelled on the charts')
})

t.test('with an evaluation, the quality section follows the segments', async (t) => {
  const input = syntheticReportInput()
  input.manifest.evaluation = JSON.parse(JSON.stringify(evaluateRecommendations(input.table, { neighbours: { minSupport: 1 } })))
  const { result: report, warnings } = await collectChartWarnings(() => buildReport(input))
  t.same(warnings, [])
  t.match(report, /<section id="segments">[\s\S]*<section id="evaluation">/)
  t.match(report, '<a href="#evaluation">Recommendation quality</a>')
  t.ok(figures(report).has('evaluation-metrics'))
})
