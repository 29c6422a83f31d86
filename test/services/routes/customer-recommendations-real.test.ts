// GET /customers/:id/recommendations on a model trained on the bundled UCI Online Retail data:
// for every known customer, nothing they bought is recommended, with and without the cache.
import t from 'tap'
import { customerRecords, loadVersion, purchaseRow } from '../../../lib/artifacts/index.js'
import { trainAndPublish } from '../../../trainer/train.js'
import { build } from '../../helpers/build.js'

interface Answer { customer: { id: string, purchasedProducts: number }, fallback: boolean, recommendations: Array<{ code: string, source: string }> }

t.test('real data: no customer is recommended anything they bought', async (t) => {
  const dir = t.testdir()
  const { version } = await trainAndPublish({ out: dir })
  const loaded = await loadVersion(dir, version)
  const purchases = loaded.purchases!
  const codes = loaded.catalogue.products.map((p) => p.code)
  const app = await build(t, { artifactsDir: dir })

  let repeats = 0
  let checked = 0
  let fallbacks = 0
  let short = 0
  const customers = customerRecords(loaded.customers)
  for (let row = 0; row < customers.length; row++) {
    const bought = new Set(Array.from(purchaseRow(purchases, row), (p) => codes[p]))
    // every customer at limit 50 (cached), one in ten again through the uncached path
    const queries = row % 10 === 0 ? ['limit=50', 'limit=50&exclude=NOPE'] : ['limit=50']
    for (const query of queries) {
      const response = await app.inject({ url: `/customers/${encodeURIComponent(customers[row].id)}/recommendations?${query}` })
      if (response.statusCode !== 200) throw new Error(`${customers[row].id}: ${response.statusCode} ${response.body}`)
      const answer = response.json<Answer>()
      if (answer.customer.purchasedProducts !== bought.size) throw new Error(`${customers[row].id}: ${answer.customer.purchasedProducts} purchased products, purchases.json has ${bought.size}`)
      for (const item of answer.recommendations) if (bought.has(item.code)) repeats++
      if (answer.fallback) fallbacks++
      if (answer.recommendations.length < 50) short++
      checked++
    }
  }
  t.equal(repeats, 0, `${checked} answers for ${customers.length} customers: no product any of them bought`)
  t.equal(short, 0, 'every answer is a full row of 50 (popular fill)')
  t.ok(fallbacks < customers.length / 100, `${fallbacks} fallbacks: almost every customer has co-purchase data`)

  const count = (row: number): number => purchaseRow(purchases, row).length
  const heaviest = customers.reduce((best, c, row) => (count(row) > count(best) ? row : best), 0)
  t.ok(count(heaviest) > 1000, `the heaviest buyer (${customers[heaviest].id}) bought ${count(heaviest)} distinct products`)
})
