// How far per-customer predictions are from what happened: the numbers the value evaluation
// reports for the model and for the naive baseline alike.

export interface ErrorMetrics {
  mae: number
  rmse: number
  /** null when either side is constant (no correlation to speak of) */
  pearson: number | null
  /** Pearson correlation of the ranks, ties given their mean rank */
  spearman: number | null
  predictedTotal: number
  actualTotal: number
}

export function errorMetrics (predicted: ArrayLike<number>, actual: ArrayLike<number>): ErrorMetrics {
  const n = predicted.length
  if (n !== actual.length) throw new RangeError(`${n} predictions for ${actual.length} actual values`)
  if (n === 0) throw new RangeError('no predictions to score')
  let absolute = 0
  let squared = 0
  let predictedTotal = 0
  let actualTotal = 0
  for (let i = 0; i < n; i++) {
    const e = predicted[i] - actual[i]
    absolute += Math.abs(e)
    squared += e * e
    predictedTotal += predicted[i]
    actualTotal += actual[i]
  }
  return {
    mae: absolute / n,
    rmse: Math.sqrt(squared / n),
    pearson: pearson(predicted, actual),
    spearman: pearson(ranks(predicted), ranks(actual)),
    predictedTotal,
    actualTotal
  }
}

export function pearson (u: ArrayLike<number>, v: ArrayLike<number>): number | null {
  const n = u.length
  let mu = 0
  let mv = 0
  for (let i = 0; i < n; i++) { mu += u[i] / n; mv += v[i] / n }
  let cov = 0
  let su = 0
  let sv = 0
  for (let i = 0; i < n; i++) {
    const du = u[i] - mu
    const dv = v[i] - mv
    cov += du * dv
    su += du * du
    sv += dv * dv
  }
  return su > 0 && sv > 0 ? cov / Math.sqrt(su * sv) : null
}

/** 1-based ranks, ties sharing their mean rank. */
export function ranks (values: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a] - values[b])
  const rank = new Float64Array(values.length)
  for (let start = 0; start < order.length;) {
    let end = start + 1
    while (end < order.length && values[order[end]] === values[order[start]]) end++
    const mean = (start + 1 + end) / 2
    for (let k = start; k < end; k++) rank[order[k]] = mean
    start = end
  }
  return rank
}

export interface CalibrationBin {
  /** predicted probabilities in [from, to) (the last bin includes 1) */
  from: number
  to: number
  customers: number
  meanPredicted: number | null
  /** share of the bin's customers who did buy in the period */
  observed: number | null
}

/** Reliability of a predicted probability of buying: `bins` equal-width bins over [0, 1]. */
export function calibrationBins (probability: ArrayLike<number>, happened: ArrayLike<boolean>, bins = 10): CalibrationBin[] {
  const count = new Float64Array(bins)
  const predicted = new Float64Array(bins)
  const observed = new Float64Array(bins)
  for (let i = 0; i < probability.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(probability[i] * bins)))
    count[b]++
    predicted[b] += probability[i]
    if (happened[i]) observed[b]++
  }
  return Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    customers: count[b],
    meanPredicted: count[b] > 0 ? predicted[b] / count[b] : null,
    observed: count[b] > 0 ? observed[b] / count[b] : null
  }))
}
