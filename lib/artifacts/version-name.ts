// Version names sort by creation time, are safe as one path segment, and end with a short hash of
// the model's content, so two versions trained from the same data and options are recognisable.
import { ShopperError } from '../errors.js'

/** e.g. 20261125T154500Z-3fa9c1, or 20261125T154500Z-3fa9c1-2 when that name was taken */
export const VERSION_NAME_PATTERN = /^\d{8}T\d{6}Z-[0-9a-f]{6}(?:-\d{1,4})?$/
export const VERSION_NAME_PATTERN_SOURCE = '^\\d{8}T\\d{6}Z-[0-9a-f]{6}(?:-\\d{1,4})?$'

export function makeVersionName (createdAt: Date, contentSha256: string, attempt = 1): string {
  const stamp = createdAt.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '')
  const base = `${stamp}-${contentSha256.slice(0, 6)}`
  return attempt > 1 ? `${base}-${attempt}` : base
}

export function isVersionName (name: unknown): name is string {
  return typeof name === 'string' && VERSION_NAME_PATTERN.test(name)
}

/** Throws unless `name` is a well-formed version name (which also rules out `..`, `/`, `\`). */
export function assertVersionName (name: unknown): asserts name is string {
  if (!isVersionName(name)) {
    throw new ShopperError('ERR_VERSION_NAME',
      `invalid model version name ${JSON.stringify(name)}: expected a name like 20261125T154500Z-3fa9c1`)
  }
}

/** Orders version names by creation: time, then the attempt suffix as a number (-2 before -10). */
export function compareVersionNames (a: string, b: string): number {
  const [baseA, attemptA] = splitAttempt(a)
  const [baseB, attemptB] = splitAttempt(b)
  if (baseA !== baseB) return baseA < baseB ? -1 : 1
  return attemptA - attemptB
}

function splitAttempt (name: string): [string, number] {
  const match = /^(.*Z-[0-9a-f]{6})(?:-(\d+))?$/.exec(name)
  return match ? [match[1], match[2] ? Number(match[2]) : 1] : [name, 0]
}
