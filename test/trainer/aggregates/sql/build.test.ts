// buildAggregates orders each customer's days and pairs by day and product number, repeated keys
// in the order their rows came: by insertion in a short group, by comparator in a long one, with
// the same result.
import t from 'tap'
import { RELATION_COLUMNS, buildAggregates } from '../../../../trainer/aggregates/sql/build.js'
import { TextBatch, type RelationBatch } from '../../../../trainer/aggregates/sql/relation-batch.js'

const batches = (rows: string[][]): AsyncIterable<RelationBatch> => (async function * () { yield new TextBatch(rows) })()
const cleaning = Object.fromEntries(RELATION_COLUMNS.cleaning.map((column) => [column, '1']))

async function daysOf (days: Array<[string, number, number]>): Promise<{ offsets: number[], day: number[], value: number[] }> {
  const built = await buildAggregates({
    cleaning,
    customers: batches([['B', '1', '1', '0', '0'], ['A', '1', '1', '0', '0']]),
    customerDays: batches(days.map(([id, day, value]) => [id, String(day), String(value)])),
    pairs: batches([['A', 'P2', '1', '1', '0', '0'], ['B', 'P1', '1', '1', '0', '0'], ['A', 'P1', '2', '1', '0', '0'], ['A', 'P2', '3', '1', '0', '0']]),
    descriptions: batches([]),
    countries: batches([])
  })
  const pairs = built.aggregates.pairs
  t.same([...pairs.product], [0, 1, 1, 0], 'A: P1, then P2 twice in row order; B: P1')
  t.same([...pairs.quantity], [2, 1, 3, 1])
  const { offsets, day, valueMicros } = built.aggregates.days
  return { offsets: [...offsets], day: [...day], value: [...valueMicros] }
}

t.test('days by customer, then day, repeated days in row order: short and long groups alike', async (t) => {
  const rows: Array<[string, number, number]> = [['B', 15_002, 1], ['A', 15_001, 2], ['A', 15_000, 3], ['B', 15_000, 4], ['A', 15_001, 5]]
  t.same(await daysOf(rows), { offsets: [0, 3, 5], day: [15_000, 15_001, 15_001, 15_000, 15_002], value: [3, 2, 5, 4, 1] })
  // 40 days for A (more than an insertion sort takes), with repeats, and B's short group
  const long: Array<[string, number, number]> = [...rows]
  for (let i = 0; i < 40; i++) long.push(['A', 15_000 + ((i * 7) % 13), 100 + i])
  const expected = long.map((row, i) => ({ row, i })).sort((x, y) => x.row[0].localeCompare(y.row[0]) || x.row[1] - y.row[1] || x.i - y.i).map(({ row }) => row)
  t.same(await daysOf(long), { offsets: [0, 43, 45], day: expected.map((row) => row[1]), value: expected.map((row) => row[2]) })
})
