// Each known customer's distinct purchased products (the artifact contract's purchases.bin) as
// delta-encoded varint rows (lib/artifacts/purchase-varints.ts), used as the file has them: a
// customer's history is decoded on access (tens of entries: microseconds), which keeps a
// 10M-customer version's rows at about a byte or two a purchase instead of four.
import { decodeVarintRow, encodeVarintRows, varintRowLength, varintRowsOf, type VarintRows } from '../artifacts/purchase-varints.js'

export interface PurchaseRows extends VarintRows {
  /** number of customers (rows) */
  readonly customers: number
}

/** From the purchases file (already validated by the artifact contract: lib/artifacts/load.ts); its typed columns are used as they are. */
export function buildPurchaseRows (purchases: VarintRows | { readonly offsets: ArrayLike<number>, readonly products: ArrayLike<number> }): PurchaseRows {
  const rows = 'bytes' in purchases ? purchases : encodeVarintRows(purchases.offsets, purchases.products)
  return { customers: rows.offsets.length - 1, offsets: rows.offsets, bytes: rows.bytes }
}

/** From one list of catalogue indices per customer, ascending and distinct (the offline evaluation's histories). */
export function purchaseRowsOf (lists: ReadonlyArray<ArrayLike<number>>): PurchaseRows {
  return { customers: lists.length, ...varintRowsOf(lists) }
}

function checkRow (rows: PurchaseRows, customer: number): void {
  if (!Number.isInteger(customer) || customer < 0 || customer >= rows.customers) {
    throw new RangeError(`customer ${customer} is not a purchase row (0..${rows.customers - 1})`)
  }
}

/** The distinct products customer `customer` (a row index) bought, ascending: decoded, a fresh array. */
export function purchasesOf (rows: PurchaseRows, customer: number): Uint32Array {
  checkRow(rows, customer)
  return decodeVarintRow(rows, customer)
}

/** How many distinct products customer `customer` bought (without decoding the row). */
export function purchaseCountOf (rows: PurchaseRows, customer: number): number {
  checkRow(rows, customer)
  return varintRowLength(rows, customer)
}
