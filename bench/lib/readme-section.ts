// Benchmarks publish their tables into README.md between markers, so re-running a benchmark
// replaces its own section and never touches the hand-written text around it.
import { readFile, writeFile } from 'node:fs/promises'

const MARKER_NAME = /^[a-z0-9][a-z0-9-]*$/

export function sectionMarkers (marker: string): { start: string, end: string } {
  if (!MARKER_NAME.test(marker)) throw new RangeError(`invalid section marker "${marker}": use lower-case letters, digits and dashes`)
  return { start: `<!-- bench:${marker}:start -->`, end: `<!-- bench:${marker}:end -->` }
}

/**
 * `text` with the content between the `marker` start and end comments replaced by `markdown`,
 * or with a new marked section appended when the markers are absent.
 */
export function replaceSection (text: string, marker: string, markdown: string): string {
  const { start, end } = sectionMarkers(marker)
  const block = `${start}\n${markdown.trim()}\n${end}`
  const startAt = text.indexOf(start)
  const endAt = text.indexOf(end)
  if (startAt === -1 && endAt === -1) {
    if (text.length === 0) return `${block}\n`
    const separator = text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n'
    return `${text}${separator}${block}\n`
  }
  if (startAt === -1 || endAt === -1 || endAt < startAt) {
    throw new Error(`README section "${marker}" has unbalanced markers: fix them by hand (expected ${start} … ${end})`)
  }
  if (text.indexOf(start, startAt + 1) !== -1 || text.indexOf(end, endAt + 1) !== -1) {
    throw new Error(`README section "${marker}" appears more than once: fix it by hand`)
  }
  return text.slice(0, startAt) + block + text.slice(endAt + end.length)
}

/** Replaces (or appends) the `marker` section of the README at `readmePath`; creates the file if absent. */
export async function writeReadmeSection (marker: string, markdown: string, readmePath = 'README.md'): Promise<void> {
  const text = await readFile(readmePath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return ''
    throw error
  })
  const updated = replaceSection(text, marker, markdown)
  if (updated !== text) await writeFile(readmePath, updated)
}
