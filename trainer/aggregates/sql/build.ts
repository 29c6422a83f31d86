// The trainer's aggregate inputs from the five relations and the cleaning counts as an engine
// computes them with ./aggregates.sql (PostgreSQL through ./read.ts, or any engine's export read by
// ./files.ts): rows of text, in any order. Customers, products and countries are numbered here,
// in code-unit order, so no engine's collation matters; sums and counts must be exact integers
// below 2^53 (bigint or numeric in SQL), where a double would start rounding them.
import { createHash } from 'node:crypto'
import { ShopperError } from '../../../lib/errors.js'
import type { DropCounts, MalformedRows } from '../../clean.js'
import type { TransactionAggregates } from '../contract.js'
import { compareCodeUnits } from '../../../lib/code-unit-order.js'
import { rankInCodeUnitOrder } from '../aggregate.js'
import { GrowableFloat64 } from '../key-index.js'
import { TextKeys } from '../text-keys.js'
import { exactInteger, type RelationBatch } from './relation-batch.js'
import { fillBy } from '../../../lib/typed-arrays.js'

/** The columns of each relation, in the order of aggregates.sql's SELECT lists (and of exported files' headers). */
export const RELATION_COLUMNS = {
  cleaning: ['rows_read', 'malformed', 'missing_customer', 'cancelled', 'non_positive_quantity', 'non_positive_price', 'rows_kept', 'invoices', 'first_at', 'last_at'],
  customers: ['customer_id', 'invoices', 'monetary_micros', 'first_at', 'last_at'],
  customer_days: ['customer_id', 'day', 'value_micros'],
  pairs: ['customer_id', 'stock_code', 'quantity', 'lines', 'first_at', 'last_at'],
  descriptions: ['stock_code', 'description', 'lines'],
  countries: ['country', 'lines', 'invoices', 'customers', 'revenue_micros']
} as const
export type RelationName = keyof typeof RELATION_COLUMNS

/**
 * Each relation's rows in RELATION_COLUMNS order (NULL as ''), in batches (a parsed segment of a
 * file, a row group, rows of COPY): awaiting once a batch rather than once a row, since at 10M
 * customers the relations are ~150M rows. Read in this order, each once.
 */
export interface RelationRecords {
  /** the one row of cleaning counts, by column name */
  cleaning: Readonly<Record<string, string | null>>
  customers: AsyncIterable<RelationBatch>
  customerDays: AsyncIterable<RelationBatch>
  pairs: AsyncIterable<RelationBatch>
  descriptions: AsyncIterable<RelationBatch>
  countries: AsyncIterable<RelationBatch>
}

export interface BuiltAggregates {
  aggregates: TransactionAggregates
  /** a fingerprint of the aggregates: the same rows give the same hash on any engine, in any order */
  bytes: number
  sha256: string
  rowsRead: number
  dropped: DropCounts
  /** rows the SQL counts as malformed (no invoice, stock code, quantity, price or date); a table has no line numbers */
  malformed: MalformedRows
}

/** A column of numbers appended one at a time, in a Float64Array that doubles as it fills. */
class Column {
  private readonly data = new GrowableFloat64()
  private array = this.data.values
  private length = 0
  push (value: number): void {
    // the capacity checked here, not in reserve(), which then runs once a doubling: a call for
    // every one of ~14M values per 1M customers was ~10% of the read (profiled)
    if (this.length === this.array.length) this.array = this.data.reserve(this.length + 1)
    this.array[this.length++] = value
  }

  get values (): Float64Array { return this.array.subarray(0, this.length) }
}

/** Groups up to this long are sorted by insertion: exports have ~10 pairs and ~4 days a customer. */
const INSERTION_SORT_MAX = 32

/**
 * Entry order grouped by `group[e]` (counting sort, stable), then by `key[e]` within each group,
 * ties in entry order; and the groups' offsets. A short group is sorted by insertion in place: a
 * TypedArray#sort with a comparator needs a view and a call a comparison, and at 10^6 groups
 * those were most of this function's time. Both sorts are stable, so the order is the same.
 */
