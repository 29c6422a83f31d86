// Money in the API is rounded to the currency's cents (pounds sterling: 2 decimals), whatever the
// artifacts hold. Since issue 12 the trainer sums money exactly (customer 12347: 4310, where a
// float sum gave 4309.999999999997), but unit prices with a third decimal still leave a few
// customers' spend with three in customers.json; every answer has at most two.
import t from 'tap'
import { customerRecords, loadVersion } from '../../../lib/artifacts/index.js'
import { trainAndPublish } from '../../../trainer/train.js'
import { build } from '../../helpers/build.js'

/** at most two decimals as JSON writes the number */
const isCents = (value: number): boolean => Number.isFinite(value) && (String(value).split('.')[1] ?? '').length <= 2

t.test('real data: every money amount the API answers is in cents', async (t) => {
  const dir = t.testdir()
  const { version } = await trainAndPublish({ out: dir })
  const loaded = await loadVersion(dir, version)
  const app = await build(t, { artifactsDir: dir })

  const customer = await app.inject({ url: '/customers/12347' })
  t.equal(customer.statusCode, 200)
  t.equal(customer.json().monetary, 4310, 'GET /customers/12347: 4310, not 4309.999999999997')

  const long = customerRecords(loaded.customers).filter((c) => !isCents(c.monetary))
  t.ok(long.length > 0, `${long.length} customers have more than 2 decimals in the customers file`)
  for (const { id, monetary } of long.slice(0, 200)) {
    const answer = (await app.inject({ url: `/customers/${id}` })).json<{ monetary: number }>()
    if (answer.monetary !== Math.round(monetary * 100) / 100) t.fail(`${id}: ${answer.monetary} for ${monetary}`)
  }

  const segments = (await app.inject({ url: '/segments' })).json<{ segments: Array<{ label: string, centroid: { monetary: number } }> }>()
  for (const { label, centroid } of segments.segments) t.ok(isCents(centroid.monetary), `${label}'s centroid spend ${centroid.monetary} is in cents`)
})
