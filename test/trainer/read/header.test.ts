import t from 'tap'
import { ShopperError } from '../../../lib/errors.js'
import { recogniseHeader } from '../../../trainer/read/header.js'

const ONLINE_RETAIL = ['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']
const ONLINE_RETAIL_II = ['Invoice', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'Price', 'Customer ID', 'Country']

t.test('Online Retail header', async (t) => {
  const layout = recogniseHeader(ONLINE_RETAIL)
  t.equal(layout.format, 'online-retail')
  t.equal(layout.width, 8)
  t.same(layout.index, { invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7 })
  t.equal(layout.names.unitPrice, 'UnitPrice')
})

t.test('Online Retail II header', async (t) => {
  const layout = recogniseHeader(ONLINE_RETAIL_II)
  t.equal(layout.format, 'online-retail-ii')
  t.equal(layout.index.customerId, 6)
  t.equal(layout.index.unitPrice, 5)
  t.equal(layout.names.customerId, 'Customer ID')
})

t.test('known headers in another order, with an extra column, other case and padding', async (t) => {
  const header = ['', ' country', 'customerid', 'UnitPrice', 'InvoiceDate', 'Quantity', 'Description', 'StockCode', 'InvoiceNo ']
  const layout = recogniseHeader(header)
  t.equal(layout.format, 'online-retail')
  t.equal(layout.width, 9, 'records must have as many fields as the header')
  t.same(layout.index, { invoice: 8, stockCode: 7, description: 6, quantity: 5, invoiceDate: 4, unitPrice: 3, customerId: 2, country: 1 })
})

t.test('unknown header: one line saying what was expected and what was found', async (t) => {
  const header = ['OrderId', 'StockCode', 'Description', 'Qty', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']
  const error = t.throws(() => recogniseHeader(header)) as ShopperError
  t.equal(error.code, 'ERR_UNKNOWN_HEADER')
  t.notMatch(error.message, /\n/, 'one line')
  t.match(error.message, 'Online Retail (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country)')
  t.match(error.message, 'Online Retail II (Invoice, StockCode, Description, Quantity, InvoiceDate, Price, Customer ID, Country)')
  t.match(error.message, 'found "OrderId", "StockCode", "Description", "Qty", "InvoiceDate", "UnitPrice", "CustomerID", "Country"')
  t.match(error.message, 'closest is Online Retail, missing "InvoiceNo", "Quantity"')
})

t.test('a mapping names other columns; unmapped fields keep a known name', async (t) => {
  const header = ['OrderId', 'Sku', 'Title', 'Qty', 'When', 'Price', 'Customer ID', 'Country']
  const layout = recogniseHeader(header, { invoice: 'OrderId', stockCode: 'Sku', description: 'Title', quantity: 'Qty', invoiceDate: 'When' })
  t.equal(layout.format, 'mapped')
  t.same(layout.index, { invoice: 0, stockCode: 1, description: 2, quantity: 3, invoiceDate: 4, unitPrice: 5, customerId: 6, country: 7 })
  t.equal(layout.names.invoice, 'OrderId')
  t.equal(layout.names.unitPrice, 'Price', 'the Online Retail II name, found in the file')
})

t.test('with a mapping, description and country may be absent', async (t) => {
  const layout = recogniseHeader(['order', 'sku', 'qty', 'date', 'price', 'client'], {
    invoice: 'order', stockCode: 'sku', quantity: 'qty', invoiceDate: 'date', unitPrice: 'price', customerId: 'client'
  })
  t.equal(layout.index.description, -1)
  t.equal(layout.index.country, -1)
  t.equal(layout.width, 6)
})

t.test('a mapping whose columns are not in the header', async (t) => {
  const error = t.throws(() => recogniseHeader(['order', 'sku'], { invoice: 'OrderId' })) as ShopperError
  t.equal(error.code, 'ERR_UNKNOWN_HEADER')
  t.match(error.message, 'invoice ("OrderId")')
  t.match(error.message, 'quantity ("Quantity")')
  t.notMatch(error.message, 'description', 'optional fields are not demanded')
  t.match(error.message, 'found "order", "sku"')
})

t.test('a mapping with an unknown field is a usage error', async (t) => {
  const error = t.throws(() => recogniseHeader(ONLINE_RETAIL, { price: 'UnitPrice' } as never)) as ShopperError
  t.equal(error.code, 'ERR_USAGE')
  t.match(error.message, '"price"')
})
