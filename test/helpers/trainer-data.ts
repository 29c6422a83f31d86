// The trainer's data types built from plain rows, for tests: the pipeline itself builds them while
// it streams (trainer/read), so these constructors have no caller in production (STYLE.md, 9).
import type { TransactionRow, TransactionTable } from '../../trainer/transactions.js'
import { tableFromRows, TransactionTableBuilder } from '../../trainer/transactions.js'
import { aggregateTable } from '../../trainer/aggregates/aggregate.js'
import type { TransactionAggregates } from '../../trainer/aggregates/contract.js'
import { Cleaner, type DropCounts } from '../../trainer/clean.js'
import { TableConcatenator } from '../../trainer/read/concat-tables.js'
import type { Points } from '../../trainer/segments/points.js'

/** Cleans rows held in memory, as the reader cleans each segment it parses. */
export function cleanRows (rows: Iterable<TransactionRow>): { table: TransactionTable, dropped: DropCounts } {
  const cleaner = new Cleaner(new TransactionTableBuilder(1024))
  for (const row of rows) cleaner.add(row)
  return { table: cleaner.sink.finish(), dropped: cleaner.dropped }
}

/** The tables of consecutive segments, joined as the reader joins them. */
export function concatTables (tables: Iterable<TransactionTable>): TransactionTable {
  const concatenator = new TableConcatenator()
  for (const table of tables) concatenator.addTable(table)
  return concatenator.finish()
}

/** Points from rows of coordinates (all the same length). */
export function pointsFromRows (rows: ReadonlyArray<ArrayLike<number>>): Points {
  const dims = rows.length > 0 ? rows[0].length : 0
  const values = new Float64Array(rows.length * dims)
  rows.forEach((row, i) => {
    if (row.length !== dims) throw new RangeError(`row ${i} has ${row.length} coordinates, expected ${dims}`)
    for (let d = 0; d < dims; d++) values[i * dims + d] = row[d]
  })
  return { values, n: rows.length, dims }
}

export function pointsToRows (points: Points): number[][] {
  const rows: number[][] = new Array(points.n)
  for (let i = 0; i < points.n; i++) rows[i] = Array.from(points.values.subarray(i * points.dims, (i + 1) * points.dims))
  return rows
}

/**
 * A log's aggregates plus its rows as columns numbered like the aggregates (customers and
 * products in code-unit order), so a test can pass it to a stage and compute the stage's expected
 * output from the rows directly.
 */
export interface AggregatedLog extends TransactionAggregates {
  readonly length: number
  /** the aggregates' customer number of each row */
  readonly customer: Int32Array
  /** the aggregates' product number of each row */
  readonly product: Int32Array
  readonly quantity: Float64Array
  readonly unitPrice: Float64Array
  readonly invoiceDate: Float64Array
}

export function aggregatedLog (rows: readonly TransactionRow[]): AggregatedLog {
  return aggregatedTable(tableFromRows(rows))
}

export function aggregatedTable (table: TransactionTable): AggregatedLog {
  const aggregates = aggregateTable(table)
  const customerOf = new Map(aggregates.customerIds.map((id, c) => [id, c]))
  const productOf = new Map(aggregates.productCodes.map((code, p) => [code, p]))
  return {
    ...aggregates,
    length: table.length,
    customer: Int32Array.from(table.customer, (c) => customerOf.get(table.customerIds[c]) as number),
    product: Int32Array.from(table.product, (p) => productOf.get(table.productCodes[p]) as number),
    quantity: table.quantity,
    unitPrice: table.unitPrice,
    invoiceDate: table.invoiceDate
  }
}
