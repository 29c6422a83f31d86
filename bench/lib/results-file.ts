// Each benchmark run keeps its measurements in bench/out/<bench>-<UTC time>.json, so a README
// section can be rendered again (`--from FILE`) without measuring again, and a partial run never
// replaces the file a section came from.
import { mkdir, readFile, writeFile } from 'node:fs/promises'

export function resultsFile (bench: string, startedAt: string): string {
  return `bench/out/${bench}-${startedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`
}

/** Writes `record` to the run's results file and says where on stderr. */
export async function saveResults (bench: string, startedAt: string, record: unknown): Promise<string> {
  await mkdir('bench/out', { recursive: true })
  const file = resultsFile(bench, startedAt)
  await writeFile(file, JSON.stringify(record, null, 2))
  console.error(`results saved to ${file} (render again with --from ${file})`)
  return file
}

export async function loadResults<T> (file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T
}
