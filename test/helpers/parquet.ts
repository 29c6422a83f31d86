// Parquet files for the Parquet input's tests, written with hyparquet-writer from the real
// Online Retail CSV, typed as pandas' `to_parquet` would type them: integer quantities, double
// prices, timestamps, customer ids as doubles with nulls (a numeric column with blanks), missing
// descriptions as nulls.
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import { parse } from 'csv-parse'
import { parquetWriteFile } from 'hyparquet-writer'
import type { ColumnSource } from 'hyparquet-writer'
import { parseInvoiceDate } from '../../trainer/read/parse-date.js'

export interface OnlineRetailParquet {
  rows: number
}

/**
 * Writes the first `limit` data rows of an Online Retail CSV (gzip) to `file` as Parquet, in
 * row groups of `rowGroupSize` rows. Returns how many rows it wrote.
 */
export async function writeOnlineRetailParquet (csvFile: string, file: string, { limit = Infinity, rowGroupSize = 100_000 } = {}): Promise<OnlineRetailParquet> {
  const invoice: string[] = []
  const stockCode: string[] = []
  const description: Array<string | null> = []
  const quantity: number[] = []
  const invoiceDate: Date[] = []
  const unitPrice: number[] = []
  const customerId: Array<number | null> = []
  const country: string[] = []
  const records = createReadStream(csvFile).pipe(createGunzip()).pipe(parse({ from_line: 2, relax_quotes: false }))
  for await (const record of records as AsyncIterable<string[]>) {
    if (invoice.length >= limit) break
    const [inv, code, desc, qty, date, price, customer, place] = record
    invoice.push(inv)
    stockCode.push(code)
    description.push(desc === '' ? null : desc)
    quantity.push(Number(qty))
    invoiceDate.push(new Date(parseInvoiceDate(date)))
    unitPrice.push(Number(price))
    customerId.push(customer === '' ? null : Number(customer))
    country.push(place)
  }
  const columnData: ColumnSource[] = [
    { name: 'InvoiceNo', data: invoice, type: 'STRING', nullable: false },
    { name: 'StockCode', data: stockCode, type: 'STRING', nullable: false },
    { name: 'Description', data: description, type: 'STRING' },
    { name: 'Quantity', data: quantity, type: 'INT32', nullable: false },
    { name: 'InvoiceDate', data: invoiceDate, type: 'TIMESTAMP', nullable: false },
    { name: 'UnitPrice', data: unitPrice, type: 'DOUBLE', nullable: false },
    { name: 'CustomerID', data: customerId, type: 'DOUBLE' },
    { name: 'Country', data: country, type: 'STRING', nullable: false }
  ]
  parquetWriteFile({ filename: file, columnData, rowGroupSize })
  return { rows: invoice.length }
}
