// TEMPORARY: loads the bundled real data, cleaned by the rules, until trainer/read's
// loadCleanTransactions lands; then the real-data test switches to it and this file goes.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { TransactionTableBuilder, type TransactionTable } from '../../../trainer/transactions.js'

export const REAL_DATA = new URL('../../../data/online_retail.csv.gz', import.meta.url)

export function loadRealTable (): TransactionTable {
  const records: string[][] = parse(gunzipSync(readFileSync(REAL_DATA)), { from_line: 2 })
  const builder = new TransactionTableBuilder(1 << 19)
  for (const [invoice, stockCode, description, quantity, , unitPrice, customerId, country] of records) {
    const q = Number(quantity)
    const price = Number(unitPrice)
    if (customerId === '' || invoice.startsWith('C') || !(q > 0) || !(price > 0)) continue
    builder.add({ invoice, stockCode, description, quantity: q, invoiceDate: 0, unitPrice: price, customerId, country })
  }
  return builder.finish()
}
