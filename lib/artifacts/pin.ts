// The artifact contract, part 6: pins. Which version serves is a property of the artifacts
// directory, not of a process: a pin is the file PINNED beside LATEST, so every replica watching
// the directory converges on it within its poll interval, and a restarted replica starts on it.
// Written under the writers' lock (a prune never deletes a pinned version, and a version cannot
// be pruned between the check and the record) and by write-and-rename (readers see the old record
// or the new one).
import os from 'node:os'
import { lstat, rm } from 'node:fs/promises'
import path from 'node:path'
import { Type, type Static } from 'typebox'
import { Compile } from 'typebox/compile'
import { ShopperError } from '../errors.js'
import { readPointerFile } from './layout.js'
import './formats.js'
import { withArtifactsLock, type LockOptions } from './lock.js'
import { writeFileAtomically } from './write.js'
import { VERSION_NAME_PATTERN_SOURCE, assertVersionName } from './version-name.js'

export const PIN_FILE = 'PINNED'

export const PinRecordSchema = Type.Object({
  version: Type.String({ pattern: VERSION_NAME_PATTERN_SOURCE }),
  by: Type.String({ minLength: 1, maxLength: 200, description: 'who pinned: a person, a host, a tool' }),
  at: Type.String({ format: 'date-time', description: 'when the pin was recorded' }),
  note: Type.Optional(Type.String({ maxLength: 500, description: 'why, in the operator\'s words' }))
}, { additionalProperties: false })
export type PinRecord = Static<typeof PinRecordSchema>

const checkPin = Compile(PinRecordSchema)

export type PinState =
  | { state: 'none' }
  | { state: 'pinned', record: PinRecord }
  | { state: 'invalid', reason: string }

/** What PINNED says: no pin, a pin record, or a file that cannot be used (with the reason). */
export async function readPin (artifactsDir: string): Promise<PinState> {
  const read = await readPointerFile(artifactsDir, PIN_FILE)
  if ('missing' in read) return { state: 'none' }
  if ('invalid' in read) return { state: 'invalid', reason: read.invalid }
  let record: unknown
  try {
    record = JSON.parse(read.text)
  } catch {
    return { state: 'invalid', reason: `${PIN_FILE} is not JSON` }
  }
  if (!checkPin.Check(record)) {
    const [first] = checkPin.Errors(record)
    return { state: 'invalid', reason: `${PIN_FILE} is not a pin record (${first?.instancePath || 'top level'}: ${first?.message ?? 'invalid'})` }
  }
  return { state: 'pinned', record }
}

/** Who is acting, for the record: the OS user at the host, unless the caller says better. */
export function defaultActor (): string {
  let user = 'unknown'
  try { user = os.userInfo().username } catch { /* no passwd entry in some containers */ }
  return `${user}@${os.hostname()}`
}

export interface PinOptions extends LockOptions {
  by?: string
  note?: string
  now?: Date
  /**
   * called under the lock, after the version directory was found, before the record is written:
   * e.g. a full validation (the models command) or "already loaded" (the service)
   */
  check?: (version: string) => Promise<void>
}

/** Records a pin of `version` (a real version directory, checked under the lock). Returns the record. */
export async function pinVersion (artifactsDir: string, version: string, options: PinOptions = {}): Promise<PinRecord> {
  assertVersionName(version)
  return withArtifactsLock(artifactsDir, async (lock) => {
    const info = await lstat(path.join(artifactsDir, version)).catch(() => null)
    if (!info) throw new ShopperError('ERR_VERSION_NOT_PINNABLE', `model version ${version} is not in the artifacts directory ${artifactsDir}`)
    if (!info.isDirectory()) throw new ShopperError('ERR_VERSION_NOT_PINNABLE', `model version ${version} is not a directory (a symbolic link?) and cannot serve`)
    await options.check?.(version)
    const record: PinRecord = {
      version,
      by: options.by?.trim() || defaultActor(),
      at: (options.now ?? new Date()).toISOString(),
      ...(options.note ? { note: options.note } : {})
    }
    // what is written must read back: refuse (never silently cut) what the record cannot hold
    if (!checkPin.Check(record)) {
      const [first] = checkPin.Errors(record)
      throw new ShopperError('ERR_USAGE', `cannot record this pin: ${first?.instancePath.replace(/^\//, '') || 'record'} ${first?.message ?? 'is invalid'}`)
    }
    lock.assertHeld()
    await writeFileAtomically(artifactsDir, PIN_FILE, JSON.stringify(record) + '\n')
    return record
  }, options)
}

/** Removes the pin (every replica follows LATEST again). Returns the record removed, or null when there was none. */
export async function unpinVersion (artifactsDir: string, options: LockOptions = {}): Promise<PinRecord | null> {
  return withArtifactsLock(artifactsDir, async (lock) => {
    const before = await readPin(artifactsDir)
    lock.assertHeld()
    await rm(path.join(artifactsDir, PIN_FILE), { force: true })
    return before.state === 'pinned' ? before.record : null
  }, options)
}
