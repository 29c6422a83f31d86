// A read-only view of a directory, the way a Docker volume mounted `:ro` looks to the service:
// writes fail with EROFS even for root (file permissions would not stop root). Both directories
// live outside tap's fixtures, which tap would try to delete while still mounted.
import { execFile } from 'node:child_process'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export type ReadOnlyMount =
  | { ok: true, source: string, target: string, unmount: () => Promise<void> }
  | { ok: false, reason: string }

/** `source` is writable and empty; `target` shows it read-only. unmount() also removes both. */
export async function readOnlyBindMountOfNewDirectory (): Promise<ReadOnlyMount> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'shopper-ro-'))
  const source = path.join(root, 'artifacts')
  const target = path.join(root, 'read-only')
  await mkdir(source)
  await mkdir(target)
  const cleanUp = async (): Promise<void> => {
    // lazy: a watcher the service has not closed yet must not keep the mount (and the test) busy
    await run('umount', ['-l', target]).catch(() => {})
    await rm(root, { recursive: true, force: true })
  }
  try {
    await run('mount', ['--bind', source, target])
    await run('mount', ['-o', 'remount,bind,ro', target])
  } catch (error) {
    await cleanUp()
    return { ok: false, reason: (error as Error).message.split('\n')[0] }
  }
  return { ok: true, source, target, unmount: cleanUp }
}
