// Number and date formatting for the page. British English: the shop trades in pounds sterling.
const integerFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 })
const penceFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: 2, maximumFractionDigits: 2 })
const poundsFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 })
const percentFormat = new Intl.NumberFormat('en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })

/** 4338 → "4,338" */
export function formatInteger (value) {
  return integerFormat.format(value)
}

/** Money: pence below £100 (where they matter), whole pounds above. 270.62 → "£270.62", 4252.39 → "£4,252" */
export function formatMoney (value) {
  return Math.abs(value) < 100 ? penceFormat.format(value) : poundsFormat.format(value)
}

/** Axis labels: 0 → "£0", 1000 → "£1k", 1000000 → "£1M" */
export function formatCompactMoney (value) {
  if (value >= 1e6) return `£${trimZeros(value / 1e6)}M`
  if (value >= 1e3) return `£${trimZeros(value / 1e3)}k`
  return `£${trimZeros(value)}`
}

/** Axis labels for counts: 1000 → "1k" */
export function formatCompactNumber (value) {
  if (value >= 1e6) return `${trimZeros(value / 1e6)}M`
  if (value >= 1e3) return `${trimZeros(value / 1e3)}k`
  return trimZeros(value)
}

function trimZeros (value) {
  return String(Number(value.toFixed(1)))
}

/**
 * A recommendation score: 0.5435 → "0.54". Below 0.1 two significant digits (0.0123 → "0.012",
 * 0.004 → "0.004"): EASE's learned weights are mostly 0.001–0.1, and two decimals would show
 * most of a list as "0.01".
 */
export function formatScore (value) {
  if (value !== 0 && Math.abs(value) < 0.1) return String(Number(value.toPrecision(2)))
  return value.toFixed(2)
}

/** 0.1646 → "16.5%" */
export function formatShare (share) {
  return percentFormat.format(share)
}

/** Centroids are means: one decimal below 10 (1.3 orders), whole numbers above. */
export function formatMean (value) {
  return Math.abs(value) < 10 ? String(Number(value.toFixed(1))) : formatInteger(value)
}

/** "2026-11-25T15:45:00.000Z" → "25 Nov 2026"; an unreadable date → the text as given */
export function formatDate (iso) {
  const time = Date.parse(iso)
  return Number.isNaN(time) ? String(iso) : dateFormat.format(new Date(time))
}

/** 1 → "1 customer", 2 → "2 customers" */
export function plural (count, one, many = `${one}s`) {
  return `${formatInteger(count)} ${count === 1 ? one : many}`
}

/** Expected counts (expected purchases): 0.1882 → "0.19", 22.6959 → "22.7", 123.4 → "123" */
export function formatExpected (value) {
  if (Math.abs(value) < 10) return value.toFixed(2)
  if (Math.abs(value) < 100) return value.toFixed(1)
  return formatInteger(value)
}
