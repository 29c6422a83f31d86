// Option tables on the command line: the node:util parseArgs spec, the flags' text read into
// values (one-line ERR_USAGE naming the flag when it cannot be), and the --help listing.
import { ShopperError } from '../../lib/errors.js'
import { OptionTextError } from './kinds.js'
import type { AnyOptionRow, OptionRows, OptionTable, OptionValues } from './table.js'

export type ArgSpec = Record<string, { type: 'string' | 'boolean', short?: string }>

/** parseArgs' `options` for these rows. */
export function argSpec (rows: OptionRows): ArgSpec {
  const spec: ArgSpec = {}
  for (const row of Object.values(rows)) {
    spec[row.flag] = { type: row.kind.takes === 'switch' ? 'boolean' : 'string', ...(row.short === undefined ? {} : { short: row.short }) }
  }
  return spec
}

/** The flags parseArgs found, read into values; absent flags stay absent (the defaults come later). */
export function valuesFromArgs<R extends OptionRows> (rows: R, args: Record<string, string | boolean | undefined>): Partial<OptionValues<R>> {
  const values: Record<string, unknown> = {}
  for (const [key, row] of Object.entries(rows)) {
    const argument = args[row.flag]
    if (argument === undefined) continue
    try {
      values[key] = row.kind.fromArgument(argument)
    } catch (error) {
      if (error instanceof OptionTextError) throw new ShopperError('ERR_USAGE', `--${row.flag} ${error.message}`)
      throw error
    }
  }
  return values as Partial<OptionValues<R>>
}

/** Columns of the listing: flags in the first 25 characters after the indent, help after them. */
const INDENT = 2
const FLAG_WIDTH = 24
const HELP_WIDTH = 68

function wrap (text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return [...lines, line]
}

function defaultText (row: AnyOptionRow): string {
  if (row.helpDefault !== undefined) return ` (default: ${row.helpDefault})`
  if (row.presence !== 'defaulted' || row.kind.takes === 'switch') return ''
  const value: unknown = row.default
  return ` (default ${Array.isArray(value) ? value.join(',') : String(value)})`
}

/** One option's lines of --help, e.g. `  --top-k N                neighbours kept per product (default 20)`. */
export function helpLines (row: AnyOptionRow): string[] {
  const arg = row.arg ?? row.kind.placeholder
  const flag = `${row.short === undefined ? '' : `-${row.short}, `}--${row.flag}${arg === '' ? '' : ` ${arg}`}`
  const [first, ...rest] = wrap(row.help + defaultText(row), HELP_WIDTH)
  const pad = ' '.repeat(INDENT + FLAG_WIDTH + 1)
  return [`${' '.repeat(INDENT)}${flag.padEnd(FLAG_WIDTH)} ${first}`, ...rest.map((line) => pad + line)]
}

/** The listing of every table's options, under their titles; tables with the same title in a row share one heading. */
export function helpListing (tables: readonly OptionTable[]): string {
  const lines: string[] = []
  let title: string | undefined
  for (const table of tables) {
    if (table.title !== title) lines.push(table.title)
    title = table.title
    for (const row of Object.values(table.rows)) lines.push(...helpLines(row))
  }
  return lines.join('\n')
}
