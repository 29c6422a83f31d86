// The artifact contract, part 2: publishing. A reader never sees a half-written version: files go
// into a hidden temporary directory inside the artifacts directory (same file system, so rename
// is atomic), are fsynced, and the directory is renamed into place; only then is LATEST replaced,
// itself by write-to-temp and rename.
//
// Several trainers may publish into one directory at once (cron jobs overlapping, a retry beside
// a slow run, replicas of a job): the whole sequence — clean up, write, rename, LATEST, prune —
// runs under the directory's lock (lock.ts). Only the training itself runs in parallel; the
// publish step is tens of milliseconds. The version's time is taken under the lock, so names sort
// in publish order and LATEST always names the newest publish.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename, rm, readdir } from 'node:fs/promises'
import path from 'node:path'
import { ARTIFACT_SCHEMA_VERSION, MANIFEST_FILE, REPORT_FILE, type Manifest, type ManifestDraft } from './schema.js'
import { makeVersionName } from './version-name.js'
import { LATEST_FILE, TEMP_PREFIX, listVersions, readLatest } from './layout.js'
import { withArtifactsLock, type HeldLock } from './lock.js'
import { readPin } from './pin.js'
import { syncDirectory, writeFileAtomically, writeFileDurably } from './write.js'

export interface PublishOptions {
  /** keep at most this many versions (the ones LATEST and PINNED name are never pruned) */
  keep?: number
  /** creation time, for tests; defaults to the time the lock was taken */
  now?: Date
  /** point LATEST at the new version (default true) */
  updateLatest?: boolean
  /** give up waiting for another writer's lock after this long */
  lockWaitMs?: number
}

export interface PublishedVersion {
  version: string
  dir: string
  manifest: Manifest
  pruned: string[]
  /** temporaries of dead writers removed before publishing */
  removedTemporaries: string[]
}

/** hashed and read in pieces: Hash#update and a file read refuse buffers of 2 GiB or more */
export const IO_CHUNK_BYTES = 1 << 30

export function sha256 (data: string | Uint8Array): string {
  const hash = createHash('sha256')
  if (typeof data === 'string') return hash.update(data).digest('hex')
  for (let at = 0; at < data.length; at += IO_CHUNK_BYTES) hash.update(data.subarray(at, at + IO_CHUNK_BYTES))
  return hash.digest('hex')
}

/**
 * Writes `files` (name → content) and a manifest built from `draft` as a new version under
 * `artifactsDir`, atomically, and makes it LATEST.
 */
export async function publishVersion (
  artifactsDir: string,
  files: Record<string, string | Uint8Array>,
  draft: ManifestDraft,
  options: PublishOptions = {}
): Promise<PublishedVersion> {
  if (options.keep !== undefined) assertKeep(options.keep)
  await mkdir(artifactsDir, { recursive: true })
  return withArtifactsLock(artifactsDir, async (lock) => {
    const removedTemporaries = await removeTemporaries(artifactsDir)
    const now = options.now ?? new Date()
    const tempDir = path.join(artifactsDir, `${TEMP_PREFIX}${randomBytes(6).toString('hex')}`)
    await mkdir(tempDir)
    try {
      const entries: Manifest['files'] = {}
      const names = Object.keys(files).sort()
      for (const name of names) {
        const data = files[name]
        await writeFileDurably(path.join(tempDir, name), data)
        entries[name] = { sha256: sha256(data), bytes: Buffer.byteLength(data) }
      }
      // the content hash covers the model files only, so identical training gives the same suffix:
      // not the report, which also tells what changed since the version before (its movements)
      const contentHash = sha256(names.filter((name) => name !== REPORT_FILE).map((name) => `${name}:${entries[name].sha256}`).join('\n'))
      const taken = new Set(await listEntries(artifactsDir))
      let attempt = 1
      while (taken.has(makeVersionName(now, contentHash, attempt))) attempt++
      const version = makeVersionName(now, contentHash, attempt)
      const manifest: Manifest = {
        schemaVersion: ARTIFACT_SCHEMA_VERSION,
        version,
        createdAt: now.toISOString(),
        ...draft,
        files: entries
      }
      await writeFileDurably(path.join(tempDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n')
      await syncDirectory(tempDir)
      const dir = path.join(artifactsDir, version)
      lock.assertHeld()
      await rename(tempDir, dir)
      await syncDirectory(artifactsDir)
      if (options.updateLatest !== false) {
        lock.assertHeld()
        await writeFileAtomically(artifactsDir, LATEST_FILE, version + '\n')
      }
      const pruned = options.keep ? await prune(artifactsDir, options.keep, lock) : []
      return { version, dir, manifest, pruned, removedTemporaries }
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true })
      throw error
    }
  }, { waitMs: options.lockWaitMs })
}

/** Points LATEST at `version` by write-and-rename, so readers see the old name or the new one. */
export async function setLatest (artifactsDir: string, version: string): Promise<void> {
  await withArtifactsLock(artifactsDir, async (lock) => {
    lock.assertHeld()
    await writeFileAtomically(artifactsDir, LATEST_FILE, version + '\n')
  })
}

/**
 * Removes the oldest versions until at most `keep` remain, never the ones LATEST and PINNED name
 * (they count towards `keep`). Returns what it removed.
 */
export async function pruneVersions (artifactsDir: string, keep: number): Promise<string[]> {
  assertKeep(keep)
  return withArtifactsLock(artifactsDir, (lock) => prune(artifactsDir, keep, lock))
}

/**
 * Removes every temporary (`.tmp-*`) in `artifactsDir`: only lock holders create them, so the
 * ones a new holder finds belong to writers that died (kill -9, power loss). Returns their names.
 */
export async function removeStaleTemporaries (artifactsDir: string): Promise<string[]> {
  return withArtifactsLock(artifactsDir, () => removeTemporaries(artifactsDir))
}

async function prune (artifactsDir: string, keep: number, lock: HeldLock): Promise<string[]> {
  const [latest, pin, versions] = await Promise.all([readLatest(artifactsDir), readPin(artifactsDir), listVersions(artifactsDir)])
  const protectedVersions = new Set([latest, pin.state === 'pinned' ? pin.record.version : null])
  const removable = versions.filter((v) => !protectedVersions.has(v)) // oldest first
  const pruned = removable.slice(0, Math.max(0, versions.length - keep))
  for (const version of pruned) {
    lock.assertHeld()
    // rename first so a reader never sees a half-deleted version under its real name
    const doomed = path.join(artifactsDir, `${TEMP_PREFIX}deleting-${version}`)
    await rename(path.join(artifactsDir, version), doomed)
    await rm(doomed, { recursive: true, force: true })
  }
  return pruned
}

/** The caller holds the lock. */
async function removeTemporaries (artifactsDir: string): Promise<string[]> {
  const removed: string[] = []
  for (const entry of await listEntries(artifactsDir)) {
    if (!entry.startsWith(TEMP_PREFIX)) continue
    await rm(path.join(artifactsDir, entry), { recursive: true, force: true })
    removed.push(entry)
  }
  return removed.sort()
}

async function listEntries (dir: string): Promise<string[]> {
  return readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
}

function assertKeep (keep: number): void {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`)
}
