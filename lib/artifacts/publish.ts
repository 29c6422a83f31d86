// The artifact contract, part 2: publishing. A reader never sees a half-written version:
// files go into a hidden temporary directory inside the artifacts directory (same file system,
// so rename is atomic), are fsynced, and the directory is renamed into place; only then is
// LATEST replaced, itself by write-to-temp and rename.
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm, readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import { ARTIFACT_SCHEMA_VERSION, MANIFEST_FILE, type Manifest, type ManifestDraft } from './schema.js'
import { makeVersionName } from './version-name.js'
import { LATEST_FILE, TEMP_PREFIX, listVersions, readLatest } from './layout.js'

export interface PublishOptions {
  /** keep at most this many versions (the one LATEST names is never pruned) */
  keep?: number
  /** creation time, for tests; defaults to now */
  now?: Date
  /** point LATEST at the new version (default true) */
  updateLatest?: boolean
}

export interface PublishedVersion {
  version: string
  dir: string
  manifest: Manifest
  pruned: string[]
}

export function sha256 (data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

async function writeFileDurably (file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

async function syncDirectory (dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  } finally {
    await handle.close()
  }
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
  const now = options.now ?? new Date()
  await mkdir(artifactsDir, { recursive: true })
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
    // the content hash covers the model files only, so identical training gives the same suffix
    const contentHash = sha256(names.map((name) => `${name}:${entries[name].sha256}`).join('\n'))

    for (let attempt = 1; ; attempt++) {
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
      if (await exists(dir)) continue
      try {
        await rename(tempDir, dir)
      } catch (error) {
        // another publisher took the name between our check and the rename: try the next one
        if (isCode(error, 'ENOTEMPTY') || isCode(error, 'EEXIST')) continue
        throw error
      }
      await syncDirectory(artifactsDir)
      if (options.updateLatest !== false) await setLatest(artifactsDir, version)
      const pruned = options.keep ? await pruneVersions(artifactsDir, options.keep) : []
      return { version, dir, manifest, pruned }
    }
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true })
    throw error
  }
}

/** Points LATEST at `version` by write-and-rename, so readers see the old name or the new one. */
export async function setLatest (artifactsDir: string, version: string): Promise<void> {
  const temp = path.join(artifactsDir, `${TEMP_PREFIX}LATEST-${randomBytes(6).toString('hex')}`)
  await writeFileDurably(temp, version + '\n')
  await rename(temp, path.join(artifactsDir, LATEST_FILE))
  await syncDirectory(artifactsDir)
}

/** Removes the oldest versions beyond `keep`, never the one LATEST names. Returns what it removed. */
export async function pruneVersions (artifactsDir: string, keep: number): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a positive integer, got ${keep}`)
  const latest = await readLatest(artifactsDir)
  const versions = await listVersions(artifactsDir) // oldest first
  const removable = versions.filter((v) => v !== latest)
  const excess = versions.length - keep
  const pruned = removable.slice(0, Math.max(0, excess))
  for (const version of pruned) {
    // rename first so a reader never sees a half-deleted version under its real name
    const doomed = path.join(artifactsDir, `${TEMP_PREFIX}deleting-${version}`)
    await rename(path.join(artifactsDir, version), doomed)
    await rm(doomed, { recursive: true, force: true })
  }
  return pruned
}

/** Removes temporary directories a crashed publisher left behind (older than `olderThanMs`). */
export async function removeStaleTemporaries (artifactsDir: string, olderThanMs = 60 * 60 * 1000): Promise<string[]> {
  const removed: string[] = []
  for (const entry of await readdir(artifactsDir).catch(() => [] as string[])) {
    if (!entry.startsWith(TEMP_PREFIX)) continue
    const full = path.join(artifactsDir, entry)
    const info = await stat(full).catch(() => null)
    if (info && Date.now() - info.mtimeMs > olderThanMs) {
      await rm(full, { recursive: true, force: true })
      removed.push(entry)
    }
  }
  return removed
}

async function exists (file: string): Promise<boolean> {
  return stat(file).then(() => true, () => false)
}

function isCode (error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}
