// A version's training report (report.html), read from disk and checked against the manifest
// before anyone sees it: the report is what a person trusts to judge a model, so a file that was
// modified, truncated or replaced after publishing is refused, never served as that version's.
// It is read per request rather than kept with the loaded model: it is opened rarely, it can be
// a few MB of SVG, and a report of a version that is not loaded (or not loadable) is still useful.
import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import path from 'node:path'
import { REPORT_FILE, loadManifest, versionDir } from '../../lib/artifacts/index.js'
import { ArtifactError } from '../../lib/errors.js'
import { HttpError, versionNotFound } from '../errors.js'

export interface TrainingReport {
  /** the file's bytes, exactly as published */
  body: Buffer
  /** its sha256 (hex), as the manifest lists it */
  sha256: string
}

export interface ReportEntry {
  /** sha256 and size the manifest lists for report.html */
  sha256: string
  bytes: number
}

export function reportNotFound (version: string): HttpError {
  return new HttpError(404, 'ERR_REPORT_NOT_FOUND',
    `model version ${version} has no training report (it was published without ${REPORT_FILE})`)
}

export function reportInvalid (version: string, reason: string): HttpError {
  return new HttpError(422, 'ERR_REPORT_INVALID',
    `the training report of model version ${version} is not served: ${REPORT_FILE} ${reason}`)
}

/**
 * The manifest's entry for report.html. Throws HttpError 404 when the version is not on disk or
 * has no report; ArtifactError (422) when its manifest is invalid. `version` must already match
 * the version-name pattern (versionDir checks it again, so nothing can escape the directory).
 */
export async function reportEntry (artifactsDir: string, version: string): Promise<ReportEntry> {
  let manifest
  try {
    manifest = await loadManifest(artifactsDir, version)
  } catch (error) {
    if (error instanceof ArtifactError && error.code === 'ERR_ARTIFACT_NOT_FOUND') throw versionNotFound(version)
    throw error
  }
  const entry = manifest.files[REPORT_FILE]
  if (!entry) throw reportNotFound(version)
  return entry
}

/** Reads report.html and checks its size and sha256 against the manifest's entry. */
export async function readTrainingReport (artifactsDir: string, version: string, entry: ReportEntry): Promise<TrainingReport> {
  const file = path.join(versionDir(artifactsDir, version), REPORT_FILE)
  let handle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw reportInvalid(version, code === 'ENOENT' ? 'is listed in the manifest but missing' : `cannot be read (${code})`)
  }
  try {
    // the size first, from the open file: a replaced multi-GB file is refused without reading it
    const { size } = await handle.stat()
    if (size !== entry.bytes) throw reportInvalid(version, `has ${size} bytes, the manifest says ${entry.bytes} (truncated or replaced)`)
    const body = await handle.readFile()
    const actual = createHash('sha256').update(body).digest('hex')
    if (actual !== entry.sha256) throw reportInvalid(version, 'differs from the manifest\'s sha256 (modified after publishing)')
    return { body, sha256: actual }
  } finally {
    await handle.close()
  }
}
