// TEMPORARY test helper: the cleaned real Online Retail table, until trainer/read/ lands with
// loadCleanTransactions. Reads the bundled file whole with csv-parse's sync API (fine for a
// test, not for the trainer) and applies the original project's cleaning rules.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import { PROJECT_ROOT } from '../../../lib/project-root.js'
import { TransactionTableBuilder, type TransactionTable } from '../../../trainer/transactions.js'

export const REAL_DATA = path.join(PROJECT_ROOT, 'data', 'online_retail.csv.gz')

function parseDate (text: string): number {
  const [date, time] = text.split(' ')
  const [y, mo, d] = date.split('-').map(Number)
  const [h, mi, s] = time.split(':').map(Number)
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

let cached: TransactionTable | undefined

export function loadRealTable (): TransactionTable {
  if (cached) return cached
  const records: string[][] = parse(gunzipSync(readFileSync(REAL_DATA)), { from_line: 2 })
  const builder = new TransactionTableBuilder(1 << 19)
  for (const [invoice, stockCode, description, quantity, invoiceDate, unitPrice, customerId, country] of records) {
    const row = {
      invoice,
      stockCode,
      description,
      quantity: Number(quantity),
      invoiceDate: parseDate(invoiceDate),
      unitPrice: Number(unitPrice),
      customerId,
      country
    }
    if (!row.customerId || row.invoice.startsWith('C') || !(row.quantity > 0) || !(row.unitPrice > 0)) continue
    builder.add(row)
  }
  cached = builder.finish()
  return cached
}
