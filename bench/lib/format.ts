// Human-readable numbers for benchmark tables.

const MIB = 1024 * 1024

/** Bytes as MiB with one decimal below 100 MiB and none above (e.g. `8.4 MiB`, `605 MiB`). */
export function formatBytes (bytes: number): string {
  const mib = bytes / MIB
  return `${mib < 100 ? mib.toFixed(1) : mib.toFixed(0)} MiB`
}

/** Milliseconds as seconds with two decimals below 10 s and one above. */
export function formatSeconds (milliseconds: number): string {
  const seconds = milliseconds / 1000
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`
}

/** A ratio such as `12.3×`. */
export function formatRatio (ratio: number): string {
  if (!Number.isFinite(ratio)) return 'n/a'
  return `${ratio < 10 ? ratio.toFixed(2) : ratio.toFixed(1)}×`
}

/** An integer with thousands separators (`541,909`). */
export function formatCount (value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** A UTC timestamp to the minute (`2026-11-25 16:08 UTC`). */
export function formatDate (date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
