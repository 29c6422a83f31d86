// Number and date formatting written out by hand rather than with Intl, whose output depends on
// the ICU data Node was built with: the report must be byte-identical on every machine.

function groupThousands (digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Fixed decimals with thousands separators: formatNumber(1234.5, 1) → "1,234.5". */
export function formatNumber (value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return String(value)
  const fixed = Math.abs(value).toFixed(decimals)
  const [whole, fraction] = fixed.split('.')
  // −0.0 and values that round to zero print without a sign
  const sign = value < 0 && Number(fixed) !== 0 ? '−' : ''
  return sign + groupThousands(whole) + (fraction ? '.' + fraction : '')
}

export function formatInteger (value: number): string {
  return formatNumber(value, 0)
}

/** A share in [0, 1] as a percentage: formatPercent(0.8234) → "82.3%". */
export function formatPercent (share: number, decimals = 1): string {
  return formatNumber(share * 100, decimals) + '%'
}

/** Like formatPercent, but a small non-zero share reads "< 0.1%" rather than "0.0%". */
export function formatShare (share: number, decimals = 1): string {
  const smallest = 10 ** -decimals / 100
  if (share > 0 && share < smallest) return `< ${formatPercent(smallest, decimals)}`
  return formatPercent(share, decimals)
}

/** A measurement with about `significant` significant digits, for values of any magnitude. */
export function formatSignificant (value: number, significant = 4): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const magnitude = Math.floor(Math.log10(Math.abs(value)))
  const decimals = Math.max(0, Math.min(6, significant - 1 - magnitude))
  return formatNumber(value, decimals)
}

/** "2011-12-09 12:50" from an ISO date-time (the data's clock, no time zone shown). */
export function formatDateTime (iso: string): string {
  return iso.slice(0, 10) + ' ' + iso.slice(11, 16)
}

export function formatDate (iso: string): string {
  return iso.slice(0, 10)
}