function groupAndSort (group: Int32Array, key: ArrayLike<number>, groups: number): { order: Int32Array, offsets: Int32Array } {
  const offsets = new Int32Array(groups + 1)
  for (let e = 0; e < group.length; e++) offsets[group[e] + 1]++
  for (let g = 0; g < groups; g++) offsets[g + 1] += offsets[g]
  const next = offsets.slice(0, groups)
  const order = new Int32Array(group.length)
  for (let e = 0; e < group.length; e++) order[next[group[e]]++] = e
  for (let g = 0; g < groups; g++) {
    const from = offsets[g]
    const to = offsets[g + 1]
    if (to - from > INSERTION_SORT_MAX) {
      order.subarray(from, to).sort((x, y) => key[x] - key[y])
      continue
    }
    for (let i = from + 1; i < to; i++) {
      const entry = order[i]
      const k = key[entry]
      let j = i - 1
      for (; j >= from && key[order[j]] > k; j--) order[j + 1] = order[j]
      order[j + 1] = entry
    }
  }
  return { order, offsets }
}

function gather (values: ArrayLike<number>, order: Int32Array): Float64Array {
  const out = new Float64Array(order.length)
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]]
  return out
}

/** A fingerprint of the aggregates themselves: the same rows give the same hash on any engine and in any order. */
function hashAggregates (aggregates: TransactionAggregates): { bytes: number, sha256: string } {
  const hash = createHash('sha256')
  let bytes = 0
  const add = (data: string | ArrayBufferView): void => {
    const buffer = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    hash.update(buffer)
    bytes += buffer.length
  }
  for (const names of [aggregates.customerIds, aggregates.productCodes, aggregates.countries]) add(JSON.stringify(names))
  for (const relation of [aggregates.customers, aggregates.days, aggregates.pairs, aggregates.countryTotals]) {
    for (const column of Object.values(relation) as ArrayBufferView[]) add(column)
  }
  add(JSON.stringify(aggregates.descriptionCounts.map((counts) => [...counts])))
  return { bytes, sha256: hash.digest('hex') }
}

