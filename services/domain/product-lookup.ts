// Products by stock code. Codes are stored trimmed and upper-cased (the contract's normal form);
// callers may send any case and stray spaces.
import type { Product } from '../../lib/artifacts/index.js'
import { normaliseStockCode } from '../../lib/stock-code.js'

export type ProductLookup = ReadonlyMap<string, number>

export function buildProductLookup (products: readonly Pick<Product, 'code'>[]): ProductLookup {
  const lookup = new Map<string, number>()
  products.forEach((product, index) => lookup.set(normaliseStockCode(product.code), index))
  return lookup
}

/** Catalogue index of `code` (trimmed, case-insensitive), or undefined. */
export function findProduct (lookup: ProductLookup, code: string): number | undefined {
  return lookup.get(normaliseStockCode(code))
}
