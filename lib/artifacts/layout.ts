// The artifact contract, part 3: the directory layout.
//
//   <artifacts>/LATEST                  the name of the version to serve (one line)
//   <artifacts>/PINNED                  a pin (JSON: version, by, at, note): serve this version, whatever LATEST says
//   <artifacts>/<version>/manifest.json what the version is, and every file's sha256 and size
//   <artifacts>/<version>/*.json        the model files (see schema.ts)
//   <artifacts>/<version>/report.html   the training report (optional)
//   <artifacts>/.lock                   the writers' lock (lock.ts)
//   <artifacts>/.tmp-*                  a publish, pin or prune in progress: never read
//
// LATEST and PINNED are regular files written by write-and-rename. A reader tells "missing" (no
// file: nothing said) from "invalid" (garbage, empty, a symbolic link, a name that is no version):
// only a missing LATEST means "serve the newest"; an invalid one is an operator's problem to show,
// never a reason to switch versions.
import { lstat, readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { compareVersionNames, isVersionName, assertVersionName } from './version-name.js'

export const LATEST_FILE = 'LATEST'
export const TEMP_PREFIX = '.tmp-'

/** A pointer file's state: absent, naming a version, or present but unusable (with the reason). */
export type PointerState =
  | { state: 'missing' }
  | { state: 'ok', version: string }
  | { state: 'invalid', reason: string }

/** Version directories present under `artifactsDir`, oldest first. */
export async function listVersions (artifactsDir: string): Promise<string[]> {
  return (await listVersionEntries(artifactsDir)).filter((e) => e.kind === 'directory').map((e) => e.version)
}

export interface VersionEntry {
  version: string
  /** only a real directory is a version; a symbolic link named like one is shown, never loaded */
  kind: 'directory' | 'symlink' | 'other'
}

/** Every entry named like a version, oldest first, with what it is on disk. */
export async function listVersionEntries (artifactsDir: string): Promise<VersionEntry[]> {
  const entries = await readdir(artifactsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries
    .filter((e) => isVersionName(e.name))
    .map((e): VersionEntry => ({ version: e.name, kind: e.isDirectory() ? 'directory' : e.isSymbolicLink() ? 'symlink' : 'other' }))
    .sort((a, b) => compareVersionNames(a.version, b.version))
}

/**
 * Reads a small pointer file (LATEST, PINNED) without following symbolic links. Returns its text,
 * null when it does not exist, or the reason it cannot be used.
 */
export async function readPointerFile (artifactsDir: string, name: string, maxBytes = 4096): Promise<{ text: string } | { missing: true } | { invalid: string }> {
  const file = path.join(artifactsDir, name)
  let info
  try {
    info = await lstat(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { missing: true }
    if (code === 'ENOTDIR') return { invalid: `${name}: the artifacts directory is not a directory` }
    return { invalid: `${name} cannot be read (${code ?? String(error)})` }
  }
  if (info.isSymbolicLink()) return { invalid: `${name} is a symbolic link; it must be a regular file written by the trainer or the models command` }
  if (!info.isFile()) return { invalid: `${name} is not a regular file` }
  if (info.size > maxBytes) return { invalid: `${name} has ${info.size} bytes; expected a few` }
  try {
    return { text: await readFile(file, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // replaced between lstat and read: the next look sees the new file
    if (code === 'ENOENT') return { missing: true }
    return { invalid: `${name} cannot be read (${code ?? String(error)})` }
  }
}

/** What LATEST says: missing, a version name, or invalid with the reason. */
export async function readLatestState (artifactsDir: string): Promise<PointerState> {
  const read = await readPointerFile(artifactsDir, LATEST_FILE)
  if ('missing' in read) return { state: 'missing' }
  if ('invalid' in read) return { state: 'invalid', reason: read.invalid }
  const name = read.text.trim()
  if (isVersionName(name)) return { state: 'ok', version: name }
  if (name === '') return { state: 'invalid', reason: `${LATEST_FILE} is empty` }
  return { state: 'invalid', reason: `${LATEST_FILE} holds ${JSON.stringify(read.text.trim().slice(0, 80))}, which is not a version name` }
}

/** The version LATEST names, or null when there is no LATEST or it holds no valid name. */
export async function readLatest (artifactsDir: string): Promise<string | null> {
  const latest = await readLatestState(artifactsDir)
  return latest.state === 'ok' ? latest.version : null
}

/** The directory of `version`, after checking the name cannot escape `artifactsDir`. */
export function versionDir (artifactsDir: string, version: string): string {
  assertVersionName(version)
  return path.join(artifactsDir, version)
}
