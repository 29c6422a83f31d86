// Tests that drive a program from Debian's packages (Chromium, promtool) skip visibly where it is
// not installed — but not in CI, where .ci/run installs it and sets SHOPPER_CI=1: there a missing
// program is a failure, so a broken install can never turn a test into a silent skip.
import { existsSync } from 'node:fs'
import t from 'tap'

/** false when `executable` exists; otherwise the reason to skip (and, in CI, a failing assertion). */
export function skipWithout (executable: string, install: string): string | false {
  if (existsSync(executable)) return false
  const why = `${executable} is not installed (${install})`
  if (process.env.SHOPPER_CI === '1') t.fail(`SHOPPER_CI=1 (CI) but ${why}`)
  return why
}
