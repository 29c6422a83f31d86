// What an artifacts directory holds, as an operator needs to see it before pinning: every version
// with its creation time and whether it can serve (the full check the service makes: loadVersion),
// what LATEST names and the pin record. Read without the writers' lock: a listing is a snapshot,
// and a version pruned while it is read shows as invalid ("missing") rather than blocking a publish.
import { ArtifactError } from '../lib/errors.js'
import {
  listVersionEntries, loadManifest, loadVersion, readLatestState, readPin,
  type PinState, type PointerState, type VersionEntry
} from '../lib/artifacts/index.js'

export interface VersionRow {
  version: string
  /** from the manifest; null when the manifest cannot be read */
  createdAt: string | null
  latest: boolean
  pinned: boolean
  /** why the version cannot serve; undefined when it passes every check */
  invalid?: string
}

export interface Inventory {
  dir: string
  latest: PointerState
  pin: PinState
  /** oldest first */
  versions: VersionRow[]
}

export async function takeInventory (dir: string): Promise<Inventory> {
  const [latest, pin, entries] = await Promise.all([readLatestState(dir), readPin(dir), listVersionEntries(dir)])
  const latestVersion = latest.state === 'ok' ? latest.version : null
  const pinnedVersion = pin.state === 'pinned' ? pin.record.version : null
  const versions: VersionRow[] = []
  // one at a time: each check reads and hashes every file of a version (megabytes)
  for (const entry of entries) {
    versions.push({
      version: entry.version,
      latest: entry.version === latestVersion,
      pinned: entry.version === pinnedVersion,
      ...await checkVersion(dir, entry)
    })
  }
  return { dir, latest, pin, versions }
}

async function checkVersion (dir: string, entry: VersionEntry): Promise<{ createdAt: string | null, invalid?: string }> {
  if (entry.kind === 'symlink') return { createdAt: null, invalid: 'a symbolic link named like a version; never served' }
  if (entry.kind === 'other') return { createdAt: null, invalid: 'not a directory' }
  const createdAt = await loadManifest(dir, entry.version).then((m) => m.createdAt, () => null)
  try {
    await loadVersion(dir, entry.version)
    return { createdAt }
  } catch (error) {
    return { createdAt, invalid: describeInvalid(error) }
  }
}

/** The reason a version cannot serve, without repeating its name. */
export function describeInvalid (error: unknown): string {
  if (error instanceof ArtifactError) return `${error.file}: ${error.reason}`
  return error instanceof Error ? error.message : String(error)
}

/** One line per pointer and per version, newest version first (as GET /models lists them). */
export function formatInventory (inventory: Inventory): string {
  const present = new Set(inventory.versions.map((v) => v.version))
  const lines = [`artifacts directory ${inventory.dir}: ${countVersions(inventory.versions.length)}`]
  lines.push(`LATEST  ${describePointer(inventory.latest, present)}`)
  lines.push(`PINNED  ${describePin(inventory.pin, present)}`)
  const width = Math.max(0, ...inventory.versions.map((v) => v.version.length))
  for (const row of [...inventory.versions].reverse()) {
    const status = [row.latest ? 'LATEST' : '', row.pinned ? 'pinned' : '', row.invalid === undefined ? 'valid' : `invalid: ${row.invalid}`]
    lines.push(`${row.version.padEnd(width)}  ${(row.createdAt ?? '-').padEnd(24)}  ${status.filter(Boolean).join(', ')}`)
  }
  return lines.join('\n')
}

function countVersions (n: number): string {
  return n === 1 ? '1 version' : `${n} versions`
}

function describePointer (latest: PointerState, present: Set<string>): string {
  if (latest.state === 'missing') return 'none (the service serves the newest version)'
  if (latest.state === 'invalid') return `unusable: ${latest.reason}`
  return present.has(latest.version) ? latest.version : `${latest.version} (not in the directory)`
}

/** The pin record in full: what, who, when, why. */
export function describePin (pin: PinState, present?: Set<string>): string {
  if (pin.state === 'none') return 'none (the API replicas follow LATEST)'
  if (pin.state === 'invalid') return `unusable: ${pin.reason}`
  const { version, by, at, note } = pin.record
  const missing = present && !present.has(version) ? ' (not in the directory)' : ''
  return `${version}${missing} by ${by} at ${at}${note ? `: ${JSON.stringify(note)}` : ''}`
}
