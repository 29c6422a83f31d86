// The streaming aggregator: cleaned rows in, the five relations of contract.ts out. Memory grows
// with distinct customers, customer × product pairs, customer-days and invoices, never with rows:
// each group-by is a KeyIndex (open addressing on typed arrays) with its sums in Float64Arrays
// beside it. While streaming, customers, products, invoices and countries are numbered in order
// of first appearance; `finish()` renumbers them in code-unit order and sorts every relation, so
// the result does not depend on the order the rows came in (shuffled rows give equal aggregates:
// sums of integers and minima and maxima do not depend on order, and money is summed in exact
// integer micros).
import { normaliseStockCode } from '../../lib/stock-code.js'
import { DAY_MS } from '../rfm.js'
// dictionaries in order of first appearance, renumbered by `rankInCodeUnitOrder` at the end
import { Dictionary, type TransactionRow, type TransactionTable } from '../transactions.js'
import { lineAmountMicros, type TransactionAggregates } from './contract.js'
import { GrowableFloat64, KeyIndex } from './key-index.js'
import { compareCodeUnits } from '../../lib/code-unit-order.js'

/** `sorted` the names in code-unit order, `rank[id]` the position of name `id` in it. */
export function rankInCodeUnitOrder (names: readonly string[]): { sorted: string[], rank: Int32Array } {
  const order = Array.from(names.keys()).sort((a, b) => compareCodeUnits(names[a], names[b]))
  const rank = new Int32Array(names.length)
  order.forEach((id, position) => { rank[id] = position })
  return { sorted: order.map((id) => names[id]), rank }
}

/**
 * Entry numbers ordered by `groupRank[groupOf[e]]`, stable (a counting sort), and the groups'
 * offsets (`groups + 1` entries).
 */
function groupBy (groupOf: Int32Array, groupRank: Int32Array, groups: number, input?: Int32Array): { order: Int32Array, offsets: Int32Array } {
  const n = groupOf.length
  const offsets = new Int32Array(groups + 1)
  for (let e = 0; e < n; e++) offsets[groupRank[groupOf[e]] + 1]++
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g]
  const next = offsets.slice(0, groups)
  const order = new Int32Array(n)
  for (let k = 0; k < n; k++) {
    const e = input === undefined ? k : input[k]
    order[next[groupRank[groupOf[e]]]++] = e
  }
  return { order, offsets }
}

function gather (values: Float64Array, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]]
  return out
}

export class TransactionAggregator {
  private readonly customerNames = new Dictionary()
  private readonly productNames = new Dictionary()
  private readonly invoiceNames = new Dictionary()
  private readonly countryNames = new Dictionary()

  // per customer (first-appearance number)
  private readonly customerMonetary = new GrowableFloat64()
  private readonly customerFirst = new GrowableFloat64()
  private readonly customerLast = new GrowableFloat64()
  private readonly customerInvoices = new GrowableFloat64()

  // customer × product
  private readonly pairs = new KeyIndex(1 << 16)
  private readonly pairQuantity = new GrowableFloat64(1 << 16)
  private readonly pairLines = new GrowableFloat64(1 << 16)
  private readonly pairFirst = new GrowableFloat64(1 << 16)
  private readonly pairLast = new GrowableFloat64(1 << 16)

  // customer × day
  private readonly days = new KeyIndex()
  private readonly dayValue = new GrowableFloat64()

  // the distinct (customer, invoice), (country, invoice) and (country, customer) pairs
  private readonly customerInvoice = new KeyIndex()
  private readonly countryInvoice = new KeyIndex()
  private readonly countryCustomer = new KeyIndex()

  // per country
  private readonly countryLines: number[] = []
  private readonly countryInvoices: number[] = []
  private readonly countryCustomers: number[] = []
  private readonly countryRevenue: number[] = []

  private readonly descriptions: Array<Map<string, number> | undefined> = []

  private rows = 0
  private customersSeen = 0
  private firstAt = Infinity
  private lastAt = -Infinity
  private finished = false

  // The previous line's invoice, customer and country: lines of one invoice come together, so
  // the distinct-invoice and distinct-customer sets are only probed when one of them changes.
  private lastInvoice = -1
  private lastCustomer = -1
  private lastCountry = -1
  private lastDay = 0
  private lastDayEntry = -1

  /** kept rows added so far */
  get length (): number { return this.rows }

  /** Adds one cleaned row (the row is not kept: the caller may reuse it). */
  add (row: TransactionRow): void {
    const product = this.productNames.id(normaliseStockCode(row.stockCode))
    const description = row.description.trim()
    if (description) this.countDescription(product, description, 1)
    this.addLine(
      this.customerNames.id(row.customerId), product, this.invoiceNames.id(row.invoice),
      this.countryNames.id(row.country), row.quantity, row.unitPrice, row.invoiceDate
    )
  }

