// The audience browser's form as the API's query string: sort, order and the filters a campaign
// selects with (GET segments/{segment}/customers). The same string builds every page's URL and
// the "Download CSV" link, so the file is exactly the audience on screen. Pure: tested in
// test/services/public/audience-query.test.ts.
import { parseAmount } from './rfm-input.js'

/** What the list can be sorted by; `values`: needs a version with value estimates. */
export const AUDIENCE_SORTS = [
  { value: 'monetary', label: 'Spent', values: false },
  { value: 'frequency', label: 'Orders', values: false },
  { value: 'recency', label: 'Days since the last purchase', values: false },
  { value: 'expectedRevenue', label: 'Expected revenue', values: true }
]

/**
 * The filters, in the form's order. `scale` turns what a person types into the API's unit (P(alive)
 * is typed in percent); `pAlive`: needs a version whose dropout was estimated.
 */
export const AUDIENCE_FILTERS = [
  { name: 'minExpectedRevenue', label: 'Expected revenue at least', unit: '£, over the value horizon', max: Infinity, whole: false, scale: 1, example: '100' },
  { name: 'minMonetary', label: 'Spent at least', unit: '£ in all', max: Infinity, whole: false, scale: 1, example: '500' },
  { name: 'minFrequency', label: 'Orders at least', unit: 'orders', max: Infinity, whole: true, scale: 1, example: '2' },
  { name: 'maxRecency', label: 'Last purchase at most', unit: 'days ago', max: Infinity, whole: true, scale: 1, example: '90' },
  { name: 'minRecency', label: 'Last purchase at least', unit: 'days ago', max: Infinity, whole: true, scale: 1, example: '60' },
  { name: 'minPAlive', label: 'P(alive) at least', unit: '%', max: 100, whole: false, scale: 0.01, example: '50', pAlive: true },
  { name: 'maxPAlive', label: 'P(alive) at most', unit: '%', max: 100, whole: false, scale: 0.01, example: '80', pAlive: true }
]

/** Keeps a scaled value free of float noise: 55 % → 0.55, not 0.5500000000000001. */
function tidy (value) {
  return Number(value.toPrecision(12))
}

/**
 * `texts`: the raw text of each filter field (empty = no filter). Returns `{ ok: true, filters }`
 * in the API's units, or `{ ok: false, errors: { <name>: message } }` naming every wrong field.
 */
export function readAudienceFilters (texts) {
  const filters = {}
  const errors = {}
  for (const field of AUDIENCE_FILTERS) {
    const value = parseAmount(texts[field.name])
    if (value === undefined) continue
    if (Number.isNaN(value)) errors[field.name] = `${field.label} must be a number, like ${field.example}.`
    else if (value < 0) errors[field.name] = `${field.label} cannot be negative.`
    else if (value > field.max) errors[field.name] = `${field.label} must be at most ${field.max}${field.unit}.`
    else if (field.whole && !Number.isInteger(value)) errors[field.name] = `${field.label} must be a whole number.`
    else filters[field.name] = tidy(value * field.scale)
  }
  if (filters.minRecency !== undefined && filters.maxRecency !== undefined && filters.minRecency > filters.maxRecency) {
    errors.minRecency = 'The last purchase cannot be at least more days ago than at most.'
  }
  if (filters.minPAlive !== undefined && filters.maxPAlive !== undefined && filters.minPAlive > filters.maxPAlive) {
    errors.minPAlive = 'P(alive) at least cannot be more than at most.'
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, filters }
}

/**
 * The query string (no "?") of one listing: `sort`, `order`, the filters in the form's order, then
 * `version`, `limit`, `cursor` and `format` when given. Parameters left undefined are left out.
 */
export function listingQuery ({ sort, order, filters = {}, version, limit, cursor, format, extra = {} }) {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) params.set(name, String(value))
  if (sort !== undefined) params.set('sort', sort)
  if (order !== undefined) params.set('order', order)
  for (const field of AUDIENCE_FILTERS) {
    if (filters[field.name] !== undefined) params.set(field.name, String(filters[field.name]))
  }
  if (version !== undefined) params.set('version', version)
  if (limit !== undefined) params.set('limit', String(limit))
  if (cursor !== undefined && cursor !== null) params.set('cursor', cursor)
  if (format !== undefined) params.set('format', format)
  return params.toString()
}
