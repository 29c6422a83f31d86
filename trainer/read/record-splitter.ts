// Cuts a stream of CSV bytes into segments that each hold whole records, so segments can be
// parsed independently (in worker threads) and their results joined in order.
//
// A newline ends a record when an even number of `"` precede it since the last cut: inside a
// quoted field the count is odd (a doubled `""` inside quotes adds two and keeps the parity).

const NEWLINE = 10
const QUOTE = 34

/** Number of `"` in buf[from, to). Quotes are rare in transaction logs, so indexOf is fast. */
function countQuotes (buf: Uint8Array, from: number, to: number): number {
  // Searching a view bounds each indexOf by `to` instead of running on to the next quote.
  const range = buf.subarray(from, to)
  let count = 0
  for (let i = range.indexOf(QUOTE); i >= 0; i = range.indexOf(QUOTE, i + 1)) count++
  return count
}

/**
 * Index just after the first record boundary whose newline is at or after `from`, or -1.
 * `inQuotes` is whether position `from` is inside a quoted field.
 */
export function firstRecordEnd (buf: Uint8Array, from = 0, inQuotes = false): number {
  let pos = from
  for (;;) {
    const newline = buf.indexOf(NEWLINE, pos)
    if (newline < 0) return -1
    if (countQuotes(buf, pos, newline) % 2 === 1) inQuotes = !inQuotes
    if (!inQuotes) return newline + 1
    pos = newline + 1
  }
}

/** Count of `\n` in buf[from, to). */
export function countNewlines (buf: Uint8Array, from = 0, to = buf.length): number {
  const range = buf.subarray(from, to)
  let count = 0
  for (let i = range.indexOf(NEWLINE); i >= 0; i = range.indexOf(NEWLINE, i + 1)) count++
  return count
}

/** `parts` joined into memory of its own (never Node's shared pool), so it can be transferred. */
function join (parts: readonly Uint8Array[], size: number): Buffer {
  const out = Buffer.allocUnsafeSlow(size)
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

export class RecordSplitter {
  private parts: Uint8Array[] = []
  private size = 0
  private readonly segmentBytes: number
  private readonly maxSegmentBytes: number

  /**
   * Segments are `segmentBytes` long, extended to the end of the record they stop in. A file
   * whose quotes never balance (a stray `"`) has no boundary to find: once `maxSegmentBytes`
   * are pending, the segment is cut at the last newline anyway so memory stays bounded (the
   * parser then reports the broken record as malformed).
   */
  constructor (segmentBytes: number, maxSegmentBytes = segmentBytes * 4) {
    this.segmentBytes = Math.max(1, Math.floor(segmentBytes))
    this.maxSegmentBytes = Math.max(this.segmentBytes, maxSegmentBytes)
  }

  /** Adds bytes; returns the segments they complete, each a copy owning its memory. */
  push (chunk: Uint8Array): Buffer[] {
    if (chunk.length === 0) return []
    this.parts.push(chunk)
    this.size += chunk.length
    if (this.size < this.segmentBytes) return []
    // Joined only once a segment's worth is pending, so each byte is copied a bounded number of times.
    const all = join(this.parts, this.size)
    const segments: Buffer[] = []
    let start = 0
    while (all.length - start >= this.segmentBytes) {
      const from = start + this.segmentBytes - 1
      let end = firstRecordEnd(all, from, countQuotes(all, start, from) % 2 === 1)
      if (end < 0 && all.length - start >= this.maxSegmentBytes) end = all.lastIndexOf(NEWLINE) + 1
      if (end <= start) break
      segments.push(join([all.subarray(start, end)], end - start))
      start = end
    }
    this.parts = start === all.length ? [] : [all.subarray(start)]
    this.size = all.length - start
    return segments
  }

  /** The bytes after the last cut (a copy owning its memory), or null when there are none. */
  end (): Buffer | null {
    const rest = this.size > 0 ? join(this.parts, this.size) : null
    this.parts = []
    this.size = 0
    return rest
  }
}
