// The kind of the read stage's `input` option: a file path or a postgres:// URL, and never a URL
// with a password in it. Checked when the command line is read, before anything is logged (the
// trainer logs its input when it starts), and the message does not repeat the URL.
import { OptionTextError, text, type OptionKind } from '../../option-table/index.js'
import { isPostgresInput } from './postgres.js'

const PASSWORD_REFUSED = 'holds a password: give it in PGPASSWORD or ~/.pgpass instead (a command line is visible to every local user, and the URL would reach logs)'

/** true for a postgres:// URL with a password (any URL that does not parse is left to the source to reject). */
export function hasPassword (input: string): boolean {
  if (!isPostgresInput(input)) return false
  try {
    return new URL(input).password !== ''
  } catch {
    return false
  }
}

export function inputLocation (): OptionKind<string> {
  const base = text()
  return {
    ...base,
    placeholder: 'FILE|URL',
    fromArgument: (argument) => {
      const value = base.fromArgument(argument)
      if (hasPassword(value)) throw new OptionTextError(PASSWORD_REFUSED)
      return value
    },
    mustBe: (value) => base.mustBe(value) ?? (hasPassword(value as string) ? `a file or a URL without a password (${PASSWORD_REFUSED.replace('holds a password: ', '')})` : undefined)
  }
}
