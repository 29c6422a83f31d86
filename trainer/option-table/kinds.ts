// What an option's value is: how the command line's text becomes one, what a value must be, and
// its JSON Schema. The bounds are given once, as arguments, and the check, its message and the
// schema are all derived from them, so the error a user reads and the contract a reader relies on
// cannot disagree (they did: `popularityDamping` was ≤ 1 at the command line, unbounded below it).
import { Type, type TSchema } from 'typebox'

/** The command line's text for an option cannot be read; the message follows the flag's name. */
export class OptionTextError extends Error {
  override name = 'OptionTextError'
}

export interface OptionKind<T> {
  /** `--k 4` takes a value; `--evaluate` is a switch */
  readonly takes: 'value' | 'switch'
  /** what --help shows after the flag, unless the row says otherwise */
  readonly placeholder: string
  /** the flag's text (true for a switch) → the value; throws OptionTextError */
  fromArgument: (argument: string | boolean) => T
  /** undefined when `value` is acceptable, else what it must be ('a positive integer') */
  mustBe: (value: unknown) => string | undefined
  /** the value as JSON Schema: the manifest records it so */
  readonly schema: TSchema
}

export interface Bounds {
  min?: number
  max?: number
}

function within (value: number, { min, max }: Bounds): boolean {
  return (min === undefined || value >= min) && (max === undefined || value <= max)
}

function rangeWords (noun: string, { min, max }: Bounds): string {
  if (min !== undefined && max !== undefined) return `${noun} between ${min} and ${max}`
  if (min !== undefined) return `${noun} ≥ ${min}`
  if (max !== undefined) return `${noun} ≤ ${max}`
  return noun
}

function boundKeywords ({ min, max }: Bounds): { minimum?: number, maximum?: number } {
  return { ...(min === undefined ? {} : { minimum: min }), ...(max === undefined ? {} : { maximum: max }) }
}

function numberFromText (argument: string | boolean): number {
  const text = String(argument)
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value)) throw new OptionTextError(`must be a number, got "${text}"`)
  return value
}

function integerWords (bounds: Bounds): string {
  return bounds.min === 1 && bounds.max === undefined ? 'a positive integer' : rangeWords('an integer', bounds)
}

function isIntegerWithin (value: unknown, bounds: Bounds): boolean {
  return typeof value === 'number' && Number.isInteger(value) && within(value, bounds)
}

/** A whole number, optionally bounded (inclusive). */
export function integer (bounds: Bounds = {}): OptionKind<number> {
  return {
    takes: 'value',
    placeholder: 'N',
    fromArgument: numberFromText,
    mustBe: (value) => isIntegerWithin(value, bounds) ? undefined : integerWords(bounds),
    schema: Type.Integer(boundKeywords(bounds))
  }
}

/** A whole number, or one word instead (`--k auto`). */
export function integerOr<const W extends string> (word: W, bounds: Bounds = {}): OptionKind<number | W> {
  return {
    takes: 'value',
    placeholder: `N|${word}`,
    fromArgument: (argument) => argument === word ? word : numberFromText(argument),
    mustBe: (value) => value === word || isIntegerWithin(value, bounds) ? undefined : `${integerWords(bounds)} or ${word}`,
    schema: Type.Union([Type.Integer(boundKeywords(bounds)), Type.Literal(word)])
  }
}

/** A finite number, optionally bounded (inclusive); `noun` names what it is in messages ('a share'). */
export function number (bounds: Bounds & { noun?: string } = {}): OptionKind<number> {
  const { noun = 'a number', ...range } = bounds
  return {
    takes: 'value',
    placeholder: 'X',
    fromArgument: numberFromText,
    mustBe: (value) => typeof value === 'number' && Number.isFinite(value) && within(value, range) ? undefined : rangeWords(noun, range),
    schema: Type.Number(boundKeywords(range))
  }
}

function either (words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`
}

/** One of a few words. */
export function oneOf<const V extends readonly [string, ...string[]]> (values: V): OptionKind<V[number]> & { readonly values: V } {
  return {
    values,
    takes: 'value',
    placeholder: values.join('|'),
    fromArgument: (argument) => String(argument),
    mustBe: (value) => values.includes(value as string) ? undefined : either(values),
    schema: Type.Union(values.map((value) => Type.Literal(value)))
  }
}

/** A switch: given or not. */
export function toggle (): OptionKind<boolean> {
  return {
    takes: 'switch',
    placeholder: '',
    fromArgument: (argument) => argument === true,
    mustBe: (value) => typeof value === 'boolean' ? undefined : 'true or false',
    schema: Type.Boolean()
  }
}

/** Any text (a path, a name). */
export function text (): OptionKind<string> {
  return {
    takes: 'value',
    placeholder: 'TEXT',
    fromArgument: (argument) => String(argument),
    mustBe: (value) => typeof value === 'string' ? undefined : 'a string',
    schema: Type.String()
  }
}

/** An instant; the command line takes what `new Date()` reads (2011-12-10, 2011-12-10T12:00Z). */
export function date (): OptionKind<Date> {
  return {
    takes: 'value',
    placeholder: 'DATE',
    fromArgument: (argument) => {
      const value = new Date(String(argument))
      if (Number.isNaN(value.getTime())) throw new OptionTextError(`must be a date like 2011-12-10, got "${String(argument)}"`)
      return value
    },
    mustBe: (value) => value instanceof Date && !Number.isNaN(value.getTime()) ? undefined : 'a valid date',
    schema: Type.String({ format: 'date-time' })
  }
}

/** Comma-separated words, each trimmed and then `normalise`d; empty ones are dropped. */
export function list (normalise: (item: string) => string = (item) => item): OptionKind<string[]> {
  return {
    takes: 'value',
    placeholder: 'LIST',
    fromArgument: (argument) => String(argument).split(',').map((item) => normalise(item.trim())).filter(Boolean),
    mustBe: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : 'a list of strings',
    schema: Type.Array(Type.String())
  }
}

/** `key=value` pairs separated by commas (`invoice=OrderId,customerId=Client`). */
export function pairs<K extends string> (): OptionKind<Partial<Record<K, string>>> {
  return {
    takes: 'value',
    placeholder: 'MAP',
    fromArgument: (argument) => {
      const mapping: Record<string, string> = {}
      for (const pair of String(argument).split(',')) {
        const [key, value] = pair.split('=').map((s) => s.trim())
        if (!key || !value) throw new OptionTextError(`expects field=Column pairs separated by commas, got "${pair}"`)
        mapping[key] = value
      }
      return mapping as Partial<Record<K, string>>
    },
    mustBe: (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string')
      ? undefined
      : 'a mapping of names to names',
    schema: Type.Record(Type.String(), Type.String())
  }
}
