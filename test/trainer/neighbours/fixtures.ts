// Shared by the neighbour tests: a seeded random transaction log, and the reference the sparse
// code is checked against — a dense customer × product matrix and cosine by plain nested loops.
import type { Neighbours } from '../../../lib/artifacts/index.js'
import type { BuiltCatalogue } from '../../../trainer/catalogue.js'
import type { NeighbourOptions } from '../../../trainer/neighbours/index.js'
import { type TransactionRow } from '../../../trainer/transactions.js'
import { aggregatedLog, type AggregatedLog } from '../../helpers/trainer-data.js'
import { seededRandom } from '../../../lib/seeded-random.js'

export function row (customerId: string, stockCode: string, quantity = 1, description = `item ${stockCode}`): TransactionRow {
  return { invoice: `I-${customerId}`, stockCode, description, quantity, invoiceDate: 0, unitPrice: 1, customerId, country: 'UK' }
}

/**
 * A random log: customers buy from a skewed catalogue (a few popular products), some several
 * times (so quantities sum), with postage/manual lines mixed in, codes in mixed case and order.
 */
export function randomTable (seed: number, customers = 60, products = 40, rows = 900): AggregatedLog {
  const random = seededRandom(seed)
  const codes = Array.from({ length: products }, (_, p) => (p % 3 === 0 ? `${20000 + p * 7}a` : `${20000 + p * 7}`))
  codes.push('POST', 'm')
  const out: TransactionRow[] = []
  for (let r = 0; r < rows; r++) {
    const customer = `C${Math.floor(random() * customers)}`
    const code = random() < 0.08 ? codes[products + Math.floor(random() * 2)] : codes[Math.floor(products * random() * random())]
    out.push(row(customer, code, 1 + Math.floor(random() * random() * 60)))
  }
  return aggregatedLog(out)
}

export interface DenseReference {
  /** rows = customers, columns = catalogue products; non-recommendable columns stay zero */
  weights: Float64Array[]
  norms: Float64Array
  customers: Int32Array
}

/** Dense (customers × catalogue products) weights over recommendable products, with column norms. */
export function denseReference (table: AggregatedLog, built: BuiltCatalogue, weighting: NeighbourOptions['weighting']): DenseReference {
  const products = built.catalogue.products
  const weights = Array.from({ length: table.customerIds.length }, () => new Float64Array(products.length))
  for (let r = 0; r < table.length; r++) {
    const p = built.catalogueIndex[table.product[r]]
    if (products[p].recommendable && table.quantity[r] > 0) weights[table.customer[r]][p] += table.quantity[r]
  }
  for (const customerRow of weights) {
    for (let p = 0; p < customerRow.length; p++) {
      const q = customerRow[p]
      if (q === 0) continue
      customerRow[p] = weighting === 'binary' ? 1 : weighting === 'quantity' ? q : Math.log1p(q)
    }
  }
  const norms = new Float64Array(products.length)
  const customers = new Int32Array(products.length)
  for (const customerRow of weights) {
    for (let p = 0; p < products.length; p++) {
      norms[p] += customerRow[p] * customerRow[p]
      if (customerRow[p] > 0) customers[p]++
    }
  }
  for (let p = 0; p < norms.length; p++) norms[p] = Math.sqrt(norms[p])
  return { weights, norms, customers }
}

export interface DenseNeighbour { neighbour: number, score: number, shared: number }

/** Every candidate of product i, best first, by the plain definition (every customer, every product). */
export function denseNeighbours (reference: DenseReference, i: number, options: Pick<NeighbourOptions, 'minSupport' | 'popularityDamping'>): DenseNeighbour[] {
  const { weights, norms, customers } = reference
  const products = norms.length
  const dot = new Float64Array(products)
  const shared = new Int32Array(products)
  for (const customerRow of weights) {
    const weightI = customerRow[i]
    for (let j = 0; j < products; j++) {
      dot[j] += weightI * customerRow[j]
      if (weightI > 0 && customerRow[j] > 0) shared[j]++
    }
  }
  const out: DenseNeighbour[] = []
  for (let j = 0; j < products; j++) {
    if (j === i || shared[j] === 0 || shared[j] < options.minSupport) continue
    out.push({ neighbour: j, score: dot[j] / (norms[i] * norms[j]) / Math.pow(customers[j], options.popularityDamping), shared: shared[j] })
  }
  return out.sort((a, b) => (b.score - a.score) || (a.neighbour - b.neighbour))
}

/** Product p's stored neighbours, best first. */
export function rowOf (neighbours: Neighbours, p: number): DenseNeighbour[] {
  const out: DenseNeighbour[] = []
  for (let u = neighbours.offsets[p]; u < neighbours.offsets[p + 1]; u++) {
    out.push({ neighbour: neighbours.neighbour[u], score: neighbours.score[u], shared: neighbours.sharedCustomers[u] })
  }
  return out
}

/**
 * Differences between a stored row and the dense reference's top K, within `tolerance`.
 * Products whose reference scores tie within the tolerance may come in either order, so a
 * position matches when its score agrees and its neighbour's own reference score agrees too.
 */
export function compareRow (stored: DenseNeighbour[], reference: DenseNeighbour[], topK: number, tolerance: number): string[] {
  const problems: string[] = []
  const expected = reference.slice(0, topK)
  if (stored.length !== expected.length) problems.push(`length ${stored.length} ≠ ${expected.length}`)
  const byNeighbour = new Map(reference.map((entry) => [entry.neighbour, entry]))
  for (let u = 0; u < Math.min(stored.length, expected.length); u++) {
    const got = stored[u]
    const truth = byNeighbour.get(got.neighbour)
    if (Math.abs(got.score - expected[u].score) > tolerance) problems.push(`#${u}: score ${got.score} ≠ ${expected[u].score}`)
    if (!truth) {
      problems.push(`#${u}: ${got.neighbour} is not a candidate`)
      continue
    }
    if (Math.abs(got.score - truth.score) > tolerance) problems.push(`#${u}: ${got.neighbour} scored ${got.score}, dense ${truth.score}`)
    if (got.shared !== truth.shared) problems.push(`#${u}: ${got.neighbour} shares ${got.shared} customers, dense ${truth.shared}`)
  }
  return problems
}

export { seededRandom }
