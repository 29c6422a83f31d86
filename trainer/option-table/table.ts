// An option table: a stage's options, one row each, holding everything about the option — its
// kind (type and bounds), default, flag, help line and manifest entry. The trainer's
// TrainOptions, its command line, its --help and the manifest's `options` are all built from
// these tables (trainer/options.ts), so an option is declared in exactly one place.
import type { TProperties } from 'typebox'
import { ShopperError } from '../../lib/errors.js'
import type { OptionKind } from './kinds.js'

/** An option with a default; one that may stay unset; one every caller must give. */
export type Presence = 'defaulted' | 'optional' | 'required'

/** Entries of an option's own in the manifest (`asOf` as an ISO string or null), with their schema. */
export interface ManifestWriter<T, E> {
  readonly schema: TProperties
  readonly write: (value: T | undefined) => E
}

/**
 * What the manifest records for an option: itself under its own name ('self'), nothing ('none':
 * the manifest records it elsewhere, or it says nothing about the model), or entries of its own.
 */
export type ManifestEntry<T> = 'self' | 'none' | ManifestWriter<T, object>

interface RowText {
  /** the command line's name, without the dashes */
  readonly flag: string
  /** a one-letter alias (`-h`) */
  readonly short?: string
  /** what --help shows after the flag; by default the kind's placeholder */
  readonly arg?: string
  /** the help line; wrapped to the help's width */
  readonly help: string
  /** for --help, when the default is not a literal value: `(default: day after the last invoice)` */
  readonly helpDefault?: string
}

export interface OptionRow<T, P extends Presence = Presence, M extends ManifestEntry<T> = ManifestEntry<T>> extends RowText {
  readonly kind: OptionKind<T>
  readonly presence: P
  readonly default: P extends 'defaulted' ? T : undefined
  readonly manifest: M
}

type RowSpec<T, S, E> = RowText & { readonly kind: OptionKind<T>, readonly manifest?: S | ManifestWriter<T, E> }
/** The manifest entry's type: 'self' or 'none' as written, or the writer when there is one. */
type EntryKind<T, S, E> = [E] extends [never] ? S : ManifestWriter<T, E>

/** One row of an option table; `default` or `required: true` decide whether it may stay unset. */
export function option<T, S extends 'self' | 'none' = 'self', E extends object = never> (spec: RowSpec<T, S, E> & { readonly default: NoInfer<T> }): OptionRow<T, 'defaulted', NoInfer<EntryKind<T, S, E>>>
export function option<T, S extends 'self' | 'none' = 'self', E extends object = never> (spec: RowSpec<T, S, E> & { readonly required: true }): OptionRow<T, 'required', NoInfer<EntryKind<T, S, E>>>
export function option<T, S extends 'self' | 'none' = 'self', E extends object = never> (spec: RowSpec<T, S, E>): OptionRow<T, 'optional', NoInfer<EntryKind<T, S, E>>>
export function option (spec: RowSpec<unknown, 'self' | 'none', object> & { default?: unknown, required?: true }): AnyOptionRow {
  const { required, ...row } = spec
  const presence: Presence = 'default' in spec ? 'defaulted' : required === true ? 'required' : 'optional'
  return Object.freeze({ ...row, presence, default: spec.default, manifest: spec.manifest ?? 'self' })
}

/** A row of any value type (tables hold several). */
export type AnyOptionRow = OptionRow<any, Presence, any>
export type OptionRows = Readonly<Record<string, AnyOptionRow>>

export interface OptionTable<R extends OptionRows = OptionRows> {
  /** the --help heading the table's options are listed under */
  readonly title: string
  readonly rows: R
}

export function optionTable<R extends OptionRows> (title: string, rows: R): OptionTable<R> {
  return Object.freeze({ title, rows })
}

type Simplify<T> = { [K in keyof T]: T[K] } & {}
// the usual union-to-intersection: a union in a contravariant position infers as the intersection
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

export type ValueOf<R> = R extends { readonly kind: OptionKind<infer T> } ? T : never

/** The options a table describes, typed from its rows: unset-able ones are optional. */
export type OptionValues<R extends OptionRows> = Simplify<
  { -readonly [K in keyof R as R[K]['presence'] extends 'optional' ? never : K]: ValueOf<R[K]> } &
  { -readonly [K in keyof R as R[K]['presence'] extends 'optional' ? K : never]?: ValueOf<R[K]> }
