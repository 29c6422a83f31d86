// The synthetic generator of the trainer's aggregate inputs (trainer/aggregates/contract.ts), for
// sizes whose rows would take hours to read: 10M customers are ~1.2 billion rows, but only ~10M
// customers, ~10^8 pairs and ~10^8 customer-days as aggregates. Grown from the real aggregates, as
// the row generator grows rows (./synthetic-rows.ts): clone c is a copy of a seeded random real
// customer with a new id (cloneCustomer), buying catalogue copy c mod R (catalogueCopy,
// cloneStockCode) of R = ceil(products / real products) copies; its days, money, dates and pairs'
// quantities are the real customer's. Written in the export format trainer/aggregates/sql/files.ts
// reads (`--input DIR`), streamed: no relation is ever one string in memory.
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { once } from 'node:events'
import path from 'node:path'
import { drawIndices, seededRandom } from '../../lib/seeded-random.js'
import type { TransactionAggregates } from '../../trainer/aggregates/contract.js'
import { RELATION_COLUMNS, type RelationName } from '../../trainer/aggregates/sql/build.js'
import { catalogueCopy, cloneCustomer, cloneStockCode, idBase } from './synthetic-rows.js'
import { fillBy } from '../../lib/typed-arrays.js'

export interface SyntheticAggregatesOptions {
  customers: number
  /** products asked for: the real catalogue is copied ceil(products / real products) times */
  products: number
  /**
   * At most this many of a clone's pairs (drawn at random from its real customer's, see
   * keptPairs); Infinity keeps all. The real customers buy ~61 distinct products each:
   * 10M full clones would be ~610M pairs, more than the trainer holds in 16 GiB.
   */
  maxProductsPerCustomer: number
  seed: number
}

export const SYNTHETIC_AGGREGATES_DEFAULTS: SyntheticAggregatesOptions = { customers: 10_000_000, products: 100_000, maxProductsPerCustomer: 10, seed: 42 }

export interface SyntheticAggregatesSummary {
  customers: number
  products: number
  catalogueCopies: number
  pairs: number
  customerDays: number
  rowsKept: number
  seed: number
}

/**
 * Which pair entries of real customer `c` a clone keeps: all when there are at most `max`, else
 * `max` drawn at random (lib/seeded-random.ts drawIndices on `random`), in product order. Drawn per clone,
 * not the customer's most-bought: those are the catalogue's best sellers, and 10M clones of them
 * bought only 74k of the 103k products.
 */
export function keptPairs (real: TransactionAggregates, c: number, max: number, random: () => number): Int32Array {
  const start = real.pairs.rowOffsets[c]
  const drawn = drawIndices(real.pairs.rowOffsets[c + 1] - start, max, random)
  return fillBy(drawn, (i) => start + drawn[i])
}

