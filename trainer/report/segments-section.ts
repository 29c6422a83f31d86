// The segments: size and share, centroid in RFM units, label, description and suggested action,
// and a scatter of customers coloured by segment (a deterministic sample, to keep the file small).
import type { SegmentModel } from '../../lib/artifacts/index.js'
import type { RfmTable } from '../rfm.js'
import type { Chart } from './chart.js'
import { formatInteger, formatNumber, formatPercent } from './format.js'
import { logTicks } from './histogram-chart.js'
import { minMax, minPositive } from './histogram.js'
import { html } from './html.js'
import { chartBesideTable, figure, section, table, type Section } from './layout.js'
import type { SegmentGroups } from './rfm-section.js'
import { sampleIndices } from './sample.js'
import { CHART_WIDTH, COLOURS, WIDE_CHART_WIDTH, SHORT_NUMBER } from './theme.js'

export const SCATTER_MAX_POINTS = 3000

function sizesChart (model: SegmentModel, colours: readonly string[]): Chart {
  const values = model.segments.map(s => ({ segment: s.label, customers: s.size, share: s.share }))
  const max = Math.max(1, ...values.map(v => v.customers))
  return {
    id: 'segment-sizes',
    title: 'Customers per segment',
    description: 'Bars labelled with the share of all customers.',
    spec: {
      width: CHART_WIDTH - 150,
      height: { step: 26 },
      data: { values },
      encoding: {
        y: { field: 'segment', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
        x: { field: 'customers', type: 'quantitative', title: 'customers', scale: { domainMax: max * 1.3 }, axis: { labelExpr: SHORT_NUMBER, tickCount: 4 } }
      },
      layer: [
        {
          mark: { type: 'bar' },
          encoding: { color: { field: 'segment', type: 'nominal', scale: { domain: model.segments.map(s => s.label), range: [...colours] }, legend: null } }
        },
        { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' } } }
      ]
    }
  }
}

function scatterChart (rfm: RfmTable, model: SegmentModel, groups: SegmentGroups): { chart: Chart, shown: number, hidden: number } {
  const sample = sampleIndices(rfm.customerIds, SCATTER_MAX_POINTS)
  const points: Array<{ r: number, m: number, s: string }> = []
  let hidden = 0
  for (const i of sample) {
    // zero spend has no place on a logarithmic axis
    if (rfm.monetary[i] > 0) points.push({ r: rfm.recency[i], m: Number(rfm.monetary[i].toPrecision(4)), s: groups.labels[groups.assignments[i]] })
    else hidden++
  }
  const centroids = model.segments.map(s => ({ r: s.centroid.recency, m: s.centroid.monetary, s: s.label }))
  const low = Math.min(minPositive(rfm.monetary), ...centroids.map(c => c.m).filter(m => m > 0))
  const [, high] = minMax(rfm.monetary)
  const [, maxRecency] = minMax(rfm.recency)
  const colour = { field: 's', type: 'nominal' as const, title: 'segment', scale: { domain: [...groups.labels], range: [...groups.colours] }, legend: { orient: 'bottom' as const, direction: 'horizontal' as const, columns: 4, symbolOpacity: 1 } }
  const x = { field: 'r', type: 'quantitative' as const, title: 'recency (days since last purchase)', scale: { domain: [0, maxRecency], nice: true }, axis: { grid: false } }
  const y = { field: 'm', type: 'quantitative' as const, title: 'monetary value (log scale)', scale: { type: 'log' as const, domain: [low, high], nice: false }, axis: { values: logTicks(low, high), labelExpr: SHORT_NUMBER } }
  const sampled = sample.length < rfm.customerIds.length
  return {
    shown: points.length,
    hidden,
    chart: {
      id: 'segment-scatter',
      title: 'Customers by recency and spend',
      description: `${sampled ? `A fixed sample of ${formatInteger(points.length)} of the ${formatInteger(rfm.customerIds.length)} customers` : `All ${formatInteger(points.length)} customers`}, coloured by segment; the diamonds are the segment centroids.`,
      spec: {
        width: WIDE_CHART_WIDTH - 120,
        height: 340,
        layer: [
          {
            data: { values: points },
            mark: { type: 'circle', size: 14, opacity: 0.55, aria: false },
            encoding: { x, y, color: colour }
          },
          {
            data: { values: centroids },
            mark: { type: 'point', shape: 'diamond', size: 260, filled: true, stroke: COLOURS.text, strokeWidth: 1.5, opacity: 1 },
            encoding: { x, y, color: colour }
          }
        ]
      }
    }
  }
}

function segmentCards (model: SegmentModel, colours: readonly string[]): ReturnType<typeof html> {
  return html`<div class="cards">${model.segments.map((s, i) => html`<article class="card" style="border-top-color:${colours[i]}"><h3><span class="swatch" style="background:${colours[i]}"></span>${s.label}</h3><p class="size">${formatInteger(s.size)} customers · ${formatPercent(s.share)}</p><p>${s.description}</p><p><strong>Action:</strong> ${s.action}</p></article>`)}</div>`
}

function labellingNote (k: number): string {
  if (k === 4) return 'Labels follow from the centroids: the best mix of recency, frequency and spend is High-Value, of the rest the worst recency is At-Risk, then the more frequent of the other two is Regular.'
  if (k === 1) return ''
  return 'With k other than 4, each label combines a recency band (Recent, Cooling, Lapsed) with a value band (Big Spenders, Regulars, Light Buyers), each cut at half a standard deviation from the average customer.'
}

export async function segmentsSection (rfm: RfmTable, model: SegmentModel, groups: SegmentGroups): Promise<Section> {
  const scatter = scatterChart(rfm, model, groups)
  const profiles = table('Segment profiles: centroids in RFM units', [
    { title: 'Segment' }, { title: 'Customers', numeric: true }, { title: 'Share', numeric: true }, { title: 'Recency, days', numeric: true }, { title: 'Frequency, invoices', numeric: true }, { title: 'Monetary', numeric: true }
  ], model.segments.map((s, i) => [
    html`<span class="nowrap"><span class="swatch" style="background:${groups.colours[i]}"></span>${s.label}</span>`,
    formatInteger(s.size), formatPercent(s.share), formatNumber(s.centroid.recency, 1), formatNumber(s.centroid.frequency, 1), formatNumber(s.centroid.monetary, 0)
  ]))
  return section('segments', 'Customer segments',
    html`<p>Each segment's centroid is mapped back from the model's ${model.transform === 'log1p' ? 'log-transformed, ' : ''}standardised space to days, invoices and spend${model.transform === 'log1p' ? ' (so it sits near a geometric mean of the segment, below its arithmetic mean)' : ''}. ${labellingNote(model.segments.length)}</p>`,
    chartBesideTable(await figure(sizesChart(model, groups.colours)), profiles),
    segmentCards(model, groups.colours),
    await figure(scatter.chart, scatter.hidden > 0 ? `${formatInteger(scatter.hidden)} sampled customers with a spend of 0 are not shown (logarithmic axis).` : undefined)
  )
}
