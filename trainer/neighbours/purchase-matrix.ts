// The customer × product matrix, sparse. Built with counting sorts (count, prefix-sum, fill) over
// typed arrays: no per-row objects, no hashing, O(rows + customers + products).
import type { TransactionTable } from '../transactions.js'

/**
 * Customer-major compressed sparse rows: row c lists the distinct products customer c bought,
 * in ascending column order, with the summed quantity of each.
 */
export interface PurchaseMatrix {
  readonly customers: number
  readonly products: number
  /** row c is entries rowOffsets[c] .. rowOffsets[c + 1] */
  readonly rowOffsets: Int32Array
  readonly product: Int32Array
  readonly quantity: Float64Array
  /** epoch ms of the customer's last purchase of the product (recency decay: recency.ts) */
  readonly lastPurchase: Float64Array
}

/** Product-major view of the same entries: column p lists its customers, ascending. */
export interface PurchaseColumns {
  /** column p is colOffsets[p] .. colOffsets[p + 1] */
  readonly colOffsets: Int32Array
  readonly customer: Int32Array
  /** index of the same cell in the row-major arrays, so a walk can continue along the customer's row */
  readonly entry: Int32Array
}

function prefixSum (counts: Int32Array): void {
  for (let i = 1; i < counts.length; i++) counts[i] += counts[i - 1]
}

/**
 * `columnOf[tableProduct]` is the matrix column of each table product, or -1 to leave it out.
 * Rows with a quantity ≤ 0 are left out too: a cleaned table has none, and a return must not
 * become negative co-purchase evidence.
 */
export function buildPurchaseMatrix (table: TransactionTable, columnOf: Int32Array, products: number): PurchaseMatrix {
  const customers = table.customerIds.length
  const { customer, product, quantity, invoiceDate } = table

  // Counting sort of the kept rows by column, then a stable one by customer: rows end up grouped
  // by customer with ascending columns inside each group, which makes duplicates adjacent.
  const columnStart = new Int32Array(products + 1)
  let kept = 0
  for (let r = 0; r < table.length; r++) {
    const p = columnOf[product[r]]
    if (p < 0 || !(quantity[r] > 0)) continue
    columnStart[p + 1]++
    kept++
  }
  prefixSum(columnStart)
  const byColumn = new Int32Array(kept)
  const columnCursor = columnStart.slice(0, products)
  for (let r = 0; r < table.length; r++) {
    const p = columnOf[product[r]]
    if (p < 0 || !(quantity[r] > 0)) continue
    byColumn[columnCursor[p]++] = r
  }

  const customerStart = new Int32Array(customers + 1)
  for (let t = 0; t < kept; t++) customerStart[customer[byColumn[t]] + 1]++
  prefixSum(customerStart)
  const byCustomer = new Int32Array(kept)
  const customerCursor = customerStart.slice(0, customers)
  for (let t = 0; t < kept; t++) {
    const r = byColumn[t]
    byCustomer[customerCursor[customer[r]]++] = r
  }

  const rowOffsets = new Int32Array(customers + 1)
  const cellProduct = new Int32Array(kept)
  const cellQuantity = new Float64Array(kept)
  const cellLast = new Float64Array(kept)
  let cells = 0
  for (let c = 0; c < customers; c++) {
    const rowStart = cells
    rowOffsets[c] = rowStart
    for (let t = customerStart[c]; t < customerStart[c + 1]; t++) {
      const r = byCustomer[t]
      const p = columnOf[product[r]]
      if (cells > rowStart && cellProduct[cells - 1] === p) {
        cellQuantity[cells - 1] += quantity[r]
        if (invoiceDate[r] > cellLast[cells - 1]) cellLast[cells - 1] = invoiceDate[r]
      } else {
        cellProduct[cells] = p
        cellQuantity[cells] = quantity[r]
        cellLast[cells] = invoiceDate[r]
        cells++
      }
    }
  }
  rowOffsets[customers] = cells

  return {
    customers,
    products,
    rowOffsets,
    product: cellProduct.slice(0, cells),
    quantity: cellQuantity.slice(0, cells),
    lastPurchase: cellLast.slice(0, cells)
  }
}

/** Distinct customers per column. */
export function columnCounts (matrix: PurchaseMatrix): Int32Array {
  const counts = new Int32Array(matrix.products)
  for (let k = 0; k < matrix.product.length; k++) counts[matrix.product[k]]++
  return counts
}

/** The transpose, built by count, prefix-sum and fill; customers ascend within each column. */
export function purchaseColumns (matrix: PurchaseMatrix): PurchaseColumns {
  const cells = matrix.product.length
  const colOffsets = new Int32Array(matrix.products + 1)
  for (let k = 0; k < cells; k++) colOffsets[matrix.product[k] + 1]++
  prefixSum(colOffsets)
  const cursor = colOffsets.slice(0, matrix.products)
  const customer = new Int32Array(cells)
  const entry = new Int32Array(cells)
  for (let c = 0; c < matrix.customers; c++) {
    for (let k = matrix.rowOffsets[c]; k < matrix.rowOffsets[c + 1]; k++) {
      const slot = cursor[matrix.product[k]]++
      customer[slot] = c
      entry[slot] = k
    }
  }
  return { colOffsets, customer, entry }
}
