// CSV made in the page (the batch classification's answers as a file): RFC 4180 quoting, CRLF line
// ends, and the same guard as the service's exports (services/domain/audience-rows.ts): a field
// that a spreadsheet would run as a formula (=, +, -, @ first, but not a negative number) gets a
// leading '. Pure: tested in test/services/public/csv.test.ts.

/** One field: numbers as they are, text quoted when it holds a comma, quote or line break. */
export function csvField (value) {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  const text = String(value)
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

/** A header line and one line per row, each ending in CRLF. */
export function toCsv (header, rows) {
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('')
}
