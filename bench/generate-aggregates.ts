// `npm run bench:generate-aggregates -- [--customers 10000000] [--products 100000] [--max-products-per-customer 10] [--seed 42] [--input FILE] [--out DIR]`
// Writes the trainer's aggregate inputs (`--input DIR`, trainer/aggregates/sql/files.ts) for a shop
// of that many customers and products, grown from the real Online Retail aggregates read through
// the trainer's own aggregation (bench/lib/synthetic-aggregates.ts). See bench/large-trained.md.
import { parseArgs } from 'node:util'
import { loadAggregates } from '../trainer/read/load-aggregates.js'
import { integerOption, positiveInteger } from './lib/bench-options.js'
import { formatSeconds } from './lib/format.js'
import { SYNTHETIC_AGGREGATES_DEFAULTS, writeSyntheticAggregates } from './lib/synthetic-aggregates.js'
import { DEFAULT_SYNTHETIC_INPUT } from './lib/synthetic-file.js'

async function main (): Promise<number> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string', default: DEFAULT_SYNTHETIC_INPUT },
      out: { type: 'string' },
      customers: { type: 'string' },
      products: { type: 'string' },
      'max-products-per-customer': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false }
    }
  })
  const d = SYNTHETIC_AGGREGATES_DEFAULTS
  if (values.help === true) {
    console.log(`usage: npm run bench:generate-aggregates -- [--customers ${d.customers}] [--products ${d.products}] [--max-products-per-customer ${d.maxProductsPerCustomer}] [--seed ${d.seed}] [--input ${DEFAULT_SYNTHETIC_INPUT}] [--out DIR]`)
    return 0
  }
  const customers = positiveInteger('customers', values.customers, d.customers)
  const products = positiveInteger('products', values.products, d.products)
  const maxProductsPerCustomer = positiveInteger('max-products-per-customer', values['max-products-per-customer'], d.maxProductsPerCustomer)
  const seed = integerOption('seed', values.seed, d.seed)
  const out = values.out ?? `bench/out/aggregates_${customers}x${products}`
  const started = performance.now()
  console.error(`generating ${out}: ${customers.toLocaleString('en-US')} customers, ${products.toLocaleString('en-US')} products, ≤ ${maxProductsPerCustomer} products a customer, grown from ${values.input} …`)
  const { aggregates } = await loadAggregates({ input: values.input })
  const summary = await writeSyntheticAggregates(aggregates, out, { customers, products, maxProductsPerCustomer, seed })
  console.error(`wrote ${summary.pairs.toLocaleString('en-US')} pairs in ${formatSeconds(performance.now() - started)}`)
  console.log(JSON.stringify(summary))
  return 0
}

main().then((code) => { process.exitCode = code }, (error: Error) => {
  console.error(`generate-aggregates: ${error.message}`)
  process.exitCode = 2
})
