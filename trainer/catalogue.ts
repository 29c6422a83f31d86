// Pipeline step 5: the product catalogue and the popularity ranking used for fallbacks.
// Products are sorted by code so the catalogue, and the indices neighbours.json refers to, do not
// depend on the order rows happened to appear in the input.
import type { Catalogue, Product } from '../lib/artifacts/index.js'
import { DEFAULT_NON_PRODUCT_RULE, isNonProductCode, type NonProductRule } from './non-product-codes.js'
import { buildPurchaseMatrix, columnCounts } from './neighbours/purchase-matrix.js'
import type { TransactionTable } from './transactions.js'

export interface BuiltCatalogue {
  catalogue: Catalogue
  /** catalogue index of each table product: `catalogueIndex[tableProduct]` */
  catalogueIndex: Int32Array
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareStrings (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The most frequent description; ties go to the lexicographically smallest; '' when none was seen. */
export function mostFrequentDescription (counts: ReadonlyMap<string, number> | undefined): string {
  let best = ''
  let bestCount = 0
  if (!counts) return best
  for (const [description, count] of counts) {
    if (count > bestCount || (count === bestCount && compareStrings(description, best) < 0)) {
      best = description
      bestCount = count
    }
  }
  return best
}

export function buildCatalogue (table: TransactionTable, rule: NonProductRule = DEFAULT_NON_PRODUCT_RULE): BuiltCatalogue {
  const codes = table.productCodes
  const order = Array.from(codes.keys()).sort((a, b) => compareStrings(codes[a], codes[b]))
  const catalogueIndex = new Int32Array(codes.length)
  order.forEach((tableProduct, index) => { catalogueIndex[tableProduct] = index })

  const quantity = new Float64Array(codes.length)
  for (let r = 0; r < table.length; r++) quantity[catalogueIndex[table.product[r]]] += table.quantity[r]
  const customers = columnCounts(buildPurchaseMatrix(table, catalogueIndex, codes.length))

  const products: Product[] = order.map((tableProduct, index) => ({
    code: codes[tableProduct],
    description: mostFrequentDescription(table.descriptionCounts[tableProduct]),
    customers: customers[index],
    quantity: quantity[index],
    recommendable: !isNonProductCode(codes[tableProduct], rule)
  }))

  const popularity: number[] = []
  for (let index = 0; index < products.length; index++) if (products[index].recommendable) popularity.push(index)
  // Ties on customers go to volume, then to the code (catalogue order is code order).
  popularity.sort((a, b) => (products[b].customers - products[a].customers) || (products[b].quantity - products[a].quantity) || (a - b))

  return { catalogue: { products, popularity }, catalogueIndex }
}
