// Invoice dates → epoch milliseconds, read as UTC wall-clock time (the data has no time zone).
// Hand-written because it runs once per row: Date.parse is slow, accepts far more than we want
// (and reads zone-less strings as local time), and silently rolls impossible dates over.
//
// Accepted forms:
//   YYYY-MM-DD HH:MM[:SS]   (also with a `T` separator, or the date alone)
//   M/D/YYYY H:MM[:SS]      (one or two digits for month, day and hour: `12/1/2010 8:26`)

const MS_PER_MINUTE = 60_000
const MS_PER_DAY = 86_400_000
const ZERO = 48

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil (year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146097 + dayOfEra - 719468
}

export function daysInMonth (year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

// The end position of the last digitsAt() call: a module-level slot instead of a returned
// object, so parsing allocates nothing per field.
let digitsEnd = 0

/** Reads minDigits..maxDigits decimal digits at `pos`; returns the value (its end in digitsEnd), or -1. */
function digitsAt (text: string, pos: number, minDigits: number, maxDigits: number): number {
  let value = 0
  let n = 0
  while (n < maxDigits && pos + n < text.length) {
    const d = text.charCodeAt(pos + n) - ZERO
    if (d < 0 || d > 9) break
    value = value * 10 + d
    n++
  }
  if (n < minDigits) return -1
  digitsEnd = pos + n
  return value
}
function epochMs (year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN
  if (hour > 23 || minute > 59 || second > 59) return Number.NaN
  return daysFromCivil(year, month, day) * MS_PER_DAY + (hour * 60 + minute) * MS_PER_MINUTE + second * 1000
}

/** `H:MM[:SS]` from `pos` to the end of the text, or null on anything else. */
function timeAt (text: string, pos: number, hourDigitsMin: number): [number, number, number] | null {
  const hour = digitsAt(text, pos, hourDigitsMin, 2)
  if (hour < 0 || text.charCodeAt(digitsEnd) !== 58 /* : */) return null
  const minute = digitsAt(text, digitsEnd + 1, 2, 2)
  if (minute < 0) return null
  let second = 0
  if (digitsEnd < text.length) {
    if (text.charCodeAt(digitsEnd) !== 58) return null
    second = digitsAt(text, digitsEnd + 1, 2, 2)
    if (second < 0) return null
  }
  if (digitsEnd !== text.length) return null
  return [hour, minute, second]
}

function parseIso (text: string): number {
  const year = digitsAt(text, 0, 4, 4)
  if (year < 0 || text.charCodeAt(4) !== 45 /* - */) return Number.NaN
  const month = digitsAt(text, 5, 2, 2)
  if (month < 0 || text.charCodeAt(7) !== 45) return Number.NaN
  const day = digitsAt(text, 8, 2, 2)
  if (day < 0) return Number.NaN
  if (text.length === 10) return epochMs(year, month, day, 0, 0, 0)
  const separator = text.charCodeAt(10)
  if (separator !== 32 /* space */ && separator !== 84 /* T */) return Number.NaN
  const time = timeAt(text, 11, 2)
  return time === null ? Number.NaN : epochMs(year, month, day, time[0], time[1], time[2])
}

function parseUs (text: string): number {
  const month = digitsAt(text, 0, 1, 2)
  if (month < 0 || text.charCodeAt(digitsEnd) !== 47 /* / */) return Number.NaN
  const day = digitsAt(text, digitsEnd + 1, 1, 2)
  if (day < 0 || text.charCodeAt(digitsEnd) !== 47) return Number.NaN
  const year = digitsAt(text, digitsEnd + 1, 4, 4)
  if (year < 0 || text.charCodeAt(digitsEnd) !== 32) return Number.NaN
  const time = timeAt(text, digitsEnd + 1, 1)
  return time === null ? Number.NaN : epochMs(year, month, day, time[0], time[1], time[2])
}

/**
 * Epoch milliseconds of an invoice date (UTC wall-clock), or NaN when the text is not one of the
 * accepted forms or names an impossible date or time (2011-02-30, 25:00).
 */
export function parseInvoiceDate (text: string): number {
  if (text.length >= 10 && text.charCodeAt(4) === 45) return parseIso(text)
  return parseUs(text)
}

/**
 * parseInvoiceDate with a one-entry cache: the lines of an invoice are consecutive and share
 * their date, so most rows repeat the previous row's text.
 */
export function createInvoiceDateParser (): (text: string) => number {
  let lastText = ''
  let lastValue = Number.NaN
  return (text: string): number => {
    if (text !== lastText) {
      lastText = text
      lastValue = parseInvoiceDate(text)
    }
    return lastValue
  }
}
