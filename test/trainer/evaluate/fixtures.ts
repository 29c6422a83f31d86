// Shared by the evaluation tests: purchases on given days, and a hand-sized log whose every
// number the tests recompute by hand.
import { DAY_MS } from '../../../trainer/rfm.js'
import { tableFromRows, type TransactionRow, type TransactionTable } from '../../../trainer/transactions.js'
import { seededRandom } from '../../../lib/seeded-random.js'

export const DAY0 = Date.UTC(2011, 0, 1)

export function purchase (customerId: string, stockCode: string, day: number, description = `item ${stockCode}`, quantity = 1): TransactionRow {
  return {
    invoice: `${customerId}-${day}`,
    stockCode,
    description,
    quantity,
    invoiceDate: DAY0 + day * DAY_MS,
    unitPrice: 1,
    customerId,
    country: 'UK'
  }
}

// Codes K…: the default non-product list holds single letters (D = discount, B = bad debt, …).
const NAMES: Record<string, string> = { KA: 'alpha', KB: 'beta', KC: 'gamma', KD: 'delta', KE: 'epsilon', POST: 'POSTAGE', KX: 'xi' }
const named = (customer: string, code: string, day: number): TransactionRow => purchase(customer, code, day, NAMES[code])

/** Cutoff: day 10. */
export const HAND_CUTOFF = new Date(DAY0 + 10 * DAY_MS)

/**
 * Before day 10: u1 KA KB · u2 KA KB KC · u3 KB KC POST · u4 KA KD · u5 KE.
 * From day 10: u1 KA (repeat) KD KX (KX is new in the test period) · u2 KA (repeat only) ·
 * u4 KB POST (postage is no product) · u5 KE (repeat only) · u6 KA (no history).
 * Evaluated: u1 (relevant KD, KX) and u4 (relevant KB).
 */
export function handTable (): TransactionTable {
  return tableFromRows([
    named('u1', 'KA', 1), named('u1', 'KB', 1),
    named('u2', 'KA', 2), named('u2', 'KB', 2), named('u2', 'KC', 3),
    named('u3', 'KB', 4), named('u3', 'KC', 4), named('u3', 'POST', 4),
    named('u4', 'KA', 5), named('u4', 'KD', 5),
    named('u5', 'KE', 6),
    named('u1', 'KA', 10), named('u1', 'KD', 11), named('u1', 'KX', 12),
    named('u2', 'KA', 12),
    named('u4', 'KB', 13), named('u4', 'POST', 13),
    named('u5', 'KE', 14),
    named('u6', 'KA', 15)
  ])
}

/**
 * A random log over `days` days: customers with a taste for one of a few product groups (so
 * co-purchases carry signal), a skewed catalogue, postage lines, rows in no particular order.
 */
export function randomLog (seed: number, customers = 80, products = 40, rows = 2500, days = 300): TransactionTable {
  const random = seededRandom(seed)
  const out: TransactionRow[] = []
  for (let r = 0; r < rows; r++) {
    const c = Math.floor(random() * customers)
    const group = c % 4
    const p = random() < 0.7 ? group * 10 + Math.floor(random() * 10) : Math.floor(products * random() * random())
    const code = random() < 0.05 ? 'POST' : `P${p}`
    out.push(purchase(`C${c}`, code, Math.floor(random() * days), `desc ${p % 37}`, 1 + Math.floor(random() * 12)))
  }
  return tableFromRows(out)
}

export { seededRandom }
