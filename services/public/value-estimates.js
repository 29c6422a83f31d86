// A customer's value estimates (the version's BG/NBD and Gamma-Gamma fits): the words and numbers
// the page shows for them, and how a single known customer's are found. P(alive) is null when the
// data could not estimate dropout; the page says so in words and never shows it as 100 %.
import { requestJson, segment } from './api.js'
import { listingQuery } from './audience-query.js'
import { formatExpected, formatMoney, formatShare } from './format.js'

export const DEGENERATE_NOTE = 'Not estimated: the shop\'s data cannot tell when a customer stops buying (dropout is degenerate), ' +
  'so there is no probability that they are still active. Expected purchases and revenue assume they keep buying at their own rate.'

/** The note for a listing's or customer's `value` ({ horizonDays, dropout } or null). */
export function valueNote (value) {
  if (value === null || value === undefined) return 'This model version has no value estimates (expected purchases and revenue).'
  if (value.dropout === 'degenerate') return `P(alive): ${DEGENERATE_NOTE.charAt(0).toLowerCase()}${DEGENERATE_NOTE.slice(1)}`
  return null
}

/** P(alive) as text: a percentage, or the reason there is none. */
export function describePAlive (pAlive) {
  return pAlive === null || pAlive === undefined ? DEGENERATE_NOTE : formatShare(pAlive)
}

/** [label, text] pairs for a customer's estimates over `horizonDays`. */
export function valueFacts (estimates, horizonDays) {
  return [
    [`Expected purchases, next ${horizonDays} days`, formatExpected(estimates.expectedPurchases)],
    [`Expected revenue, next ${horizonDays} days`, formatMoney(estimates.expectedRevenue)],
    ['Expected order value', formatMoney(estimates.expectedOrderValue)],
    ['P(alive), still an active customer', describePAlive(estimates.pAlive)]
  ]
}

/**
 * A known customer's estimates: `{ value, estimates }` (value null: the version has none).
 * GET customers/{id} does not carry them, so they are read from the customer's audience, narrowed
 * by filters to the customers with exactly their recency and frequency and at least their spend,
 * sorted by spend upwards: the customer is on the first page (unless > 100 share all three).
 */
export async function customerEstimates (customer, { signal } = {}) {
  if (customer.expectedRevenue !== undefined && customer.value !== undefined) return { value: customer.value, estimates: customer }
  const query = listingQuery({
    sort: 'monetary',
    order: 'asc',
    filters: { minMonetary: customer.monetary, minFrequency: customer.frequency, minRecency: customer.recency, maxRecency: customer.recency },
    version: customer.version,
    limit: 100
  })
  const page = await requestJson(`segments/${segment(customer.segment.id)}/customers?${query}`, { signal })
  if (page.value === null) return { value: null, estimates: null }
  const estimates = page.customers.find((row) => row.id === customer.id) ?? null
  return { value: page.value, estimates }
}
