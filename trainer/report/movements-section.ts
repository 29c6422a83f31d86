// Movements since the version before (manifest.movements): a heat map of the transition table, from
// segment (rows) × to segment (columns), each cell the share of the row's customers, with counts.
import type { Movements } from '../../lib/artifacts/index.js'
import type { Chart } from './chart.js'
import { formatInteger, formatPercent } from './format.js'
import { html } from './html.js'
import { figure, section, table, type Section } from './layout.js'
import { CHART_WIDTH } from './theme.js'

/** One cell per (from, to) pair of labels, with its count and share of the from-row. */
export function transitionCells (movements: Movements): Array<{ from: string, to: string, customers: number, share: number, text: string }> {
  const from = [...new Set(movements.segments.previous)]
  const to = [...new Set(movements.segments.current)]
  const count = new Map(movements.transitions.map((t) => [`${t.from}\u0000${t.to}`, t.customers]))
  return from.flatMap((a) => {
    const row = to.reduce((sum, b) => sum + (count.get(`${a}\u0000${b}`) ?? 0), 0)
    return to.map((b) => {
      const customers = count.get(`${a}\u0000${b}`) ?? 0
      const share = row > 0 ? customers / row : 0
      return { from: a, to: b, customers, share, text: customers > 0 ? formatInteger(customers) : '' }
    })
  })
}

function heatMap (movements: Movements): Chart {
  const values = transitionCells(movements)
  const from = [...new Set(movements.segments.previous)]
  const to = [...new Set(movements.segments.current)]
  return {
    id: 'movements-heat-map',
    title: 'Where each segment\'s customers went',
    description: `Rows: the segments of ${movements.from}; columns: this version's. A cell is the share of the row's customers (known to both versions) now in the column's segment, with their number.`,
    spec: {
      width: Math.min(CHART_WIDTH, 70 * to.length),
      height: 40 * from.length,
      data: { values },
      encoding: {
        x: { field: 'to', type: 'nominal', sort: to, title: 'now', axis: { labelAngle: 0, orient: 'top' } },
        y: { field: 'from', type: 'nominal', sort: from, title: 'before', axis: { labelLimit: 160 } }
      },
      layer: [
        { mark: { type: 'rect' }, encoding: { color: { field: 'share', type: 'quantitative', title: 'share of row', scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } } } },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'text', type: 'nominal' },
            color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: 'black' }
          }
        }
      ]
    }
  }
}

export async function movementsSection (movements: Movements): Promise<Section> {
  const { customers } = movements
  const moved = customers.inBoth - customers.sameSegment
  return section('movements', 'Movements since the previous version',
    html`<p>Compared with ${movements.from}, segments matched by label and customers by id: ${formatInteger(customers.inBoth)} customers are in both versions, ${formatInteger(customers.sameSegment)} (${formatPercent(customers.inBoth > 0 ? customers.sameSegment / customers.inBoth : 0)}) in a segment of the same label and ${formatInteger(moved)} in another; new in this version: ${formatInteger(customers.new)}; no longer in the data: ${formatInteger(customers.gone)}. The service lists who moved: <code>GET /segments/transitions/customers</code>.</p>`,
    await figure(heatMap(movements)),
    table('New and gone customers by segment', [{ title: 'Segment' }, { title: 'New (now in it)', numeric: true }, { title: 'Gone (were in it)', numeric: true }],
      [...new Set([...movements.segments.current, ...movements.segments.previous])].map((label) => [
        label,
        formatInteger(movements.newBySegment.find((s) => s.segment === label)?.customers ?? 0),
        formatInteger(movements.goneBySegment.find((s) => s.segment === label)?.customers ?? 0)
      ]))
  )
}
