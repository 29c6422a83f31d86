// Markdown output of benchmark results.

export type Alignment = 'left' | 'right'

function escapeCell (value: string): string {
  return value.replaceAll('|', '\\|').replaceAll('\n', ' ')
}

/**
 * A GitHub-flavoured markdown table. `align` gives each column's alignment (default: left for
 * the first column, right for the others, since benchmark tables are a label then numbers).
 */
export function markdownTable (headers: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly Alignment[]): string {
  for (const [index, row] of rows.entries()) {
    if (row.length !== headers.length) {
      throw new RangeError(`row ${index} has ${row.length} cells, the header has ${headers.length}`)
    }
  }
  const alignments = headers.map((_, i) => align?.[i] ?? (i === 0 ? 'left' : 'right'))
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`
  const rule = alignments.map((a) => (a === 'right' ? '---:' : '---'))
  return [line(headers), line(rule), ...rows.map(line)].join('\n')
}
