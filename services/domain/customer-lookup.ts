// Known customers (the training data's) by id.
import type { KnownCustomer } from '../../lib/artifacts/index.js'

export type CustomerLookup = ReadonlyMap<string, KnownCustomer>

export function buildCustomerLookup (customers: readonly KnownCustomer[]): CustomerLookup {
  return new Map(customers.map((customer) => [customer.id, customer]))
}

// Spreadsheets and pandas exports turn numeric ids into floats ("12347.0"): accept that spelling.
const FLOAT_ID = /^(\d+)\.0+$/

/** The customer with this id (trimmed; "12347.0" also finds "12347"), or undefined. */
export function findCustomer (lookup: CustomerLookup, id: string): KnownCustomer | undefined {
  const trimmed = id.trim()
  const found = lookup.get(trimmed)
  if (found) return found
  const integral = FLOAT_ID.exec(trimmed)
  return integral ? lookup.get(integral[1]) : undefined
}