  /**
   * Adds the rows of a table of cleaned rows (a segment parsed by a worker, or the evaluation's
   * training rows): its dictionaries are mapped once, then its rows go in as numbers.
   */
  addTable (table: TransactionTable): void {
    // customers are numbered as their first row arrives (addLine relies on it to spot a new one)
    const customer = new Int32Array(table.customerIds.length).fill(-1)
    const product = table.productCodes.map((code) => this.productNames.id(code))
    const invoice = table.invoiceIds.map((id) => this.invoiceNames.id(id))
    const country = table.countries.map((name) => this.countryNames.id(name))
    table.descriptionCounts.forEach((counts, local) => {
      for (const [description, n] of counts) this.countDescription(product[local], description, n)
    })
    for (let i = 0; i < table.length; i++) {
      const local = table.customer[i]
      let c = customer[local]
      if (c === -1) {
        c = this.customerNames.id(table.customerIds[local])
        customer[local] = c
      }
      this.addLine(
        c, product[table.product[i]], invoice[table.invoice[i]],
        country[table.country[i]], table.quantity[i], table.unitPrice[i], table.invoiceDate[i]
      )
    }
  }

  private countDescription (product: number, description: string, n: number): void {
    let counts = this.descriptions[product]
    if (counts === undefined) {
      counts = new Map()
      this.descriptions[product] = counts
    }
    counts.set(description, (counts.get(description) ?? 0) + n)
  }

  private addLine (customer: number, product: number, invoice: number, country: number, quantity: number, unitPrice: number, at: number): void {
    if (this.finished) throw new Error('TransactionAggregator: add after finish()')
    const amount = lineAmountMicros(quantity, unitPrice)
    this.rows++
    if (at < this.firstAt) this.firstAt = at
    if (at > this.lastAt) this.lastAt = at

    // per customer
    const customers = this.customerNames.size
    const monetary = this.customerMonetary.reserve(customers)
    const first = this.customerFirst.reserve(customers)
    const last = this.customerLast.reserve(customers)
    const invoices = this.customerInvoices.reserve(customers)
    if (customer === this.customersSeen) {
      // customers are numbered as their first line arrives
      this.customersSeen++
      first[customer] = at
      last[customer] = at
    }
    monetary[customer] += amount
    if (at < first[customer]) first[customer] = at
    if (at > last[customer]) last[customer] = at

    // per pair
    const pairsBefore = this.pairs.size
    const pair = this.pairs.id(customer, product)
    const pairQuantity = this.pairQuantity.reserve(pair + 1)
    const pairLines = this.pairLines.reserve(pair + 1)
    const pairFirst = this.pairFirst.reserve(pair + 1)
    const pairLast = this.pairLast.reserve(pair + 1)
    if (pair === pairsBefore) {
      pairFirst[pair] = at
      pairLast[pair] = at
    } else {
      if (at < pairFirst[pair]) pairFirst[pair] = at
      if (at > pairLast[pair]) pairLast[pair] = at
    }
    pairQuantity[pair] += quantity
    pairLines[pair]++

    // per customer-day
    const day = Math.floor(at / DAY_MS)
    let dayEntry = this.lastDayEntry
    if (customer !== this.lastCustomer || day !== this.lastDay || dayEntry === -1) {
      dayEntry = this.days.id(customer, day)
      this.lastDay = day
      this.lastDayEntry = dayEntry
    }
    this.dayValue.reserve(dayEntry + 1)[dayEntry] += amount

    // per country
    while (this.countryLines.length <= country) {
      this.countryLines.push(0)
      this.countryInvoices.push(0)
      this.countryCustomers.push(0)
      this.countryRevenue.push(0)
    }
    this.countryLines[country]++
    this.countryRevenue[country] += amount

    // distinct counts, probed only when the invoice, customer or country changes
    if (invoice !== this.lastInvoice || customer !== this.lastCustomer || country !== this.lastCountry) {
      let before = this.customerInvoice.size
      if (this.customerInvoice.id(customer, invoice) === before) invoices[customer]++
      before = this.countryInvoice.size
      if (this.countryInvoice.id(country, invoice) === before) this.countryInvoices[country]++
      before = this.countryCustomer.size
      if (this.countryCustomer.id(country, customer) === before) this.countryCustomers[country]++
      this.lastInvoice = invoice
      this.lastCustomer = customer
      this.lastCountry = country
    }
  }

