// `npm run evaluate` publishes its tables into README.md between
// `<!-- evaluation:start -->` and `<!-- evaluation:end -->`, so a re-run replaces its own section
// and never touches the hand-written text around it.
import { readFile, writeFile } from 'node:fs/promises'

export const EVALUATION_MARKERS = { start: '<!-- evaluation:start -->', end: '<!-- evaluation:end -->' } as const

/** The heading the section goes before when the README has no markers yet. */
const INSERT_BEFORE = '\n## Benchmarks\n'

/**
 * `text` with the marked section's content replaced by `markdown`. Without markers the section
 * is inserted before the "## Benchmarks" heading, or appended when there is none.
 */
export function replaceEvaluationSection (text: string, markdown: string): string {
  const { start, end } = EVALUATION_MARKERS
  const block = `${start}\n${markdown.trim()}\n${end}`
  const startAt = text.indexOf(start)
  const endAt = text.indexOf(end)
  if (startAt === -1 && endAt === -1) {
    const at = text.indexOf(INSERT_BEFORE)
    if (at !== -1) return `${text.slice(0, at + 1)}${block}\n${text.slice(at)}`
    const separator = text.length === 0 || text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n'
    return `${text}${separator}${block}\n`
  }
  if (startAt === -1 || endAt === -1 || endAt < startAt) {
    throw new Error(`README evaluation section has unbalanced markers: fix them by hand (expected ${start} … ${end})`)
  }
  if (text.indexOf(start, startAt + 1) !== -1 || text.indexOf(end, endAt + 1) !== -1) {
    throw new Error('README evaluation section appears more than once: fix it by hand')
  }
  return text.slice(0, startAt) + block + text.slice(endAt + end.length)
}

export async function writeEvaluationSection (readmePath: string, markdown: string): Promise<void> {
  const text = await readFile(readmePath, 'utf8')
  const updated = replaceEvaluationSection(text, markdown)
  if (updated !== text) await writeFile(readmePath, updated)
}
