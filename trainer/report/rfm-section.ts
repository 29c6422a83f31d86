// Customer value distributions: spend per customer (the notebook's monetary histogram, on a
// logarithmic axis because a few wholesalers spend 100× the median), then recency, frequency and
// monetary stacked by segment, which shows what separates the segments.
import type { RfmTable } from '../rfm.js'
import { formatDateTime, formatInteger, formatSignificant } from './format.js'
import { histogramChart } from './histogram-chart.js'
import { binLabel, countEdges, linearEdges, logEdges, median, minMax, minPositive, stackedHistogram } from './histogram.js'
import { html } from './html.js'
import { figure, grid3, section, segmentLegend, type Section } from './layout.js'
import { CHART_WIDTH, SMALL_CHART_WIDTH } from './theme.js'

export interface SegmentGroups {
  /** segment of each customer, in the RFM table's order */
  assignments: Int32Array
  labels: readonly string[]
  colours: readonly string[]
}

function mean (values: Float64Array): number {
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[i]
  return values.length > 0 ? sum / values.length : NaN
}

function monetaryEdges (monetary: Float64Array): number[] {
  const low = minPositive(monetary)
  const [, high] = minMax(monetary)
  return Number.isFinite(low) ? logEdges(low, high, 6) : [1, 10]
}

export async function rfmSection (rfm: RfmTable, groups: SegmentGroups): Promise<Section> {
  const customers = rfm.customerIds.length
  const k = groups.labels.length
  const [, maxRecency] = minMax(rfm.recency)
  const [, maxFrequency] = minMax(rfm.frequency)
  const mEdges = monetaryEdges(rfm.monetary)
  const medianMonetary = median(rfm.monetary)
  const meanMonetary = mean(rfm.monetary)
  const overall = stackedHistogram(rfm.monetary, mEdges)
  const hidden = overall.outside > 0 ? `${formatInteger(overall.outside)} customers with a spend of 0 cannot be shown on a logarithmic axis.` : undefined

  const byRecency = stackedHistogram(rfm.recency, linearEdges(0, maxRecency, 30), groups.assignments, k)
  const fEdges = countEdges(Math.max(1, maxFrequency))
  const byFrequency = stackedHistogram(rfm.frequency, fEdges, groups.assignments, k)
  // the last bin is named up to the largest value seen, not up to its round upper edge
  const frequencyLabels = new Map(fEdges.slice(0, -1).map((start, b) => [start, binLabel(start, Math.min(fEdges[b + 1], Math.floor(maxFrequency) + 1))]))
  const byMonetary = stackedHistogram(rfm.monetary, mEdges, groups.assignments, k)
  const segmentGroups = { labels: groups.labels, colours: groups.colours }

  return section('distributions', 'Recency, frequency and monetary value',
    html`<p>One row per customer: <strong>recency</strong> is whole days from the last purchase to the snapshot (${formatDateTime(rfm.snapshot.toISOString())}), <strong>frequency</strong> the number of distinct invoices, <strong>monetary</strong> the total spend (Σ quantity × unit price). ${formatInteger(customers)} customers.</p>`,
    await figure(histogramChart({
      id: 'monetary',
      title: 'Spend per customer (monetary value)',
      description: `Logarithmic axis: the median customer spent ${formatSignificant(medianMonetary, 3)}, the mean is ${formatSignificant(meanMonetary, 3)} because a few large accounts pull it up.`,
      histogram: overall,
      xTitle: 'monetary value (log scale)',
      scale: 'log',
      width: CHART_WIDTH + 100,
      height: 200,
      markers: [{ value: medianMonetary, label: `median ${formatSignificant(medianMonetary, 3)}` }, { value: meanMonetary, label: `mean ${formatSignificant(meanMonetary, 3)}` }]
    }), hidden),
    html`<h3>By segment</h3><p>The same customers, each bar split by the segment the model put them in.</p>`,
    segmentLegend(groups.labels, groups.colours),
    grid3(
      await figure(histogramChart({ id: 'recency', title: 'Recency', description: 'Days since the last purchase.', histogram: byRecency, xTitle: 'days since last purchase', scale: 'linear', width: SMALL_CHART_WIDTH, groups: segmentGroups })),
      await figure(histogramChart({ id: 'frequency', title: 'Frequency', description: 'Distinct invoices per customer.', histogram: byFrequency, xTitle: 'invoices', scale: 'categories', labels: frequencyLabels, width: SMALL_CHART_WIDTH, groups: segmentGroups })),
      await figure(histogramChart({ id: 'monetary-by-segment', title: 'Monetary', description: 'Total spend, logarithmic axis.', histogram: byMonetary, xTitle: 'monetary value (log scale)', scale: 'log', width: SMALL_CHART_WIDTH, groups: segmentGroups }), hidden)
    )
  )
}
