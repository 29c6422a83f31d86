// Joins TransactionTables built from consecutive segments of one file into the table a single
// pass over the file would have built: rows in file order, and every dictionary (customers,
// products, invoices, countries, descriptions per product) in order of first appearance. That
// holds because a segment's local dictionaries are themselves in first-appearance order, and
// segments are appended in file order.
import { Dictionary, type TransactionTable } from '../transactions.js'

function remap (dictionary: Dictionary, values: readonly string[]): Int32Array {
  const ids = new Int32Array(values.length)
  for (let i = 0; i < values.length; i++) ids[i] = dictionary.id(values[i])
  return ids
}

interface Part {
  table: TransactionTable
  customer: Int32Array
  product: Int32Array
  invoice: Int32Array
  country: Int32Array
}

export class TableConcatenator {
  private readonly parts: Part[] = []
  private readonly customers = new Dictionary()
  private readonly products = new Dictionary()
  private readonly invoices = new Dictionary()
  private readonly countries = new Dictionary()
  private readonly descriptionCounts: Array<Map<string, number>> = []
  private length = 0

  addTable (table: TransactionTable): void {
    const part: Part = {
      table,
      customer: remap(this.customers, table.customerIds),
      product: remap(this.products, table.productCodes),
      invoice: remap(this.invoices, table.invoiceIds),
      country: remap(this.countries, table.countries)
    }
    table.descriptionCounts.forEach((counts, local) => {
      const product = part.product[local]
      let total = this.descriptionCounts[product]
      if (total === undefined) {
        total = new Map()
        this.descriptionCounts[product] = total
      }
      for (const [description, n] of counts) total.set(description, (total.get(description) ?? 0) + n)
    })
    this.parts.push(part)
    this.length += table.length
  }

  finish (): TransactionTable {
    const n = this.length
    const customer = new Int32Array(n)
    const product = new Int32Array(n)
    const invoice = new Int32Array(n)
    const country = new Int32Array(n)
    const quantity = new Float64Array(n)
    const unitPrice = new Float64Array(n)
    const invoiceDate = new Float64Array(n)
    let at = 0
    for (const part of this.parts) {
      const { table } = part
      for (let i = 0; i < table.length; i++) {
        customer[at + i] = part.customer[table.customer[i]]
        product[at + i] = part.product[table.product[i]]
        invoice[at + i] = part.invoice[table.invoice[i]]
        country[at + i] = part.country[table.country[i]]
      }
      quantity.set(table.quantity, at)
      unitPrice.set(table.unitPrice, at)
      invoiceDate.set(table.invoiceDate, at)
      at += table.length
    }
    return {
      length: n,
      customer,
      product,
      invoice,
      country,
      quantity,
      unitPrice,
      invoiceDate,
      customerIds: this.customers.values,
      productCodes: this.products.values,
      invoiceIds: this.invoices.values,
      countries: this.countries.values,
      descriptionCounts: this.descriptionCounts
    }
  }
}