/** A CSV field, quoted when it must be (descriptions may hold commas and quotes). */
function csvField (value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** A file written in ~1 MiB pieces, waiting for the disk when it lags (backpressure). */
class CsvFile {
  private readonly stream: WriteStream
  private parts: string[] = []
  private chars = 0
  constructor (readonly file: string, relation: RelationName) {
    this.stream = createWriteStream(file)
    this.line(RELATION_COLUMNS[relation].join(','))
  }

  line (text: string): void {
    this.parts.push(text)
    this.chars += text.length + 1
  }

  /** Writes what is buffered once it passes `atLeast` characters. */
  async flush (atLeast = 1 << 20): Promise<void> {
    if (this.chars < atLeast) return
    const ok = this.stream.write(this.parts.join('\n') + '\n')
    this.parts = []
    this.chars = 0
    if (!ok) await once(this.stream, 'drain')
  }

  async close (): Promise<void> {
    await this.flush(0)
    this.stream.end()
    await once(this.stream, 'finish')
  }

  destroy (): void { this.stream.destroy() }
}

/**
 * Writes the relations of `options.customers` clones of `real`'s customers into `dir` (created;
 * written under `dir.partial` and renamed when complete). Countries are the real relation
 * unscaled (scaled, the largest country's revenue in micros would pass 2^53, where the trainer
 * refuses a sum as inexact); descriptions are each real product's, under each copy's code, for
 * the products some clone bought; the cleaning counts are the clones' rows (the sum of their real
 * customers' lines) with nothing dropped.
 */
export async function writeSyntheticAggregates (real: TransactionAggregates, dir: string, given: Partial<SyntheticAggregatesOptions> = {}): Promise<SyntheticAggregatesSummary> {
  const options = { ...SYNTHETIC_AGGREGATES_DEFAULTS, ...given }
  const { customers, products, maxProductsPerCustomer, seed } = options
  const base = real.productCodes.length
  const realCustomers = real.customerIds.length
  if (!Number.isInteger(customers) || customers < 1) throw new RangeError(`customers must be a positive integer, got ${customers}`)
  if (!Number.isInteger(products) || products < 1) throw new RangeError(`products must be a positive integer, got ${products}`)
  if (!(maxProductsPerCustomer >= 1)) throw new RangeError(`maxProductsPerCustomer must be ≥ 1, got ${maxProductsPerCustomer}`)
  if (realCustomers === 0) throw new RangeError('the real aggregates have no customers')
  const copies = Math.ceil(products / base)
  const idSpan = idBase(Math.max(...real.customerIds.map(Number)))

  const partial = `${dir}.partial`
  await rm(partial, { recursive: true, force: true })
  await mkdir(partial, { recursive: true })
  const open = (relation: RelationName): CsvFile => new CsvFile(path.join(partial, `${relation}.csv`), relation)
  const files = { customers: open('customers'), days: open('customer_days'), pairs: open('pairs') }
  const bought = new Uint8Array(copies * base)
  const random = seededRandom(seed)
  const summary: SyntheticAggregatesSummary = { customers, products: 0, catalogueCopies: copies, pairs: 0, customerDays: 0, rowsKept: 0, seed }
  let invoices = 0
  try {
    for (let clone = 1; clone <= customers; clone++) {
      const r = Math.floor(random() * realCustomers)
      const id = cloneCustomer(real.customerIds[r], clone, idSpan)
      const copy = catalogueCopy(clone, copies)
      const c = real.customers
      files.customers.line(`${id},${c.invoices[r]},${c.monetaryMicros[r]},${c.firstAt[r]},${c.lastAt[r]}`)
      invoices += c.invoices[r]
      for (let d = real.days.offsets[r]; d < real.days.offsets[r + 1]; d++) {
        files.days.line(`${id},${real.days.day[d]},${real.days.valueMicros[d]}`)
        summary.customerDays++
      }
      const entries = keptPairs(real, r, maxProductsPerCustomer, random)
      const p = real.pairs
      for (let e = p.rowOffsets[r]; e < p.rowOffsets[r + 1]; e++) summary.rowsKept += p.lines[e]
      for (const e of entries) {
        bought[copy * base + p.product[e]] = 1
        files.pairs.line(`${id},${cloneStockCode(real.productCodes[p.product[e]], copy)},${p.quantity[e]},${p.lines[e]},${p.firstAt[e]},${p.lastAt[e]}`)
      }
      summary.pairs += entries.length
      await Promise.all([files.customers.flush(), files.days.flush(), files.pairs.flush()])
    }

    // descriptions of the products bought; a non-product code is the same in every copy (cloneStockCode), so once
    const descriptions = open('descriptions')
    const written = new Set<string>()
    for (let i = 0; i < bought.length; i++) {
      if (bought[i] === 0) continue
      const code = cloneStockCode(real.productCodes[i % base], Math.floor(i / base))
      if (written.has(code)) continue
      written.add(code)
      for (const [description, lines] of real.descriptionCounts[i % base]) descriptions.line(`${csvField(code)},${csvField(description)},${lines}`)
      await descriptions.flush()
    }
    summary.products = written.size

    const countries = open('countries')
    real.countries.forEach((name, k) => {
      const t = real.countryTotals
      countries.line(`${csvField(name)},${t.lines[k]},${t.invoices[k]},${t.customers[k]},${t.revenueMicros[k]}`)
    })
    const cleaning = open('cleaning')
    cleaning.line([summary.rowsKept, 0, 0, 0, 0, 0, summary.rowsKept, invoices, real.firstInvoiceAt, real.lastInvoiceAt].join(','))
    await Promise.all([...Object.values(files), descriptions, countries, cleaning].map(async (file) => await file.close()))
  } catch (error) {
    for (const file of Object.values(files)) file.destroy()
    await rm(partial, { recursive: true, force: true })
    throw error
  }
  await rm(dir, { recursive: true, force: true })
  await rename(partial, dir)
  return summary
}
