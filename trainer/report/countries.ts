// Transactions and revenue by country, from the aggregates' country totals: the largest countries
// by revenue, the rest folded into one "Other" row so a chart stays readable with 40 countries.
import { fromMicros, type TransactionAggregates } from '../aggregates/contract.js'

export interface CountrySummary {
  country: string
  /** cleaned transaction lines */
  rows: number
  /** distinct invoices with a line from this country (an invoice with lines from two countries counts under both) */
  invoices: number
  /** distinct customers who bought from this country */
  customers: number
  revenue: number
  /** how many countries an "Other" row stands for; 1 for a single country */
  countries: number
}

/** Every country, by revenue (highest first), ties by name. */
export function summariseCountries (aggregates: TransactionAggregates): CountrySummary[] {
  const { lines, invoices, customers, revenueMicros } = aggregates.countryTotals
  const summaries: CountrySummary[] = aggregates.countries.map((country, c) => ({
    country, rows: lines[c], invoices: invoices[c], customers: customers[c], revenue: fromMicros(revenueMicros[c]), countries: 1
  }))
  return summaries
    .filter(s => s.rows > 0)
    .sort((a, b) => (b.revenue - a.revenue) || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0))
}

/**
 * The `top` countries by revenue and, when there are more, one row for the others. Its customers
 * are a sum over countries, so a customer who bought from two of them counts twice there.
 */
export function topCountries (all: readonly CountrySummary[], top = 10): CountrySummary[] {
  if (all.length <= top + 1) return [...all]
  const rest = all.slice(top)
  const other: CountrySummary = {
    country: `Other (${rest.length} countries)`,
    rows: 0,
    invoices: 0,
    customers: 0,
    revenue: 0,
    countries: rest.length
  }
  for (const s of rest) {
    other.rows += s.rows
    other.invoices += s.invoices
    other.customers += s.customers
    other.revenue += s.revenue
  }
  return [...all.slice(0, top), other]
}
