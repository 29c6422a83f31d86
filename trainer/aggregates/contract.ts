// The trainer's aggregate inputs: everything the models and the report need from a transaction
// log, without the rows. Memory grows with distinct customers, customer × product pairs and
// customer-days, never with rows, and the same five relations can be computed by a database or a
// warehouse (trainer/aggregates/sql/) and handed to the trainer instead of rows.
//
// Every relation is over CLEANED rows (trainer/clean.ts: customer id present, invoice not
// cancelled, quantity > 0, unit price > 0), with stock codes normalised (lib/stock-code.ts) and
// descriptions trimmed. Nothing here depends on the order rows arrive in, so a CSV, a Parquet file,
// a PostgreSQL cursor and a GROUP BY on a warehouse give the same aggregates:
//   - customers, products and countries are numbered in UTF-16 code-unit order of their id, code
//     and name (plain `<`, as SQL's COLLATE "C" orders ASCII ids), not in order of appearance;
//   - money is summed exactly (see `lineAmountMicros`): a float sum would depend on the order;
//   - dates are epoch milliseconds read as UTC wall-clock time, as trainer/read/parse-date.ts does.
//
// The relations, as SQL would have them (one row each):
//   customers     (customer_id, invoices = COUNT(DISTINCT invoice), monetary_micros = Σ line amount,
//                  first_at, last_at)
//   customer_days (customer_id, day = floor(invoice_at / 86 400 000), value_micros = Σ line amount)
//   pairs         (customer_id, stock_code, quantity = Σ quantity, lines = COUNT(*),
//                  first_at = MIN(invoice_at), last_at = MAX(invoice_at))
//   descriptions  (stock_code, description, lines = COUNT(*))  — non-empty descriptions only
//   countries     (country, lines, invoices = COUNT(DISTINCT invoice), customers =
//                  COUNT(DISTINCT customer_id), revenue_micros = Σ line amount)
//   and one row of totals (rows = COUNT(*), invoices = COUNT(DISTINCT invoice), MIN and MAX(invoice_at))
//   for the cleaning report.
// Non-product stock codes (postage, fees …) are in every relation: they are part of a customer's
// monetary value; the stages that recommend leave them out.

/** Money is summed in millionths of the currency unit, as integers (exact below 2^53 ≈ 9 × 10^9 units). */
export const MONEY_MICROS = 1_000_000

/**
 * One line's amount, quantity × unit price, in millionths: exact for unit prices with up to six
 * decimals (the real data has at most three). SQL: `quantity * round(unit_price * 1000000)`.
 */
export function lineAmountMicros (quantity: number, unitPrice: number): number {
  return quantity * Math.round(unitPrice * MONEY_MICROS)
}

/** An exact sum of micros back in currency units, the value the stages and the artifacts use. */
export function fromMicros (micros: number): number {
  return micros / MONEY_MICROS
}

/** Per customer, index = customer number (customerIds order). */
export interface CustomerAggregates {
  readonly invoices: Float64Array
  readonly monetaryMicros: Float64Array
  readonly firstAt: Float64Array
  readonly lastAt: Float64Array
}

/** customer_days, grouped by customer (offsets, customers + 1 entries), days ascending in each group. */
export interface CustomerDays {
  readonly offsets: Int32Array
  /** whole UTC days since the epoch */
  readonly day: Int32Array
  readonly valueMicros: Float64Array
}

/** pairs, grouped by customer (rowOffsets, customers + 1 entries), product numbers ascending in each group. */
export interface CustomerProductPairs {
  readonly rowOffsets: Int32Array
  readonly product: Int32Array
  readonly quantity: Float64Array
  readonly lines: Float64Array
  readonly firstAt: Float64Array
  readonly lastAt: Float64Array
}

export interface CountryAggregates {
  readonly lines: Float64Array
  readonly invoices: Float64Array
  readonly customers: Float64Array
  readonly revenueMicros: Float64Array
}

export interface TransactionAggregates {
  /** customer ids in code-unit order */
  readonly customerIds: readonly string[]
  /** normalised stock codes in code-unit order */
  readonly productCodes: readonly string[]
  /** country names in code-unit order */
  readonly countries: readonly string[]
  readonly customers: CustomerAggregates
  readonly days: CustomerDays
  readonly pairs: CustomerProductPairs
  /** per product number: each non-empty description and how many lines carried it */
  readonly descriptionCounts: ReadonlyArray<ReadonlyMap<string, number>>
  readonly countryTotals: CountryAggregates
  /** kept rows the aggregates were made from */
  readonly rows: number
  /** distinct invoices over the kept rows (the cleaning report's count; SQL: COUNT(DISTINCT invoice)) */
  readonly invoices: number
  /** epoch ms of the first and last kept invoice */
  readonly firstInvoiceAt: number
  readonly lastInvoiceAt: number
}
