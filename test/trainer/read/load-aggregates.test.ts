// The streamed aggregates on the real data: folding each parsed segment into the aggregator as it
// arrives (on worker threads, small segments so there are hundreds) gives exactly the aggregates
// of the whole cleaned table, and the same cleaning report.
import path from 'node:path'
import t from 'tap'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { aggregateTable } from '../../../trainer/aggregates/aggregate.js'
import { loadAggregates } from '../../../trainer/read/load-aggregates.js'
import { loadCleanTransactions } from '../../../trainer/read/load-clean-transactions.js'

const ONLINE_RETAIL = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')

t.test('Online Retail: streamed aggregates = the aggregates of the whole table', async (t) => {
  const streamed = await loadAggregates({ input: ONLINE_RETAIL, workers: 1, segmentBytes: 1 << 17 })
  t.equal(streamed.table, undefined, 'no rows kept unless asked')
  const whole = await loadCleanTransactions({ input: ONLINE_RETAIL, workers: 0 })
  t.same(streamed.aggregates, aggregateTable(whole.table))
  t.same(streamed.aggregates, whole.aggregates, 'keepRows changes nothing in the aggregates')
  t.same(streamed.cleaning, whole.report)
  t.same(streamed.input, whole.input)
  t.equal(streamed.aggregates.pairs.product.length, 266_792, 'customer × product pairs')
  t.equal(streamed.aggregates.days.day.length, 16_763, 'customer-days')
})
