// The service under test for bench/api.ts, in its own process so the load generator does not share
// its event loop: the real app on a model version, plus a bare route on the same instance (same
// hooks: request ids, metrics, CORS and compression as configured, the request log line) as the
// baseline. Talks to the parent over IPC.
//
//   api-server.ts ARTIFACTS_DIR [LOG_LEVEL]
//
// With a LOG_LEVEL, the instance is the one services/server.ts creates, with the configuration
// loaded the same way (defaults for every other setting) and the same pino logger on stdout
// (bench/api.ts sends it to a file). Without, it has no logger (bench:swap, which measures swaps).
import Fastify from 'fastify'
import { Type } from 'typebox'
import app, { instanceOptions } from '../services/app.js'
import { loadConfig } from '../services/plugins/external/env.js'
import { loggerOptions } from '../services/logger.js'
import { customerId } from '../lib/artifacts/index.js'
import { purchaseCountOf } from '../lib/recommend/index.js'
import { BARE_PATH, SETTINGS_ENV, SHEDDING_ENV, SHEDDING_OFF } from './lib/api-server-process.js'

export interface ServerReady {
  type: 'ready'
  port: number
  version: string
  /** product codes to request: the most popular ones and a spread over the rest of the catalogue */
  productCodes: string[]
  /** real customers' RFM values for POST /segments */
  customers: Array<{ id: string, recency: number, frequency: number, monetary: number }>
  /**
   * known customers for GET /customers/:id/recommendations: the same number from each decile by
   * distinct products bought, plus the heaviest buyers; empty when the version has no purchases
   */
  customerIds: string[]
  /** distinct products bought: the smallest, median and largest history of `customerIds` */
  historySizes: { min: number, median: number, max: number }
}

export interface MemorySample {
  type: 'memory'
  rss: number
  heapUsed: number
  heapTotal: number
  /** typed arrays (the model's neighbour index) live outside the JS heap */
  arrayBuffers: number
}

/** CPU time the server process used so far, in microseconds */
export interface CpuSample {
  type: 'cpu'
  user: number
  system: number
}

export type ServerMessage = ServerReady | MemorySample | CpuSample
export type ParentMessage = { type: 'memory' } | { type: 'cpu' } | { type: 'close' }

const POPULAR_CODES = 150
const SPREAD_CODES = 50
const CUSTOMERS = 100
const PER_DECILE = 20
const HEAVIEST = 5
const SAMPLE = 200_000

/** Customers (indices into `sizes`) from every decile of history size (PER_DECILE each, evenly spaced) and the HEAVIEST. */
function spreadOfBuyers (sizes: readonly number[]): number[] {
  const order = sizes.map((_, row) => row).sort((a, b) => sizes[a] - sizes[b] || a - b)
  const chosen = new Set<number>()
  for (let decile = 0; decile < 10; decile++) {
    const start = Math.floor(order.length * decile / 10)
    const end = Math.floor(order.length * (decile + 1) / 10)
    const step = Math.max(1, (end - start) / PER_DECILE)
    for (let i = start; i < end && chosen.size < (decile + 1) * PER_DECILE; i += step) chosen.add(order[Math.floor(i)])
  }
  for (const row of order.slice(-HEAVIEST)) chosen.add(row)
  return [...chosen]
}

async function main (): Promise<void> {
  const [artifactsDir, logLevel] = process.argv.slice(2)
  if (!artifactsDir || !process.send) throw new Error('bench/api-server.ts is started by bench/api.ts')
  const send = (message: ServerMessage): void => { process.send?.(message) }

  // shedding off when the parent says so (startServer's `shedding: false`): a server counted
  // under valgrind runs everything ~50× slower and would shed by event-loop delay, and its heap
  // (valgrind's own memory aside) is not what the service's limit was set for
  const sheddingOff = process.env[SHEDDING_ENV] === SHEDDING_OFF ? { MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0 } : {}
  const settings = JSON.parse(process.env[SETTINGS_ENV] ?? '{}') as Record<string, string>
  const config = loadConfig({ ...settings, ARTIFACTS_DIR: artifactsDir, TRAIN_ON_START: false, LOG_LEVEL: logLevel ?? 'silent', ...sheddingOff })
  const fastify = Fastify({ ...instanceOptions(config), logger: logLevel === undefined ? false : loggerOptions(config.LOG_LEVEL) })
  await fastify.register(app, { config })
  // under /recommendations so the access table (services/plugins/app/auth.ts) covers it like the
  // storefront routes it is the ceiling for (open: the bench configures no key); a route under a
  // path of its own would stop start-up, and one under /health would skip logging and shedding
  fastify.get(BARE_PATH, { schema: { response: { 200: Type.Object({ hello: Type.String() }) } } }, async function () {
    return { hello: 'world' }
  })
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  const address = fastify.server.address()
  if (!address || typeof address === 'string') throw new Error('no TCP address')

  const model = await fastify.modelStore.get()
  const { popularity, products } = model.recommender
  const codes = new Set<string>()
  for (let rank = 0; rank < Math.min(POPULAR_CODES, popularity.length); rank++) codes.add(model.products[popularity[rank]].code)
  // the long tail too, where products have few neighbours or none (popular-product fallback)
  const step = Math.max(1, Math.floor(products / SPREAD_CODES))
  for (let p = 0; p < products && codes.size < POPULAR_CODES + SPREAD_CODES; p += step) codes.add(model.products[p].code)
  const table = model.customers
  const customerStep = Math.max(1, Math.floor(table.count / CUSTOMERS))
  const customers: Array<{ id: string, recency: number, frequency: number, monetary: number }> = []
  for (let i = 0; i < table.count && customers.length < CUSTOMERS; i += customerStep) {
    customers.push({ id: customerId(table, i), recency: table.recency[i], frequency: table.frequency[i], monetary: table.monetary[i] })
  }

  const purchases = model.purchases
  // deciles over an even sample of at most SAMPLE rows: every row of a shop's model, and a 10M-customer
  // one (bench:large-model) does not make this process sort 10M rows before it is ready
  const rowStep = Math.max(1, Math.ceil(table.count / SAMPLE))
  const sampled = Array.from({ length: Math.ceil(table.count / rowStep) }, (_, i) => i * rowStep)
  const historySize = sampled.map((row) => purchases ? purchaseCountOf(purchases.rows, row) : 0)
  const chosen = purchases ? spreadOfBuyers(historySize).map((i) => sampled[i]) : []
  const sizes = chosen.map((row) => purchases ? purchaseCountOf(purchases.rows, row) : 0).sort((a, b) => a - b)
  const historySizes = { min: sizes[0] ?? 0, median: sizes[Math.floor(sizes.length / 2)] ?? 0, max: sizes[sizes.length - 1] ?? 0 }

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'memory') {
      // after a full collection: what stays, not what the last burst left for the collector
      globalThis.gc?.()
      const { rss, heapUsed, heapTotal, arrayBuffers } = process.memoryUsage()
      send({ type: 'memory', rss, heapUsed, heapTotal, arrayBuffers })
    } else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage()
      send({ type: 'cpu', user, system })
    } else if (message.type === 'close') {
      void fastify.close().then(() => process.exit(0))
    }
  })
  send({ type: 'ready', port: address.port, version: model.version, productCodes: [...codes], customers, customerIds: chosen.map((i) => customerId(table, i)), historySizes })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
