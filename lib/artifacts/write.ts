// Durable writes for the artifact contract: a file is fsynced before it is renamed into place,
// and the directory after, so a crash leaves the old content or the new one, never a torn file.
import { randomBytes } from 'node:crypto'
import { open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { TEMP_PREFIX } from './layout.js'

export async function writeFileDurably (file: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

export async function syncDirectory (dir: string): Promise<void> {
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } catch {
    // some file systems refuse fsync on a directory; the rename is still atomic
  } finally {
    await handle.close()
  }
}

/** Replaces `dir/name` by write-to-temp and rename: readers see the old content or the new one. */
export async function writeFileAtomically (dir: string, name: string, data: string): Promise<void> {
  const temp = path.join(dir, `${TEMP_PREFIX}${name}-${randomBytes(6).toString('hex')}`)
  try {
    await writeFileDurably(temp, data)
    await rename(temp, path.join(dir, name))
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
}
