// Known customers (the training data's) by id: a binary search over the customers file's id
// column (sorted in UTF-8 byte order, unique: lib/artifacts checks both on load). No Map: at 10M
// customers a Map of id strings costs about 1 GB and seconds to build on every load; the search
// is 24 byte comparisons and no memory beyond the file's own columns.
import { findString, type CustomerTable } from '../../lib/artifacts/index.js'

export type CustomerLookup = CustomerTable

// Spreadsheets and pandas exports turn numeric ids into floats ("12347.0"): accept that spelling.
const FLOAT_ID = /^(\d+)\.0+$/

/** The position (row) of the customer with this id (trimmed; "12347.0" also finds "12347"), or -1. */
export function findCustomer (customers: CustomerLookup, id: string): number {
  const trimmed = id.trim()
  const found = findString(customers.ids, Buffer.from(trimmed, 'utf8'))
  if (found >= 0) return found
  const integral = FLOAT_ID.exec(trimmed)
  return integral ? findString(customers.ids, Buffer.from(integral[1], 'utf8')) : -1
}
