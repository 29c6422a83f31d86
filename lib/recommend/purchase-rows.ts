// Each known customer's distinct purchased products (the artifact contract's purchases.bin) as
// typed compressed sparse rows, built once per version: a customer's history is a subarray view,
// so "recommended for you" copies nothing per request.

export interface PurchaseRows {
  /** number of customers (rows) */
  readonly customers: number
  /** customer c bought products[offsets[c] .. offsets[c + 1]), catalogue indices ascending */
  readonly offsets: Uint32Array
  readonly products: Uint32Array
}

const asUint32 = (values: ArrayLike<number>): Uint32Array => values instanceof Uint32Array ? values : Uint32Array.from(values)

/** From the purchases file (already validated by the artifact contract: lib/artifacts/load.ts); its typed columns are used as they are. */
export function buildPurchaseRows (purchases: { readonly offsets: ArrayLike<number>, readonly products: ArrayLike<number> }): PurchaseRows {
  return { customers: purchases.offsets.length - 1, offsets: asUint32(purchases.offsets), products: asUint32(purchases.products) }
}

/** From one list of catalogue indices per customer (the offline evaluation's histories). */
export function purchaseRowsOf (lists: ReadonlyArray<ArrayLike<number>>): PurchaseRows {
  const offsets = new Uint32Array(lists.length + 1)
  for (let c = 0; c < lists.length; c++) offsets[c + 1] = offsets[c] + lists[c].length
  const products = new Uint32Array(offsets[lists.length])
  for (let c = 0; c < lists.length; c++) products.set(lists[c], offsets[c])
  return { customers: lists.length, offsets, products }
}

/** The distinct products customer `customer` (a row index) bought: a view, not a copy. */
export function purchasesOf (rows: PurchaseRows, customer: number): Uint32Array {
  if (!Number.isInteger(customer) || customer < 0 || customer >= rows.customers) {
    throw new RangeError(`customer ${customer} is not a purchase row (0..${rows.customers - 1})`)
  }
  return rows.products.subarray(rows.offsets[customer], rows.offsets[customer + 1])
}
