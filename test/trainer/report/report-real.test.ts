// The report on the bundled Online Retail data, through the trainer's own stages.
import t from 'tap'
import { collectChartWarnings } from '../../../trainer/report/chart.js'
import { formatInteger } from '../../../trainer/report/format.js'
import { escapeHtml } from '../../../trainer/report/html.js'
import { buildReport } from '../../../trainer/report/index.js'
import { SCATTER_MAX_POINTS } from '../../../trainer/report/segments-section.js'
import { loadRealReportInput } from './real-input.js'

t.test('real data: every section, small enough, deterministic, numbers from the pipeline', async (t) => {
  const input = await loadRealReportInput()
  const started = performance.now()
  const { result: report, warnings } = await collectChartWarnings(() => buildReport(input))
  const ms = performance.now() - started
  const bytes = Buffer.byteLength(report)
  t.comment(`report: ${formatInteger(bytes)} bytes, built in ${Math.round(ms)} ms (first build in this process)`)
  t.same(warnings, [], 'no Vega-Lite or Vega warnings')
  t.ok(bytes < 1.5 * 1024 * 1024, `${bytes} bytes < 1.5 MB`)

  const { cleaning, segmentation } = input.manifest
  t.match(report, `<span class="value">${formatInteger(cleaning.rowsKept)}</span>`)
  t.match(report, `of ${formatInteger(cleaning.rowsRead)} read`)
  t.match(report, `<span class="value">${formatInteger(cleaning.customers)}</span>`)
  t.match(report, `>${formatInteger(cleaning.dropped.missingCustomer)}<`, 'rows without a customer id, in the cleaning table')
  const { catalogue } = input.catalogue
  const favourite = catalogue.products[catalogue.popularity[0]]
  t.match(report, escapeHtml(favourite.description), 'the most popular product is named')
  for (const segment of input.segments.model.segments) t.match(report, `${formatInteger(segment.size)} customers`, segment.label)
  t.match(report, `>k = ${segmentation.k}</text>`, 'the chosen k is marked')

  const scatter = /<figure class="chart" id="segment-scatter">([\s\S]*?)<\/figure>/.exec(report)?.[1] ?? ''
  const dots = (scatter.match(/<path transform="translate\([^)]*\)" d="M[\d.]+,0A/g) ?? []).length
  t.ok(input.rfm.customerIds.length > SCATTER_MAX_POINTS, 'more customers than the scatter shows')
  t.ok(dots >= SCATTER_MAX_POINTS && dots <= SCATTER_MAX_POINTS + input.segments.k, `${dots} circles: the sample plus the legend's symbols`)

  t.equal(await buildReport(input), report, 'a second build gives the same bytes')
})
