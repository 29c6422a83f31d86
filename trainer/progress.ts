// Progress for people watching a training run: one line per finished stage with its time, and a
// live line (rows so far) when stderr is a terminal. Machine-readable events go to the pino log.
import type { Writable } from 'node:stream'

export interface Progress {
  /** a stage starts; returns a function that ends it and records its duration */
  stage (name: string): (detail?: string) => void
  /** rows read so far, for the live line */
  rows (count: number): void
  /** duration of each finished stage in milliseconds, in order */
  readonly timings: Record<string, number>
}

export function createProgress (stream: Writable & { isTTY?: boolean } = process.stderr, enabled = true): Progress {
  const timings: Record<string, number> = {}
  const live = enabled && stream.isTTY === true
  let current = ''
  let lastDraw = 0

  const write = (text: string): void => { if (enabled) stream.write(text) }
  const clearLine = (): void => { if (live) write('\r\x1b[2K') }

  return {
    timings,
    stage (name) {
      const started = performance.now()
      current = name
      if (live) write(`  ${name} …`)
      return (detail) => {
        const ms = performance.now() - started
        timings[name] = Math.round(ms * 10) / 10
        clearLine()
        write(`  ${name.padEnd(12)} ${formatMs(ms).padStart(8)}${detail ? `  ${detail}` : ''}\n`)
        current = ''
      }
    },
    rows (count) {
      if (!live || !current) return
      const now = performance.now()
      if (now - lastDraw < 100) return
      lastDraw = now
      clearLine()
      write(`  ${current} … ${count.toLocaleString('en-GB')} rows`)
    }
  }
}

export function formatMs (ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`
}
