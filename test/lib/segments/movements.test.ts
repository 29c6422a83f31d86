import t from 'tap'
import { compareMemberships, previousSegments } from '../../../lib/segments/movements.js'

const previous = {
  labels: ['High-Value', 'Regular', 'At-Risk'],
  customers: [{ id: 'a', segment: 0 }, { id: 'b', segment: 0 }, { id: 'c', segment: 1 }, { id: 'd', segment: 2 }, { id: 'gone', segment: 1 }]
}
// another k and another order: matched by label, not by id
const current = {
  labels: ['High-Value', 'At-Risk', 'Occasional', 'Regular'],
  customers: [{ id: 'a', segment: 0 }, { id: 'b', segment: 1 }, { id: 'c', segment: 3 }, { id: 'd', segment: 1 }, { id: 'new', segment: 2 }]
}

t.test('segments by label, customers by id', async (t) => {
  t.same(Array.from(previousSegments(previous, current)), [0, 0, 1, 2, -1])
  const movements = compareMemberships('V1', previous, current)
  t.same(movements, {
    from: 'V1',
    customers: { previous: 5, current: 5, inBoth: 4, sameSegment: 3, new: 1, gone: 1 },
    segments: { previous: previous.labels, current: current.labels },
    transitions: [
      { from: 'High-Value', to: 'High-Value', customers: 1 },
      { from: 'High-Value', to: 'At-Risk', customers: 1 },
      { from: 'Regular', to: 'Regular', customers: 1 },
      { from: 'At-Risk', to: 'At-Risk', customers: 1 }
    ],
    newBySegment: [{ segment: 'High-Value', customers: 0 }, { segment: 'At-Risk', customers: 0 }, { segment: 'Occasional', customers: 1 }, { segment: 'Regular', customers: 0 }],
    goneBySegment: [{ segment: 'High-Value', customers: 0 }, { segment: 'Regular', customers: 1 }, { segment: 'At-Risk', customers: 0 }]
  })
})
