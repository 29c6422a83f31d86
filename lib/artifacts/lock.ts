// The artifact contract, part 5: the one lock that orders every change to an artifacts directory.
//
// Why a lock, and why this one. Publishing is "rename a complete version into place, point LATEST
// at it, prune the oldest", and a pin is "check the version is there, record it". Those are
// read-decide-write sequences over several names; without mutual exclusion two trainers sharing a
// directory delete each other's fresh versions (LATEST then names a deleted version) and two
// pruners race on one directory. No rename trick gives a compare-and-set on LATEST, so every
// writer takes this lock: trainers, the `models` command and the service's pin API.
//
// proper-lockfile (mkdir-based, the lock is the directory `.lock`): mkdir is atomic on local
// disks, Docker volumes and NFS alike, and staleness is decided by the lock's mtime, which the
// holder refreshes every STALE_MS / 2 — not by a process id, which means nothing across
// containers that share a volume. A holder killed with -9 leaves a lock that is stale STALE_MS
// later and is then taken over. A holder whose refresh fails (it was stopped for longer than
// STALE_MS, the disk vanished) learns that its lock is compromised: every critical step checks
// `assertHeld()` first and gives up rather than write under someone else's lock.
//
// Everything named `.tmp-*` is created only by a lock holder, so a holder may delete every
// temporary it finds: they belong to holders that died (see removeStaleTemporaries).
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import lockfile from 'proper-lockfile'
import { ShopperError } from '../errors.js'

export const LOCK_FILE = '.lock'

/** a lock not refreshed for this long belongs to a dead (or frozen) holder */
export const STALE_MS = 10_000
/** how long a writer waits for the lock before giving up: a dead holder's lock goes stale well before */
export const LOCK_WAIT_MS = 120_000

export interface HeldLock {
  /** throws ERR_LOCK_LOST when another writer may have taken the lock over */
  assertHeld: () => void
}

export interface LockOptions {
  /** give up after this many milliseconds (default LOCK_WAIT_MS) */
  waitMs?: number
}

/**
 * Runs `task` holding the artifacts directory's lock (which must exist). Errors of the file system
 * (EROFS, EACCES, ENOSPC …) while taking the lock are thrown as they are, so callers can tell a
 * read-only volume from a busy one (ERR_ARTIFACTS_LOCKED).
 */
export async function withArtifactsLock<T> (artifactsDir: string, task: (lock: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS
  let compromised: Error | undefined
  const lockfilePath = path.join(artifactsDir, LOCK_FILE)
  let release: () => Promise<void>
  const deadline = Date.now() + waitMs
  // our own retry loop, on ELOCKED only: proper-lockfile's retries would retry EROFS too
  for (let pause = 10; ; pause = Math.min(250, pause * 1.5)) {
    try {
      release = await lockfile.lock(artifactsDir, {
        lockfilePath,
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        onCompromised: (error) => { compromised = error }
      })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
      if (Date.now() >= deadline) {
        throw new ShopperError('ERR_ARTIFACTS_LOCKED',
          `the artifacts directory ${artifactsDir} stayed locked by another writer for ${Math.round(waitMs / 1000)} s (${lockfilePath}); a dead writer's lock expires after ${STALE_MS / 1000} s`)
      }
      // jittered: a publish holds the lock for tens of milliseconds, and waiters should not march in step
      await sleep(pause * (0.5 + Math.random()))
    }
  }
  const held: HeldLock = {
    assertHeld () {
      if (compromised) {
        throw new ShopperError('ERR_LOCK_LOST',
          `lost the lock of the artifacts directory ${artifactsDir} (${compromised.message}): another writer may have taken over; nothing more was written`)
      }
    }
  }
  try {
    return await task(held)
  } finally {
    // a compromised lock may already belong to someone else: leave it alone
    if (!compromised) await release().catch(() => {})
  }
}
