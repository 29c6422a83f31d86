// Size of what a run left on disk (its artifacts).
import { lstat, readdir } from 'node:fs/promises'
import path from 'node:path'

export interface DirectorySize {
  /** sum of the files' lengths (what a copy or a download moves) */
  bytes: number
  /** space allocated on disk (512-byte blocks), which rounds each file up to the block size */
  allocatedBytes: number
  files: number
}

/** Recursive size of `dir`; symbolic links count as links, never followed. */
export async function directorySize (dir: string): Promise<DirectorySize> {
  const total: DirectorySize = { bytes: 0, allocatedBytes: 0, files: 0 }
  const entries = await readdir(dir, { withFileTypes: true })
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = await directorySize(full)
      total.bytes += inner.bytes
      total.allocatedBytes += inner.allocatedBytes
      total.files += inner.files
    } else {
      const info = await lstat(full)
      total.bytes += info.size
      total.allocatedBytes += info.blocks * 512
      total.files += 1
    }
  }
  return total
}
