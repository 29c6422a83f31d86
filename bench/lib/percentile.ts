// Percentiles of latency samples (bench:overload reports probe and batch latencies from the raw
// samples, not from autocannon's whole-millisecond histogram).

/** The nearest-rank `p`th percentile (0 < p ≤ 100) of `values`: a value that was measured, never interpolated. */
export function percentile (values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty list')
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`)
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.ceil((p / 100) * sorted.length) - 1]
}