  /** The aggregates, in code-unit order. The aggregator cannot be used afterwards (its memory is handed over or freed). */
  finish (): TransactionAggregates {
    if (this.finished) throw new Error('TransactionAggregator: finish() called twice')
    this.finished = true
    const customerCount = this.customerNames.size
    const productCount = this.productNames.size
    const countryCount = this.countryNames.size
    const customersRanked = rankInCodeUnitOrder(this.customerNames.values)
    const productsRanked = rankInCodeUnitOrder(this.productNames.values)
    const countriesRanked = rankInCodeUnitOrder(this.countryNames.values)
    // the sets only counted; their memory goes before the relations are sorted
    this.customerInvoice.freeze()
    this.countryInvoice.freeze()
    this.countryCustomer.freeze()

    const byCustomer = new Int32Array(customerCount)
    customersRanked.rank.forEach((rank, id) => { byCustomer[rank] = id })
    const perCustomer = (values: GrowableFloat64): Float64Array => gather(values.reserve(customerCount), byCustomer)
    const customers = {
      invoices: perCustomer(this.customerInvoices),
      monetaryMicros: perCustomer(this.customerMonetary),
      firstAt: perCustomer(this.customerFirst),
      lastAt: perCustomer(this.customerLast)
    }

    // pairs: a stable counting sort by product rank, then one by customer rank (LSD radix), so
    // each customer's products come out ascending in two linear passes. Each column is handed
    // over as soon as it is gathered: at 100× Online Retail (26M pairs) holding every unsorted
    // column beside every sorted one would cost another gigabyte at the peak.
    const pairKeys = this.pairs.takeKeys()
    const byProduct = groupBy(pairKeys.b, productsRanked.rank, productCount).order
    const pairOrder = groupBy(pairKeys.a, customersRanked.rank, customerCount, byProduct)
    const product = new Int32Array(pairOrder.order.length)
    for (let i = 0; i < product.length; i++) product[i] = productsRanked.rank[pairKeys.b[pairOrder.order[i]]]
    const pairs = {
      rowOffsets: pairOrder.offsets,
      product,
      quantity: gather(this.pairQuantity.take(), pairOrder.order),
      lines: gather(this.pairLines.take(), pairOrder.order),
      firstAt: gather(this.pairFirst.take(), pairOrder.order),
      lastAt: gather(this.pairLast.take(), pairOrder.order)
    }

    // days: grouped by customer rank, then each (short) group sorted by day
    this.days.freeze()
    const dayKeys = this.days.b
    const dayOrder = groupBy(this.days.a, customersRanked.rank, customerCount)
    for (let c = 0; c < customerCount; c++) {
      const start = dayOrder.offsets[c]
      const end = dayOrder.offsets[c + 1]
      if (end - start > 1) dayOrder.order.subarray(start, end).sort((x, y) => dayKeys[x] - dayKeys[y])
    }
    const day = new Int32Array(dayOrder.order.length)
    for (let i = 0; i < day.length; i++) day[i] = dayKeys[dayOrder.order[i]]
    const days = { offsets: dayOrder.offsets, day, valueMicros: gather(this.dayValue.values, dayOrder.order) }

    // descriptions, each product's in code-unit order so the maps iterate alike whatever the input order
    const descriptionCounts: Array<ReadonlyMap<string, number>> = new Array(productCount)
    for (let p = 0; p < productCount; p++) {
      const counts = this.descriptions[p]
      descriptionCounts[productsRanked.rank[p]] = counts === undefined
        ? new Map()
        : new Map([...counts].sort((x, y) => compareCodeUnits(x[0], y[0])))
    }

    const byCountry = new Int32Array(countryCount)
    countriesRanked.rank.forEach((rank, id) => { byCountry[rank] = id })
    const perCountry = (values: number[]): Float64Array => gather(Float64Array.from(values), byCountry)

    return {
      customerIds: customersRanked.sorted,
      productCodes: productsRanked.sorted,
      countries: countriesRanked.sorted,
      customers,
      days,
      pairs,
      descriptionCounts,
      countryTotals: {
        lines: perCountry(this.countryLines),
        invoices: perCountry(this.countryInvoices),
        customers: perCountry(this.countryCustomers),
        revenueMicros: perCountry(this.countryRevenue)
      },
      rows: this.rows,
      invoices: this.invoiceNames.size,
      firstInvoiceAt: this.rows === 0 ? NaN : this.firstAt,
      lastInvoiceAt: this.rows === 0 ? NaN : this.lastAt
    }
  }
}

/** The aggregates of cleaned rows held in memory. */
export function aggregateRows (rows: Iterable<TransactionRow>): TransactionAggregates {
  const aggregator = new TransactionAggregator()
  for (const row of rows) aggregator.add(row)
  return aggregator.finish()
}

/** The aggregates of a table of cleaned rows (the evaluation's training side, tests). */
export function aggregateTable (table: TransactionTable): TransactionAggregates {
  const aggregator = new TransactionAggregator()
  aggregator.addTable(table)
  return aggregator.finish()
}
