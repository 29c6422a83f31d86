// The customer × product matrix, sparse, built from the aggregates' customer × product pairs:
// O(pairs + customers), typed arrays, no per-row work (the rows were summed while streaming).
import type { TransactionAggregates } from '../aggregates/contract.js'

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
 * `columnOf[product]` is the matrix column of each aggregates product, or -1 to leave it out.
 * The rows come straight from the customer × product pairs, already grouped by customer with
 * products ascending; only a `columnOf` that merges products into one column (the original
 * method's descriptions) or reorders them needs a row sorted and its duplicates summed.
 */
export function buildPurchaseMatrix (aggregates: TransactionAggregates, columnOf: Int32Array, products: number): PurchaseMatrix {
  const customers = aggregates.customerIds.length
  const { rowOffsets: pairOffsets, product, quantity, lastAt } = aggregates.pairs

  let kept = 0
  for (let k = 0; k < product.length; k++) if (columnOf[product[k]] >= 0 && quantity[k] > 0) kept++
  const rowOffsets = new Int32Array(customers + 1)
  const cellProduct = new Int32Array(kept)
  const cellQuantity = new Float64Array(kept)
  const cellLast = new Float64Array(kept)
  let cells = 0
  let scratch: number[] = []
  for (let c = 0; c < customers; c++) {
    const rowStart = cells
    rowOffsets[c] = rowStart
    let ascending = true
    for (let k = pairOffsets[c]; k < pairOffsets[c + 1]; k++) {
      const p = columnOf[product[k]]
      // a cleaned log has no quantity ≤ 0; a return must not become negative co-purchase evidence
      if (p < 0 || !(quantity[k] > 0)) continue
      if (cells > rowStart && cellProduct[cells - 1] >= p) ascending = false
      cellProduct[cells] = p
      cellQuantity[cells] = quantity[k]
      cellLast[cells] = lastAt[k]
      cells++
    }
    if (!ascending) {
      // sort the row's cells by column, then sum the cells of one column
      scratch = []
      for (let k = rowStart; k < cells; k++) scratch.push(k)
      scratch.sort((a, b) => cellProduct[a] - cellProduct[b] || a - b)
      const p = scratch.map((k) => cellProduct[k])
      const q = scratch.map((k) => cellQuantity[k])
      const l = scratch.map((k) => cellLast[k])
      cells = rowStart
      for (let i = 0; i < p.length; i++) {
        if (cells > rowStart && cellProduct[cells - 1] === p[i]) {
          cellQuantity[cells - 1] += q[i]
          if (l[i] > cellLast[cells - 1]) cellLast[cells - 1] = l[i]
        } else {
          cellProduct[cells] = p[i]
          cellQuantity[cells] = q[i]
          cellLast[cells] = l[i]
          cells++
        }
      }
    }
  }
  rowOffsets[customers] = cells

  return {
    customers,
    products,
    rowOffsets,
    product: cells === kept ? cellProduct : cellProduct.slice(0, cells),
    quantity: cells === kept ? cellQuantity : cellQuantity.slice(0, cells),
    lastPurchase: cells === kept ? cellLast : cellLast.slice(0, cells)
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