/** Builds the TransactionAggregates the JS aggregator would build from the same rows. */
export async function buildAggregates (relations: RelationRecords): Promise<BuiltAggregates> {
  const counts = relations.cleaning
  const count = (column: string): number => exactInteger(counts[column] ?? '0', column)

  // customers first: their numbers place every other relation's rows. Every relation is held in
  // typed columns while it streams in, ids as dictionary numbers: at 10M customers and 10^8 pairs
  // arrays of strings and JS numbers cost ~100 bytes a pair and stop at 2^27 elements.
  const customerIds = new TextKeys()
  const customerEntry = new Column()
  const customerColumns = [new Column(), new Column(), new Column(), new Column()]
  for await (const batch of relations.customers) {
    for (let r = 0; r < batch.length; r++) {
      customerEntry.push(batch.key(r, 0, customerIds, true))
      customerColumns[0].push(batch.integer(r, 1, 'invoices'))
      customerColumns[1].push(batch.integer(r, 2, 'monetary_micros'))
      customerColumns[2].push(batch.integer(r, 3, 'first_at'))
      customerColumns[3].push(batch.integer(r, 4, 'last_at'))
    }
  }
  const customerNumbers = rankInCodeUnitOrder(customerIds.values)
  const customerCount = customerNumbers.sorted.length
  const customers = { invoices: new Float64Array(customerCount), monetaryMicros: new Float64Array(customerCount), firstAt: new Float64Array(customerCount), lastAt: new Float64Array(customerCount) }
  const entries = customerEntry.values
  const [invoices, monetary, first, last] = customerColumns.map((column) => column.values)
  // a repeated id: its last row wins
  for (let e = 0; e < entries.length; e++) {
    const c = customerNumbers.rank[entries[e]]
    customers.invoices[c] = invoices[e]
    customers.monetaryMicros[c] = monetary[e]
    customers.firstAt[c] = first[e]
    customers.lastAt[c] = last[e]
  }
  /** the customer number of row `r`'s id (column 0) */
  const customerOf = (batch: RelationBatch, r: number): number => {
    const c = batch.key(r, 0, customerIds, false)
    if (c < 0) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates: customer ${JSON.stringify(batch.text(r, 0))} is in a relation but not in customers`)
    return customerNumbers.rank[c]
  }

  const dayCustomer = new Column()
  const dayNumber = new Column()
  const dayValue = new Column()
  for await (const batch of relations.customerDays) {
    for (let r = 0; r < batch.length; r++) {
      dayCustomer.push(customerOf(batch, r))
      dayNumber.push(batch.integer(r, 1, 'day'))
      dayValue.push(batch.integer(r, 2, 'value_micros'))
    }
  }
  const dayNumbers = dayNumber.values
  const dayOrder = groupAndSort(Int32Array.from(dayCustomer.values), dayNumbers, customerCount)
  const days = { offsets: dayOrder.offsets, day: fillBy(new Int32Array(dayOrder.order.length), (i) => dayNumbers[dayOrder.order[i]]), valueMicros: gather(dayValue.values, dayOrder.order) }

  // pairs: products are numbered once every code is known (every kept row has a customer, so
  // the pairs name every product)
  const pairCustomer = new Column()
  const pairCodes = new TextKeys()
  const pairCode = new Column()
  const pairQuantity = new Column()
  const pairLines = new Column()
  const pairFirst = new Column()
  const pairLast = new Column()
  for await (const batch of relations.pairs) {
    for (let r = 0; r < batch.length; r++) {
      pairCustomer.push(customerOf(batch, r))
      pairCode.push(batch.key(r, 1, pairCodes, true))
      pairQuantity.push(batch.number(r, 2, 'quantity'))
      pairLines.push(batch.integer(r, 3, 'lines'))
      pairFirst.push(batch.integer(r, 4, 'first_at'))
      pairLast.push(batch.integer(r, 5, 'last_at'))
    }
  }
  const productNumbers = rankInCodeUnitOrder(pairCodes.values)
  const pairCodeIds = pairCode.values
  const pairProduct = fillBy(new Int32Array(pairCodeIds.length), (i) => productNumbers.rank[pairCodeIds[i]])
  const pairOrder = groupAndSort(Int32Array.from(pairCustomer.values), pairProduct, customerCount)
  const pairs = {
    rowOffsets: pairOrder.offsets,
    product: fillBy(new Int32Array(pairOrder.order.length), (i) => pairProduct[pairOrder.order[i]]),
    quantity: gather(pairQuantity.values, pairOrder.order),
    lines: gather(pairLines.values, pairOrder.order),
    firstAt: gather(pairFirst.values, pairOrder.order),
    lastAt: gather(pairLast.values, pairOrder.order)
  }

  const descriptions: Array<Array<[string, number]>> = productNumbers.sorted.map(() => [])
  for await (const batch of relations.descriptions) {
    for (let r = 0; r < batch.length; r++) {
      const code = batch.key(r, 0, pairCodes, false)
      if (code < 0) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates: product ${JSON.stringify(batch.text(r, 0))} has a description but no pair`)
      descriptions[productNumbers.rank[code]].push([batch.text(r, 1), batch.integer(r, 2, 'lines')])
    }
  }
  // each product's descriptions in code-unit order, as the JS aggregator gives them
  const descriptionCounts = descriptions.map((entries) => new Map(entries.sort((x, y) => compareCodeUnits(x[0], y[0]))))

  const countryRows: string[][] = []
  for await (const batch of relations.countries) {
    for (let r = 0; r < batch.length; r++) countryRows.push(RELATION_COLUMNS.countries.map((_, column) => batch.text(r, column)))
  }
  const countryNames = new TextKeys()
  for (const record of countryRows) countryNames.ofText(record[0])
  const countryNumbers = rankInCodeUnitOrder(countryNames.values)
  const countryCount = countryNumbers.sorted.length
  const countryTotals = { lines: new Float64Array(countryCount), invoices: new Float64Array(countryCount), customers: new Float64Array(countryCount), revenueMicros: new Float64Array(countryCount) }
  for (const [country, lines, invoices, buyers, revenue] of countryRows) {
    const k = countryNumbers.rank[countryNames.ofText(country, false)]
    countryTotals.lines[k] = exactInteger(lines, 'lines')
    countryTotals.invoices[k] = exactInteger(invoices, 'invoices')
    countryTotals.customers[k] = exactInteger(buyers, 'customers')
    countryTotals.revenueMicros[k] = exactInteger(revenue, 'revenue_micros')
  }

  const rows = count('rows_kept')
  const aggregates: TransactionAggregates = {
    customerIds: customerNumbers.sorted,
    productCodes: productNumbers.sorted,
    countries: countryNumbers.sorted,
    customers,
    days,
    pairs,
    descriptionCounts,
    countryTotals,
    rows,
    invoices: count('invoices'),
    firstInvoiceAt: rows === 0 ? NaN : count('first_at'),
    lastInvoiceAt: rows === 0 ? NaN : count('last_at')
  }
  return {
    aggregates,
    ...hashAggregates(aggregates),
    rowsRead: count('rows_read'),
    malformed: { rows: count('malformed'), examples: [] },
    dropped: {
      missingCustomer: count('missing_customer'),
      cancelled: count('cancelled'),
      nonPositiveQuantity: count('non_positive_quantity'),
      nonPositivePrice: count('non_positive_price')
    }
  }
}
