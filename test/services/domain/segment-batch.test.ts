import t, { type Test } from 'tap'
import {
  MAX_BATCH_CUSTOMERS, SegmentInputError, parseSegmentCsv, parseSegmentJson, parseSegmentRequest
} from '../../../services/domain/segment-batch.js'

function refused (t: Test, run: () => unknown, expected: { message: RegExp, row?: number, id?: string, field?: string }): void {
  try {
    run()
    t.fail(`expected a SegmentInputError matching ${expected.message}`)
  } catch (error) {
    t.type(error, SegmentInputError)
    const e = error as SegmentInputError
    t.match(e.message, expected.message)
    t.equal(e.code, 'ERR_INVALID_CUSTOMERS')
    t.equal(e.statusCode, 400)
    t.equal(e.row, expected.row)
    t.equal(e.id, expected.id)
    t.equal(e.field, expected.field)
  }
}

t.test('one customer as JSON', async (t) => {
  t.same(parseSegmentJson({ recency: 1, frequency: 7, monetary: 4310 }), { kind: 'one', customer: { recency: 1, frequency: 7, monetary: 4310 } })
  t.same(parseSegmentJson({ recency: 0, frequency: 1, monetary: 0 }).kind, 'one', 'the smallest valid values')
  refused(t, () => parseSegmentJson({ recency: -1, frequency: 7, monetary: 4310 }), { message: /^recency must be a finite number ≥ 0, got -1$/, field: 'recency' })
  refused(t, () => parseSegmentJson({ recency: 1, frequency: 0.5, monetary: 4310 }), { message: /^frequency must be a finite number ≥ 1, got 0.5$/, field: 'frequency' })
  refused(t, () => parseSegmentJson({ recency: 1, frequency: 2 }), { message: /^monetary is missing/, field: 'monetary' })
  refused(t, () => parseSegmentJson({ recency: '1', frequency: 2, monetary: 3 }), { message: /recency must be a finite number ≥ 0, got "1"/, field: 'recency' })
  refused(t, () => parseSegmentJson(null), { message: /must be a JSON object.*got null/ })
  refused(t, () => parseSegmentJson([1, 2, 3]), { message: /got an array/ })
  refused(t, () => parseSegmentRequest('id,recency,frequency,monetary\n1,1,1,1\n', 'json'), { message: /^the body must be a JSON object: .*, got "id,recency/ })
})

t.test('a batch as JSON answers in order and names the bad row', async (t) => {
  const batch = parseSegmentRequest({
    customers: [
      { id: '12347', recency: 1, frequency: 7, monetary: 4310 },
      { id: 12348, recency: 74, frequency: 4, monetary: 1797.24 }
    ]
  }, 'json')
  t.same(batch, {
    kind: 'batch',
    customers: [
      { id: '12347', recency: 1, frequency: 7, monetary: 4310 },
      { id: '12348', recency: 74, frequency: 4, monetary: 1797.24 }
    ]
  }, 'numeric ids become strings')
  refused(t, () => parseSegmentJson({ customers: [{ id: 'a', recency: 1, frequency: 1, monetary: 1 }, { id: 'b', recency: 1, frequency: 1, monetary: -5 }] }),
    { message: /^row 2 \(id "b"\): monetary must be a finite number ≥ 0, got -5$/, row: 2, id: 'b', field: 'monetary' })
  refused(t, () => parseSegmentJson({ customers: [{ recency: 1, frequency: 1, monetary: 1 }] }),
    { message: /^row 1: id must be a non-empty string, got nothing$/, row: 1, field: 'id' })
  refused(t, () => parseSegmentJson({ customers: [{ id: '  ', recency: 1, frequency: 1, monetary: 1 }] }), { message: /^row 1: id must be a non-empty string/, row: 1, field: 'id' })
  refused(t, () => parseSegmentJson({ customers: ['x'] }), { message: /^row 1: each customer must be an object/, row: 1 })
  refused(t, () => parseSegmentJson({ customers: [] }), { message: /no customers/, field: 'customers' })
  refused(t, () => parseSegmentJson({ customers: 'all' }), { message: /customers must be an array/, field: 'customers' })
  const tooMany = Array.from({ length: MAX_BATCH_CUSTOMERS + 1 }, (_, i) => ({ id: String(i), recency: 1, frequency: 1, monetary: 1 }))
  refused(t, () => parseSegmentJson({ customers: tooMany }), { message: /more than 10,000 customers/, field: 'customers' })
  t.equal((parseSegmentJson({ customers: tooMany.slice(1) }) as { customers: unknown[] }).customers.length, MAX_BATCH_CUSTOMERS, '10,000 is allowed')
})

t.test('a batch as CSV: header in any order, extra columns ignored, row and line in errors', async (t) => {
  const csv = '\ufeffMonetary, id ,recency,frequency,country\r\n4310,12347,1,7,Iceland\r\n\r\n1797.24,12348,74,4,Finland\r\n'
  t.same(parseSegmentCsv(csv), {
    kind: 'batch',
    customers: [
      { id: '12347', recency: 1, frequency: 7, monetary: 4310 },
      { id: '12348', recency: 74, frequency: 4, monetary: 1797.24 }
    ]
  })
  t.same(parseSegmentRequest('id,recency,frequency,monetary\n"C-1",0,1,0\n', 'csv'), { kind: 'batch', customers: [{ id: 'C-1', recency: 0, frequency: 1, monetary: 0 }] })

  const header = 'id,recency,frequency,monetary\n'
  refused(t, () => parseSegmentCsv(header + '12347,1,7,4310\n12348,-3,4,1797\n'),
    { message: /^row 2 \(id "12348"\), line 3: recency must be a finite number ≥ 0, got "-3"$/, row: 2, id: '12348', field: 'recency' })
  refused(t, () => parseSegmentCsv(header + '"two\nlines",1,1,1\n\n12348,-1,1,1\n'),
    { message: /^row 2 \(id "12348"\), line 5: recency/, row: 2, id: '12348', field: 'recency' })
  refused(t, () => parseSegmentCsv(header + '12347,1,seven,4310\n'), { message: /^row 1 \(id "12347"\), line 2: frequency must be a finite number ≥ 1, got "seven"$/, row: 1, id: '12347', field: 'frequency' })
  refused(t, () => parseSegmentCsv(header + '12347,1,7,\n'), { message: /monetary is missing/, row: 1, id: '12347', field: 'monetary' })
  for (const bad of ['0x10', '1e400', 'Infinity', 'NaN', '1,5']) {
    const line = bad.includes(',') ? `12347,1,7,"${bad}"\n` : `12347,1,7,${bad}\n`
    refused(t, () => parseSegmentCsv(header + line), { message: new RegExp(`monetary must be a finite number ≥ 0, got "${bad}"`), row: 1, id: '12347', field: 'monetary' })
  }
  refused(t, () => parseSegmentCsv(header + '12347,1,7,4310\n12348,1,7\n'), { message: /^row 2, line 3: the CSV cannot be read: .*expect 4, got 3/, row: 2 })
  refused(t, () => parseSegmentCsv('id,recency,frequency\n1,2,3\n'), { message: /header must name the columns id, recency, frequency, monetary; missing monetary/, field: 'monetary' })
  refused(t, () => parseSegmentCsv(''), { message: /the CSV is empty/ })
  refused(t, () => parseSegmentCsv(header), { message: /no customers/, field: 'customers' })
  const rows = Array.from({ length: MAX_BATCH_CUSTOMERS + 1 }, (_, i) => `${i},1,1,1`).join('\n')
  refused(t, () => parseSegmentCsv(header + rows), { message: /more than 10,000 customers/, field: 'customers' })
})