>

/** The defaults of a table's defaulted rows. */
export type OptionDefaults<R extends OptionRows> = Simplify<
  { -readonly [K in keyof R as R[K]['presence'] extends 'defaulted' ? K : never]: ValueOf<R[K]> }
>

type EntryOf<K extends string, R> =
  R extends { readonly manifest: { readonly write: (value: never) => infer E } } ? E
    : R extends { readonly presence: 'optional' } ? { [key in K]?: ValueOf<R> } : { [key in K]: ValueOf<R> }

type RecordedKeys<R extends OptionRows> = { [K in keyof R & string]: R[K]['manifest'] extends 'none' ? never : K }[keyof R & string]

/** What a table's rows write into the manifest's `options`. */
export type ManifestValues<R extends OptionRows> = Simplify<UnionToIntersection<{ [K in RecordedKeys<R>]: EntryOf<K, R[K]> }[RecordedKeys<R>]>>

type RowsOf<T extends readonly OptionTable[]> = Simplify<UnionToIntersection<T[number]['rows']>>

export interface ComposedTables<T extends readonly OptionTable[]> {
  /** in order: --help lists them so */
  readonly tables: T
  readonly rows: RowsOf<T>
}

/** Several stages' tables as one; a key or flag declared twice is a programming error. */
export function composeTables<const T extends readonly OptionTable[]> (...tables: T): ComposedTables<T> {
  const rows: Record<string, AnyOptionRow> = {}
  const flags = new Set<string>()
  for (const table of tables) {
    for (const [key, row] of Object.entries(table.rows)) {
      if (key in rows) throw new Error(`option ${key} is declared twice`)
      if (flags.has(row.flag)) throw new Error(`flag --${row.flag} is declared twice`)
      rows[key] = row
      flags.add(row.flag)
    }
  }
  return Object.freeze({ tables, rows: Object.freeze(rows) as RowsOf<T> })
}

/** How messages name an option: `--top-k` for the command line, `neighbours: topK` for a stage's callers. */
export type OptionNamer = (key: string, row: AnyOptionRow) => string

export const byFlag: OptionNamer = (_key, row) => `--${row.flag}`

export function byStage (stage: string): OptionNamer {
  return (key) => `${stage}: ${key}`
}

function shown (value: unknown): string {
  if (typeof value === 'string') return value
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) return JSON.stringify(value)
  return String(value)
}

/** Throws ShopperError ERR_USAGE `NAME must be WHAT, got VALUE` when `value` does not fit `row`. */
export function checkOption (row: AnyOptionRow, value: unknown, name: string): void {
  const mustBe = row.kind.mustBe(value)
  if (mustBe !== undefined) throw new ShopperError('ERR_USAGE', `${name} must be ${mustBe}, got ${shown(value)}`)
}

/**
 * `given` over the table's defaults (an undefined value keeps the default), every value checked
 * once; keys the table does not declare are left out. Throws ERR_USAGE naming the option.
 */
export function resolveOptions<R extends OptionRows> (rows: R, given: Partial<Record<keyof R, unknown>>, name: OptionNamer): OptionValues<R> {
  const resolved: Record<string, unknown> = {}
  for (const [key, row] of Object.entries(rows)) {
    const value = given[key] ?? row.default
    if (value === undefined) {
      if (row.presence === 'required') throw new ShopperError('ERR_USAGE', `${name(key, row)} is required`)
      continue
    }
    checkOption(row, value, name(key, row))
    resolved[key] = value
  }
  return resolved as OptionValues<R>
}

/** The table's defaults, for callers that show or compare them. */
export function defaultsOf<R extends OptionRows> (rows: R): OptionDefaults<R> {
  return Object.fromEntries(Object.entries(rows).filter(([, row]) => row.presence === 'defaulted').map(([key, row]) => [key, row.default])) as OptionDefaults<R>
}

/** The values of one table's options out of a larger set (a stage's share of TrainOptions). */
export function pickOptions<R extends OptionRows> (table: OptionTable<R>, values: OptionValues<R>): OptionValues<R> {
  const source = values as Record<string, unknown>
  return Object.fromEntries(Object.keys(table.rows).filter((key) => source[key] !== undefined).map((key) => [key, source[key]])) as OptionValues<R>
}
