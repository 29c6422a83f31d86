// Summary statistics for repeated benchmark runs.

/** The median of `values` (mean of the two middle values for an even count). */
export function median (values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** The median of each key over a list of records; a key missing from some records uses the others. */
export function medianByKey (records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const byKey = new Map<string, number[]>()
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) continue
      const list = byKey.get(key) ?? []
      list.push(value)
      byKey.set(key, list)
    }
  }
  const result: Record<string, number> = {}
  for (const [key, values] of byKey) result[key] = median(values)
  return result
}
