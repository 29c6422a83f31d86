// Data cleaning: how many rows each rule removed, as the original notebook's first cells showed.
import type { CleaningReport } from '../../lib/artifacts/index.js'
import type { Chart } from './chart.js'
import { formatInteger, formatShare } from './format.js'
import { html } from './html.js'
import { chartBesideTable, figure, section, table, type Section } from './layout.js'
import { CHART_WIDTH, COLOURS, SHORT_NUMBER } from './theme.js'

/** The rules in the order they are applied (a row counts under the first rule it fails). */
const RULES: ReadonlyArray<{ key: keyof CleaningReport['dropped'], name: string, rule: string }> = [
  { key: 'missingCustomer', name: 'No customer id', rule: 'the customer id is empty' },
  { key: 'cancelled', name: 'Cancelled invoice', rule: 'the invoice number starts with C' },
  { key: 'nonPositiveQuantity', name: 'Quantity ≤ 0', rule: 'returns and corrections' },
  { key: 'nonPositivePrice', name: 'Unit price ≤ 0', rule: 'free items and bad-debt adjustments' }
]

interface Step { step: string, rows: number, kind: 'dropped' | 'kept' }

export function cleaningSteps (cleaning: CleaningReport): Step[] {
  return [
    { step: 'Malformed row', rows: cleaning.malformedRows, kind: 'dropped' },
    ...RULES.map(r => ({ step: r.name, rows: cleaning.dropped[r.key], kind: 'dropped' as const })),
    { step: 'Kept', rows: cleaning.rowsKept, kind: 'kept' }
  ]
}

function cleaningChart (cleaning: CleaningReport): Chart {
  const steps = cleaningSteps(cleaning).map(s => ({ ...s, share: cleaning.rowsRead > 0 ? s.rows / cleaning.rowsRead : 0 }))
  const max = Math.max(1, ...steps.map(s => s.rows))
  return {
    id: 'cleaning-rules',
    title: 'Rows removed by each cleaning rule',
    description: `Of ${formatInteger(cleaning.rowsRead)} rows read, ${formatInteger(cleaning.rowsKept)} were kept.`,
    spec: {
      width: CHART_WIDTH - 130,
      height: { step: 26 },
      data: { values: steps },
      encoding: {
        y: { field: 'step', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
        x: { field: 'rows', type: 'quantitative', title: 'rows', scale: { domainMax: max * 1.25 }, axis: { labelExpr: SHORT_NUMBER, tickCount: 4 } }
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: {
            color: { field: 'kind', type: 'nominal', scale: { domain: ['dropped', 'kept'], range: [COLOURS.muted, COLOURS.accent] }, legend: null }
          }
        },
        {
          mark: { type: 'text', align: 'left', dx: 4 },
          encoding: { text: { field: 'rows', type: 'quantitative', format: ',' } }
        }
      ]
    }
  }
}

export async function cleaningSection (cleaning: CleaningReport): Promise<Section> {
  const share = (rows: number): string => formatShare(cleaning.rowsRead > 0 ? rows / cleaning.rowsRead : 0)
  const rows = [
    [html`Malformed row`, cleaning.malformedExamples.length > 0 ? 'a field could not be parsed (examples below)' : 'a field could not be parsed', formatInteger(cleaning.malformedRows), share(cleaning.malformedRows)],
    ...RULES.map(r => [r.name, r.rule, formatInteger(cleaning.dropped[r.key]), share(cleaning.dropped[r.key])]),
    [html`<strong>Kept</strong>`, `of which ${formatInteger(cleaning.nonProductRows)} non-product lines (postage, fees…): counted in spend, never recommended`, html`<strong>${formatInteger(cleaning.rowsKept)}</strong>`, share(cleaning.rowsKept)]
  ]
  const examples = cleaning.malformedExamples.length > 0
    ? html`<p>First malformed rows (line 1 is the header):</p><ul class="compact">${cleaning.malformedExamples.map(e => html`<li>line ${formatInteger(e.line)}: ${e.reason}</li>`)}</ul>`
    : ''
  return section('cleaning', 'Data cleaning',
    html`<p>The rules are applied in the order listed; a row is counted under the first rule it fails, so the counts add up to the ${formatInteger(cleaning.rowsRead)} rows read.</p>`,
    chartBesideTable(await figure(cleaningChart(cleaning)), table('Rows per cleaning rule', [{ title: 'Rule' }, { title: 'Why' }, { title: 'Rows', numeric: true }, { title: 'Share', numeric: true }], rows, 'first-nowrap')),
    examples
  )
}
