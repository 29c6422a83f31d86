// The chronological split of the offline evaluation: the model learns from the rows before a
// cutoff instant and is judged on what customers bought from the cutoff on. A random split would
// let the model see a customer's future baskets; a split in time is what a deployed model faces.
import { ShopperError } from '../../lib/errors.js'
import { mostFrequentDescription } from '../catalogue.js'
import { DEFAULT_NON_PRODUCT_RULE, isNonProductCode, type NonProductRule } from '../non-product-codes.js'
import { checkOption } from '../option-table/index.js'
import { DAY_MS } from '../rfm.js'
import { aggregateTable } from '../aggregates/aggregate.js'
import type { TransactionAggregates } from '../aggregates/contract.js'
import { Dictionary, type TransactionTable } from '../transactions.js'
import { DEFAULT_EVALUATION_DAYS, EVALUATION_OPTIONS } from './options.js'

export interface SplitOptions {
  /**
   * The test period is the last `evaluationDays` × 24 h of the data: cutoff = last invoice
   * instant − evaluationDays days (on Online Retail 2011-12-09 12:50 − 90 d = 2011-09-10 12:50).
   */
  evaluationDays: number
  /** an explicit cutoff instant instead (rows at or after it are the test period) */
  cutoff?: Date
  /** which stock codes are not products: they never count as test purchases */
  nonProductRule: NonProductRule
}

export interface ChronologicalSplit {
  /** epoch ms: rows with invoiceDate < cutoff are training rows, the others the test period */
  cutoff: number
  /**
   * The aggregates of the rows before the cutoff, made by the aggregator the training pipeline
   * streams into, so a model trained on them is built by the same code as a published model and
   * is the model a file holding only those rows would give. (Descriptions are counted over the
   * whole table: a table keeps no per-row description. They only name products, so this leaks no
   * purchase of the test period.)
   */
  train: TransactionAggregates
  /** rows before the cutoff */
  trainRows: number
  /** rows at or after the cutoff */
  testRows: number
  /**
   * Per customer id with at least one recommendable purchase at or after the cutoff: the
   * distinct recommendable product codes bought then, in order of first purchase.
   */
  testPurchases: ReadonlyMap<string, readonly string[]>
  /**
   * Every product code of the whole table → its most frequent description: the original
   * method names products by description, test-period products included.
   */
  descriptions: ReadonlyMap<string, string>
}

function usage (message: string): ShopperError {
  return new ShopperError('ERR_USAGE', `evaluation: ${message}`)
}

/** The cutoff instant the options ask for. */
export function resolveCutoff (table: TransactionTable, options: Pick<SplitOptions, 'evaluationDays' | 'cutoff'>): number {
  if (options.cutoff !== undefined) {
    const cutoff = options.cutoff.getTime()
    if (Number.isNaN(cutoff)) throw usage('the cutoff is not a valid date')
    return cutoff
  }
  checkOption(EVALUATION_OPTIONS.rows.evaluationDays, options.evaluationDays, 'evaluation: evaluationDays')
  let last = -Infinity
  for (let r = 0; r < table.length; r++) if (table.invoiceDate[r] > last) last = table.invoiceDate[r]
  return last - options.evaluationDays * DAY_MS
}

/** Splits `table` at the cutoff; throws ERR_USAGE when either side would be empty. */
export function splitChronologically (table: TransactionTable, options: Partial<SplitOptions> = {}): ChronologicalSplit {
  const resolved: SplitOptions = {
    evaluationDays: options.evaluationDays ?? DEFAULT_EVALUATION_DAYS,
    cutoff: options.cutoff,
    nonProductRule: options.nonProductRule ?? DEFAULT_NON_PRODUCT_RULE
  }
  const cutoff = resolveCutoff(table, resolved)
  const when = new Date(cutoff).toISOString()

  const trainRows: number[] = []
  const testPurchases = new Map<string, string[]>()
  const seen = new Map<string, Set<string>>()
  const recommendable = table.productCodes.map((code) => !isNonProductCode(code, resolved.nonProductRule))
  let testRows = 0
  for (let r = 0; r < table.length; r++) {
    if (table.invoiceDate[r] < cutoff) {
      trainRows.push(r)
      continue
    }
    testRows++
    if (!recommendable[table.product[r]]) continue
    const customer = table.customerIds[table.customer[r]]
    const code = table.productCodes[table.product[r]]
    let codes = seen.get(customer)
    if (codes === undefined) {
      codes = new Set()
      seen.set(customer, codes)
      testPurchases.set(customer, [])
    }
    if (!codes.has(code)) {
      codes.add(code)
      testPurchases.get(customer)?.push(code)
    }
  }
  if (trainRows.length === 0) throw usage(`no row before the cutoff ${when}: nothing to train on`)
  if (testRows === 0) throw usage(`no row at or after the cutoff ${when}: nothing to test on`)

  const descriptions = new Map(table.productCodes.map((code, p) => [code, mostFrequentDescription(table.descriptionCounts[p])]))
  return { cutoff, train: aggregateTable(selectRows(table, trainRows)), trainRows: trainRows.length, testRows, testPurchases, descriptions }
}

/** The given rows (in order) as a table whose dictionaries hold only what they use. */
export function selectRows (table: TransactionTable, rows: readonly number[]): TransactionTable {
  const n = rows.length
  const customers = new Dictionary()
  const products = new Dictionary()
  const invoices = new Dictionary()
  const countries = new Dictionary()
  const customer = new Int32Array(n)
  const product = new Int32Array(n)
  const invoice = new Int32Array(n)
  const country = new Int32Array(n)
  const quantity = new Float64Array(n)
  const unitPrice = new Float64Array(n)
  const invoiceDate = new Float64Array(n)
  const descriptionCounts: Array<ReadonlyMap<string, number>> = []
  for (let i = 0; i < n; i++) {
    const r = rows[i]
    customer[i] = customers.id(table.customerIds[table.customer[r]])
    const before = products.size
    product[i] = products.id(table.productCodes[table.product[r]])
    if (products.size > before) descriptionCounts.push(table.descriptionCounts[table.product[r]] ?? new Map())
    invoice[i] = invoices.id(table.invoiceIds[table.invoice[r]])
    country[i] = countries.id(table.countries[table.country[r]])
    quantity[i] = table.quantity[r]
    unitPrice[i] = table.unitPrice[r]
    invoiceDate[i] = table.invoiceDate[r]
  }
  return {
    length: n,
    customer,
    product,
    invoice,
    country,
    quantity,
    unitPrice,
    invoiceDate,
    customerIds: customers.values,
    productCodes: products.values,
    invoiceIds: invoices.values,
    countries: countries.values,
    descriptionCounts
  }
}
