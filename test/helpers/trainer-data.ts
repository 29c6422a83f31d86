// The trainer's data types built from plain rows, for tests: the pipeline itself builds them while
// it streams (trainer/read), so these constructors have no caller in production (STYLE.md, 9).
import type { TransactionRow, TransactionTable } from '../../trainer/transactions.js'
import { TransactionTableBuilder } from '../../trainer/transactions.js'
import { Cleaner, type DropCounts } from '../../trainer/clean.js'
import { TableConcatenator } from '../../trainer/read/concat-tables.js'
import type { Points } from '../../trainer/segments/points.js'

/** Cleans rows held in memory, as the reader cleans each segment it parses. */
export function cleanRows (rows: Iterable<TransactionRow>): { table: TransactionTable, dropped: DropCounts } {
  const cleaner = new Cleaner(new TransactionTableBuilder(1024))
  for (const row of rows) cleaner.add(row)
  return { table: cleaner.finish(), dropped: cleaner.dropped }
}

/** The tables of consecutive segments, joined as the reader joins them. */
export function concatTables (tables: Iterable<TransactionTable>): TransactionTable {
  const concatenator = new TableConcatenator()
  for (const table of tables) concatenator.append(table)
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
