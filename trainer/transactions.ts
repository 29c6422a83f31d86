// The cleaned transaction log, column by column. Strings that repeat (customer ids, stock codes,
// invoices, countries) are stored once in a dictionary and referenced by index, so half a
// million rows cost a few typed arrays instead of half a million objects. The training pipeline
// holds one only per segment being read (each is folded into trainer/aggregates and dropped);
// the whole log as one table is kept only for the offline evaluation's time split (~140 bytes a
// row).
import { normaliseStockCode } from '../lib/stock-code.js'

/** One parsed CSV row, before cleaning. */
export interface TransactionRow {
  invoice: string
  stockCode: string
  description: string
  quantity: number
  /** epoch milliseconds, read as UTC wall-clock time (the data has no time zone) */
  invoiceDate: number
  unitPrice: number
  /** '' when missing */
  customerId: string
  country: string
}

/** A string ↔ index dictionary, indices in order of first appearance. */
export class Dictionary {
  readonly values: string[] = []
  private readonly index = new Map<string, number>()
  id (value: string): number {
    let id = this.index.get(value)
    if (id === undefined) {
      id = this.values.length
      this.values.push(value)
      this.index.set(value, id)
    }
    return id
  }

  /** The number of `value`, or undefined when it was never added. */
  find (value: string): number | undefined { return this.index.get(value) }

  get size (): number { return this.values.length }
}

export interface TransactionTable {
  readonly length: number
  readonly customer: Int32Array
  readonly product: Int32Array
  readonly invoice: Int32Array
  readonly country: Int32Array
  readonly quantity: Float64Array
  readonly unitPrice: Float64Array
  readonly invoiceDate: Float64Array
  readonly customerIds: readonly string[]
  /** stock codes, trimmed and upper-cased */
  readonly productCodes: readonly string[]
  readonly invoiceIds: readonly string[]
  readonly countries: readonly string[]
  /** per product: how often each (trimmed) description was seen, to pick the most frequent */
  readonly descriptionCounts: ReadonlyArray<ReadonlyMap<string, number>>
}

/** Appends rows into growable typed arrays; `finish()` returns the table trimmed to size. */
export class TransactionTableBuilder {
  private capacity: number
  private size = 0
  private customer: Int32Array
  private product: Int32Array
  private invoice: Int32Array
  private country: Int32Array
  private quantity: Float64Array
  private unitPrice: Float64Array
  private invoiceDate: Float64Array
  private readonly customers = new Dictionary()
  private readonly products = new Dictionary()
  private readonly invoices = new Dictionary()
  private readonly countries = new Dictionary()
  private readonly descriptionCounts: Array<Map<string, number>> = []

  constructor (initialCapacity = 1 << 16) {
    this.capacity = initialCapacity
    this.customer = new Int32Array(initialCapacity)
    this.product = new Int32Array(initialCapacity)
    this.invoice = new Int32Array(initialCapacity)
    this.country = new Int32Array(initialCapacity)
    this.quantity = new Float64Array(initialCapacity)
    this.unitPrice = new Float64Array(initialCapacity)
    this.invoiceDate = new Float64Array(initialCapacity)
  }

  get length (): number { return this.size }

  add (row: TransactionRow): void {
    if (this.size === this.capacity) this.grow()
    const i = this.size++
    const product = this.products.id(normaliseStockCode(row.stockCode))
    this.customer[i] = this.customers.id(row.customerId)
    this.product[i] = product
    this.invoice[i] = this.invoices.id(row.invoice)
    this.country[i] = this.countries.id(row.country)
    this.quantity[i] = row.quantity
    this.unitPrice[i] = row.unitPrice
    this.invoiceDate[i] = row.invoiceDate
    let counts = this.descriptionCounts[product]
    if (!counts) {
      counts = new Map()
      this.descriptionCounts[product] = counts
    }
    const description = row.description.trim()
    if (description) counts.set(description, (counts.get(description) ?? 0) + 1)
  }

  finish (): TransactionTable {
    const n = this.size
    return {
      length: n,
      customer: this.customer.slice(0, n),
      product: this.product.slice(0, n),
      invoice: this.invoice.slice(0, n),
      country: this.country.slice(0, n),
      quantity: this.quantity.slice(0, n),
      unitPrice: this.unitPrice.slice(0, n),
      invoiceDate: this.invoiceDate.slice(0, n),
      customerIds: this.customers.values,
      productCodes: this.products.values,
      invoiceIds: this.invoices.values,
      countries: this.countries.values,
      descriptionCounts: this.descriptionCounts
    }
  }

  private grow (): void {
    this.capacity *= 2
    const grow = <T extends Int32Array | Float64Array>(old: T): T => {
      const next = new (old.constructor as new (n: number) => T)(this.capacity)
      next.set(old)
      return next
    }
    this.customer = grow(this.customer)
    this.product = grow(this.product)
    this.invoice = grow(this.invoice)
    this.country = grow(this.country)
    this.quantity = grow(this.quantity)
    this.unitPrice = grow(this.unitPrice)
    this.invoiceDate = grow(this.invoiceDate)
  }
}

/** Builds a table from rows (tests and small inputs). */
export function tableFromRows (rows: Iterable<TransactionRow>): TransactionTable {
  const builder = new TransactionTableBuilder(16)
  for (const row of rows) builder.add(row)
  return builder.finish()
}
