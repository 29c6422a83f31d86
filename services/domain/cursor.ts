// Page cursors: opaque to clients, checkable by the service. A cursor is the rank of the next
// customer of a listing plus a digest of the listing it belongs to (version, route, segment, sort,
// order, filters) and of that rank, in base64url. Ranks index typed arrays built once per version,
// so a cursor is stable for as long as the version exists, on every replica. A cursor of another
// listing, another version, or edited by hand fails the digest: 400, never a wrong page. Not a
// secret: anyone can make a valid cursor for a listing they may read, which gives them nothing.
import { hash } from 'node:crypto'

const FORMAT = /^(0|[1-9][0-9]{0,9})\.([A-Za-z0-9_-]{16})$/

function digest (context: string, rank: number): string {
  return hash('sha256', `${context}\n${rank}`, 'base64url').slice(0, 16)
}

/** The listing a cursor belongs to, canonical: the same listing gives the same text. */
export function listingContext (version: string, route: string, parameters: Record<string, unknown>): string {
  const keys = Object.keys(parameters).filter((key) => parameters[key] !== undefined).sort()
  return JSON.stringify([version, route, keys.map((key) => [key, parameters[key]])])
}

export function encodeCursor (context: string, rank: number): string {
  return Buffer.from(`${rank}.${digest(context, rank)}`, 'utf8').toString('base64url')
}

/** The rank a cursor names, or null when it is not a cursor of this listing. */
export function decodeCursor (context: string, cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(cursor)) return null
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  // base64 has several spellings of one text (the last character's spare bits): only ours counts
  if (Buffer.from(text, 'utf8').toString('base64url') !== cursor) return null
  const match = FORMAT.exec(text)
  if (match === null) return null
  const rank = Number(match[1])
  return digest(context, rank) === match[2] ? rank : null
}
