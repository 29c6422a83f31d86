// Best-selling products, from the catalogue the trainer built: by units sold and by how many
// distinct customers bought them. Non-product codes (postage, fees …) are left out.
import type { Catalogue, Product } from '../../lib/artifacts/index.js'

export interface RankedProduct {
  rank: number
  code: string
  description: string
  quantity: number
  customers: number
}

function ranked (products: Product[]): RankedProduct[] {
  return products.map((p, i) => ({ rank: i + 1, code: p.code, description: p.description, quantity: p.quantity, customers: p.customers }))
}

function byCode (a: Product, b: Product): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

export function topProductsByQuantity (catalogue: Catalogue, top = 10): RankedProduct[] {
  const products = catalogue.products.filter(p => p.recommendable)
  products.sort((a, b) => (b.quantity - a.quantity) || (b.customers - a.customers) || byCode(a, b))
  return ranked(products.slice(0, top))
}

/** The catalogue's popularity order already ranks by distinct customers. */
export function topProductsByCustomers (catalogue: Catalogue, top = 10): RankedProduct[] {
  return ranked(catalogue.popularity.slice(0, top).map(index => catalogue.products[index]))
}

/** The name a chart shows: the description, or the code when the data had none. */
export function productName (product: Pick<RankedProduct, 'code' | 'description'>, maxLength = 34): string {
  const name = product.description || product.code
  return name.length > maxLength ? name.slice(0, maxLength - 1).trimEnd() + '…' : name
}
