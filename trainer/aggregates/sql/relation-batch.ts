// A batch of one relation's rows as buildAggregates (./build.ts) reads them: fields by (row,
// column), columns in RELATION_COLUMNS order, read as text, as an exact integer, as a number or as
// the number of an id. Two kinds: rows already split into strings (PostgreSQL's COPY through
// csv-parse, Parquet), and a CSV segment read straight from its bytes (./csv-batch.ts), where a
// plain integer or id costs no string.
import { ShopperError } from '../../../lib/errors.js'
import type { TextKeys } from '../text-keys.js'

export interface RelationBatch {
  readonly length: number
  /** the field as text ('' for NULL or a missing field) */
  text: (row: number, column: number) => string
  /** the field as an exact integer below 2^53, or ShopperError naming `what` */
  integer: (row: number, column: number, what: string) => number
  /** the field as a finite number, or ShopperError naming `what` */
  number: (row: number, column: number, what: string) => number
  /** the field's number in `keys` (inserted when new and `insert`; -1 when absent and not inserted) */
  key: (row: number, column: number, keys: TextKeys, insert: boolean) => number
}

/** A sum or count as an exact integer, or ShopperError. */
export function exactInteger (text: string, what: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates: ${what} ${JSON.stringify(text)} is not an integer below 2^53`)
  return value
}

export function finiteNumber (text: string, what: string): number {
  const value = Number(text)
  if (text === '' || !Number.isFinite(value)) throw new ShopperError('ERR_INPUT_UNREADABLE', `aggregates: ${what} ${JSON.stringify(text)} is not a number`)
  return value
}

/** Rows of strings, each in RELATION_COLUMNS order. */
export class TextBatch implements RelationBatch {
  constructor (private readonly rows: readonly string[][]) {}
  get length (): number { return this.rows.length }
  text (row: number, column: number): string { return this.rows[row][column] ?? '' }
  integer (row: number, column: number, what: string): number { return exactInteger(this.text(row, column), what) }
  number (row: number, column: number, what: string): number { return finiteNumber(this.text(row, column), what) }
  key (row: number, column: number, keys: TextKeys, insert: boolean): number { return keys.ofText(this.text(row, column), insert) }
}
