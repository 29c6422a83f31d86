// The report's head: what was trained on (file, checksum, format), with which options, and the
// headline numbers. No creation time: two runs on the same data give the same report, byte for byte.
import type { ManifestDraft } from '../../lib/artifacts/index.js'
import { formatDateTime, formatInteger, formatNumber, formatPercent } from './format.js'
import { html, type HtmlValue } from './html.js'
import { definitions, keyFigures, section, type Section } from './layout.js'

/** Public datasets whose column layout the reader recognises, for the attribution. */
const DATASETS: Record<string, { name: string, citation: string, doi: string }> = {
  'online-retail': { name: 'Online Retail', citation: 'Chen, D. (2015). Online Retail [Dataset]. UCI Machine Learning Repository.', doi: '10.24432/C5BW33' },
  'online-retail-ii': { name: 'Online Retail II', citation: 'Chen, D. (2012). Online Retail II [Dataset]. UCI Machine Learning Repository.', doi: '10.24432/C5CG6D' }
}

function optionValue (value: unknown): HtmlValue {
  if (value === null || value === undefined) return html`<span class="muted">default</span>`
  if (Array.isArray(value)) return value.length === 0 ? html`<span class="muted">none</span>` : value.map(String).join(', ')
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

/** Options in a stable order (alphabetical), so the report does not depend on insertion order. */
export function optionPairs (options: Record<string, unknown>): Array<[string, HtmlValue]> {
  return Object.keys(options).sort().map(key => [key, optionValue(options[key])])
}

export function attribution (format: string): HtmlValue {
  const dataset = DATASETS[format]
  if (!dataset) return ''
  return html`<p class="attribution">The input has the column layout of the UCI <cite>${dataset.name}</cite> dataset. If it is that dataset: ${dataset.citation} <a href="https://doi.org/${dataset.doi}">doi:${dataset.doi}</a>, licensed under CC BY 4.0.</p>`
}

export function overviewSection (manifest: ManifestDraft): Section {
  const { cleaning, input, segmentation } = manifest
  const silhouette = segmentation.silhouette === null ? 'n/a' : formatNumber(segmentation.silhouette, 3)
  return section('overview', 'Overview',
    keyFigures([
      ['rows kept', formatInteger(cleaning.rowsKept), `of ${formatInteger(cleaning.rowsRead)} read (${formatPercent(cleaning.rowsRead > 0 ? cleaning.rowsKept / cleaning.rowsRead : 0)})`],
      ['customers', formatInteger(cleaning.customers)],
      ['invoices', formatInteger(cleaning.invoices)],
      ['products', formatInteger(cleaning.products), `${formatInteger(manifest.recommendations.recommendableProducts)} recommendable`],
      ['revenue', formatNumber(cleaning.revenue), 'Σ quantity × unit price'],
      ['segments', formatInteger(segmentation.k), `silhouette ${silhouette}`]
    ]),
    html`<h3>Data</h3>`,
    definitions([
      ['Input file', input.fileName],
      ['Size', `${formatInteger(input.bytes)} bytes${input.gzip ? ' (gzip)' : ''}`],
      ['SHA-256', html`<code class="hash">${input.sha256}</code>`],
      ['Format', input.format],
      ['Period', `${formatDateTime(cleaning.firstInvoiceAt)} to ${formatDateTime(cleaning.lastInvoiceAt)}`],
      ['Snapshot for recency', formatDateTime(manifest.snapshotDate)],
      ['Trainer', `${manifest.trainer.name} ${manifest.trainer.version}, Node ${manifest.trainer.node}`]
    ]),
    html`<h3>Options</h3>`,
    definitions(optionPairs(manifest.options), 'options'),
    attribution(input.format)
  )
}
