// The artifact contract, part 3: the directory layout.
//
//   <artifacts>/LATEST                  the name of the version to serve (one line)
//   <artifacts>/<version>/manifest.json what the version is, and every file's sha256 and size
//   <artifacts>/<version>/*.json        the model files (see schema.ts)
//   <artifacts>/<version>/report.html   the training report (optional)
//   <artifacts>/.tmp-*                  a publish or prune in progress: never read
import { readFile, readdir } from 'node:fs/promises'
import path from 'node:path'
import { isVersionName, assertVersionName } from './version-name.js'

export const LATEST_FILE = 'LATEST'
export const TEMP_PREFIX = '.tmp-'

/** Version directories present under `artifactsDir`, oldest first (names sort by time). */
export async function listVersions (artifactsDir: string): Promise<string[]> {
  const entries = await readdir(artifactsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return []
    throw error
  })
  return entries.filter((e) => e.isDirectory() && isVersionName(e.name)).map((e) => e.name).sort()
}

/** The version LATEST names, or null when there is no LATEST or it holds no valid name. */
export async function readLatest (artifactsDir: string): Promise<string | null> {
  try {
    const name = (await readFile(path.join(artifactsDir, LATEST_FILE), 'utf8')).trim()
    return isVersionName(name) ? name : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}

/** The directory of `version`, after checking the name cannot escape `artifactsDir`. */
export function versionDir (artifactsDir: string, version: string): string {
  assertVersionName(version)
  return path.join(artifactsDir, version)
}
