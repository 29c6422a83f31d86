import t from 'tap'
import type { Movements } from '../../../lib/artifacts/index.js'
import { collectChartWarnings } from '../../../trainer/report/chart.js'
import { movementsSection, transitionCells } from '../../../trainer/report/movements-section.js'

const movements: Movements = {
  from: '20261125T154500Z-3fa9c1',
  customers: { previous: 10, current: 11, inBoth: 9, sameSegment: 7, new: 2, gone: 1 },
  segments: { previous: ['High-Value', 'At-Risk'], current: ['High-Value', 'Regular', 'At-Risk'] },
  transitions: [{ from: 'High-Value', to: 'High-Value', customers: 4 }, { from: 'High-Value', to: 'At-Risk', customers: 1 }, { from: 'At-Risk', to: 'At-Risk', customers: 3 }, { from: 'At-Risk', to: 'Regular', customers: 1 }],
  newBySegment: [{ segment: 'High-Value', customers: 0 }, { segment: 'Regular', customers: 2 }, { segment: 'At-Risk', customers: 0 }],
  goneBySegment: [{ segment: 'High-Value', customers: 0 }, { segment: 'At-Risk', customers: 1 }]
}

t.test('a cell per pair of labels, shares of the row', async (t) => {
  const cells = transitionCells(movements)
  t.equal(cells.length, 6)
  t.match(cells.find((c) => c.from === 'High-Value' && c.to === 'At-Risk'), { customers: 1, share: 0.2, text: '1' })
  t.match(cells.find((c) => c.from === 'High-Value' && c.to === 'Regular'), { customers: 0, share: 0, text: '' })
})

t.test('the section renders its heat map without chart warnings', async (t) => {
  const { result, warnings } = await collectChartWarnings(() => movementsSection(movements))
  t.same(warnings, [])
  t.equal(result.id, 'movements')
  const body = String(result.body)
  t.match(body, /<figure class="chart" id="movements-heat-map">/)
  t.match(body, /Compared with 20261125T154500Z-3fa9c1/)
  t.match(body, /9 customers are in both versions, 7 \(77\.8 ?%\) in a segment of the same label and 2 in another; new in this version: 2; no longer in the data: 1\./)
})
