// The one money rule of the API: amounts are answered in the currency's smallest unit, cents. The
// artifacts keep the trainer's float sums (customers.bin's monetary is Σ quantity × unit price,
// e.g. 4309.999999999997 for customer 12347) because the stored segment is what those exact values
// classify to; the service rounds each amount once, when a version is indexed
// (services/domain/served-model.ts), so every route, the CSV exports and versions published before
// this rule answer the same cents. Both Online Retail files are in pounds sterling: 2 decimals.
export const CURRENCY_DECIMALS = 2
const SCALE = 10 ** CURRENCY_DECIMALS

/**
 * `amount` rounded to cents, half away from zero. Math.round(amount × 100) / 100 alone misrounds
 * halves that binary floats hold slightly below (1.005 × 100 = 100.49999999999999): the nudge by
 * two ulps of the scaled value puts them back on the half, and is far below a cent for any amount
 * a shop has (< 2^53 / 100).
 */
export function toCents (amount: number): number {
  if (!Number.isFinite(amount)) return amount
  const scaled = Math.abs(amount) * SCALE
  const rounded = Math.round(scaled * (1 + 2 * Number.EPSILON)) / SCALE
  return amount < 0 ? -rounded : rounded
}
