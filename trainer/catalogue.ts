// Pipeline step 5: the product catalogue and the popularity ranking used for fallbacks.
// Products are sorted by code so the catalogue, and the indices neighbours.json refers to, do not
// depend on the order rows happened to appear in the input: the aggregates already number them in
// that order (code-unit order), so a catalogue index is an aggregates product number.
import type { Catalogue, Product } from '../lib/artifacts/index.js'
import { DEFAULT_NON_PRODUCT_RULE, isNonProductCode, type NonProductRule } from './non-product-codes.js'
import type { TransactionAggregates } from './aggregates/contract.js'
import { compareCodeUnits } from '../lib/code-unit-order.js'

export interface BuiltCatalogue {
  catalogue: Catalogue
  /** catalogue index of each aggregates product: `catalogueIndex[product]` (the identity, kept so callers need not assume it) */
  catalogueIndex: Int32Array
}

/** The most frequent description; ties go to the lexicographically smallest; '' when none was seen. */
export function mostFrequentDescription (counts: ReadonlyMap<string, number> | undefined): string {
  let best = ''
  let bestCount = 0
  if (!counts) return best
  for (const [description, count] of counts) {
    if (count > bestCount || (count === bestCount && compareCodeUnits(description, best) < 0)) {
      best = description
      bestCount = count
    }
  }
  return best
}

export function buildCatalogue (aggregates: TransactionAggregates, rule: NonProductRule = DEFAULT_NON_PRODUCT_RULE): BuiltCatalogue {
  const codes = aggregates.productCodes
  for (let p = 1; p < codes.length; p++) {
    if (!(codes[p - 1] < codes[p])) throw new Error(`aggregates' product codes are not in code-unit order at ${p}: ${codes[p - 1]}, ${codes[p]}`)
  }
  const catalogueIndex = Int32Array.from(codes.keys())

  // every pair is one customer who bought the product (a cleaned quantity is > 0)
  const quantity = new Float64Array(codes.length)
  const customers = new Float64Array(codes.length)
  const { product, quantity: pairQuantity } = aggregates.pairs
  for (let k = 0; k < product.length; k++) {
    if (!(pairQuantity[k] > 0)) continue
    quantity[product[k]] += pairQuantity[k]
    customers[product[k]]++
  }

  const products: Product[] = codes.map((code, index) => ({
    code,
    description: mostFrequentDescription(aggregates.descriptionCounts[index]),
    customers: customers[index],
    quantity: quantity[index],
    recommendable: !isNonProductCode(code, rule)
  }))

  const popularity: number[] = []
  for (let index = 0; index < products.length; index++) if (products[index].recommendable) popularity.push(index)
  // Ties on customers go to volume, then to the code (catalogue order is code order).
  popularity.sort((a, b) => (products[b].customers - products[a].customers) || (products[b].quantity - products[a].quantity) || (a - b))

  return { catalogue: { products, popularity }, catalogueIndex }
}
