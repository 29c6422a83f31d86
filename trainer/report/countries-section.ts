// Where the orders come from: invoices and revenue by country, top 10 plus the rest.
import type { TransactionAggregates } from '../aggregates/contract.js'
import type { Chart } from './chart.js'
import { summariseCountries, topCountries, type CountrySummary } from './countries.js'
import { formatInteger, formatNumber, formatPercent } from './format.js'
import { html } from './html.js'
import { figure, grid, section, table, type Section } from './layout.js'
import { CHART_WIDTH, COLOURS, SHORT_NUMBER } from './theme.js'

const TOP = 10

function countryChart (id: string, title: string, description: string, rows: readonly CountrySummary[], field: 'revenue' | 'invoices', total: number): Chart {
  const values = rows.map(r => ({ country: r.country, value: r[field], share: total > 0 ? r[field] / total : 0, other: r.countries > 1 }))
  const max = Math.max(1, ...values.map(v => v.value))
  return {
    id,
    title,
    description,
    spec: {
      width: CHART_WIDTH - 150,
      height: { step: 22 },
      data: { values },
      encoding: {
        y: { field: 'country', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
        x: { field: 'value', type: 'quantitative', title: field, scale: { domainMax: max * 1.3 }, axis: { labelExpr: SHORT_NUMBER, tickCount: 4 } }
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: { color: { field: 'other', type: 'nominal', scale: { domain: [false, true], range: [COLOURS.accent, COLOURS.muted] }, legend: null } }
        },
        { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' } } }
      ]
    }
  }
}

export async function countriesSection (transactions: TransactionAggregates): Promise<Section> {
  const all = summariseCountries(transactions)
  const rows = topCountries(all, TOP)
  const revenue = all.reduce((sum, c) => sum + c.revenue, 0)
  const invoices = all.reduce((sum, c) => sum + c.invoices, 0)
  const lead = all[0]
  const intro = lead
    ? html`<p>${formatInteger(all.length)} countries. ${lead.country} alone brings ${formatPercent(revenue > 0 ? lead.revenue / revenue : 0)} of the revenue and ${formatPercent(invoices > 0 ? lead.invoices / invoices : 0)} of the invoices; the bars are labelled with each country's share.</p>`
    : ''
  const topNote = all.length > rows.length ? `The ${TOP} countries with the most revenue, the other ${all.length - TOP} together.` : 'Every country in the data.'
  return section('countries', 'Transactions and revenue by country',
    intro,
    grid(
      await figure(countryChart('countries-revenue', 'Revenue by country', `${topNote} Revenue is Σ quantity × unit price of the cleaned lines.`, rows, 'revenue', revenue)),
      await figure(countryChart('countries-invoices', 'Invoices by country', `${topNote} An invoice counts under each country it has lines from (on real data an invoice has one country).`, rows, 'invoices', invoices))
    ),
    table('Countries by revenue', [
      { title: 'Country' }, { title: 'Invoices', numeric: true }, { title: 'Lines', numeric: true }, { title: 'Customers', numeric: true }, { title: 'Revenue', numeric: true }, { title: 'Share of revenue', numeric: true }
    ], rows.map(r => [r.country, formatInteger(r.invoices), formatInteger(r.rows), formatInteger(r.customers), formatNumber(r.revenue), formatPercent(revenue > 0 ? r.revenue / revenue : 0)]))
  )
}
