// Calls `onChange` when the artifacts directory may have changed: on file-system events (fast,
// but unreliable on network and shared volumes, and lost if the directory is re-created) and on a
// periodic poll (the guarantee). The poll also re-creates a watcher that failed or never started.
import { watch, type FSWatcher } from 'node:fs'
import type { StoreLogger } from './store.js'

export interface ArtifactsWatcher { close: () => void }

export function watchArtifacts (dir: string, pollIntervalMs: number, onChange: () => void, logger: StoreLogger): ArtifactsWatcher {
  let watcher: FSWatcher | undefined
  let closed = false

  const startWatcher = (): void => {
    if (watcher || closed) return
    try {
      watcher = watch(dir, { persistent: false }, () => onChange())
      watcher.on('error', (error) => {
        logger.warn({ err: error, dir }, 'file-system watcher failed: relying on polling until it can be re-created')
        watcher?.close()
        watcher = undefined
      })
    } catch (error) {
      // typically ENOENT before the first training: the poll notices the directory later
      logger.debug({ err: error, dir }, 'cannot watch the artifacts directory yet')
    }
  }

  startWatcher()
  const timer = setInterval(() => {
    startWatcher()
    onChange()
  }, pollIntervalMs)
  timer.unref()

  return {
    close () {
      closed = true
      clearInterval(timer)
      watcher?.close()
      watcher = undefined
    }
  }
}
