// Top-k ranking metrics with binary relevance, per customer and averaged over customers.
//
// For one customer, with ranked list L (best first, |L| ≤ k is allowed), relevant set R
// (|R| ≥ 1) and rel_i = 1 when L_i ∈ R, else 0, only the first k items counting:
// - hit@k       = 1 if any rel_i = 1 (i ≤ k), else 0. Its mean is the hit rate.
// - precision@k = Σ rel_i / k — divided by k even when L is shorter: an empty slot is a miss.
// - recall@k    = Σ rel_i / |R|.
// - NDCG@k      = DCG / IDCG, DCG = Σ_{i ≤ k} rel_i / log2(i + 1), and the ideal
//                 IDCG = Σ_{i ≤ min(|R|, k)} 1 / log2(i + 1) (all of the first min(|R|, k) slots hits).
// - AP@k        = (Σ_{i ≤ k} rel_i · precision@i) / min(|R|, k), so a list whose first min(|R|, k)
//                 items are all relevant scores 1. MAP@k is its mean over customers.
// Each mean is over the customers evaluated; catalogue coverage (share of recommendable products
// recommended to anyone) is a property of all lists together and is computed by the caller, who
// knows what an item maps to (a product, or a description for the original method).
import type { RankingMetrics } from '../../lib/artifacts/index.js'

// the contract's type: manifest.evaluation records these means
export type { RankingMetrics }

/** The metrics of one ranked list: `ranked` holds item ids, `relevant` the ids that count as hits. */
export function scoreRanking (ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): RankingMetrics {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be an integer ≥ 1, got ${k}`)
  if (relevant.size === 0) throw new RangeError('a customer with no relevant item cannot be scored')
  const depth = Math.min(k, ranked.length)
  let hits = 0
  let dcg = 0
  let precisionSum = 0
  for (let i = 0; i < depth; i++) {
    if (!relevant.has(ranked[i])) continue
    hits++
    dcg += 1 / Math.log2(i + 2)
    precisionSum += hits / (i + 1)
  }
  const idealHits = Math.min(relevant.size, k)
  let idcg = 0
  for (let i = 0; i < idealHits; i++) idcg += 1 / Math.log2(i + 2)
  return {
    hitRate: hits > 0 ? 1 : 0,
    precision: hits / k,
    recall: hits / relevant.size,
    ndcg: dcg / idcg,
    map: precisionSum / idealHits
  }
}

/** Running means of `scoreRanking` at several cut-offs, plus the distinct items recommended. */
export class MetricsAccumulator {
  readonly ks: readonly number[]
  /** distinct items that appeared in the first max(ks) positions of any list */
  readonly recommended = new Set<number>()
  private readonly sums: RankingMetrics[]
  private count = 0

  constructor (ks: readonly number[]) {
    if (ks.length === 0) throw new RangeError('at least one cut-off k is needed')
    this.ks = ks
    this.sums = ks.map(() => ({ hitRate: 0, precision: 0, recall: 0, ndcg: 0, map: 0 }))
  }

  get customers (): number { return this.count }

  add (ranked: ArrayLike<number>, relevant: ReadonlySet<number>): void {
    this.ks.forEach((k, i) => {
      const scores = scoreRanking(ranked, relevant, k)
      const sum = this.sums[i]
      sum.hitRate += scores.hitRate
      sum.precision += scores.precision
      sum.recall += scores.recall
      sum.ndcg += scores.ndcg
      sum.map += scores.map
    })
    const depth = Math.min(ranked.length, Math.max(...this.ks))
    for (let i = 0; i < depth; i++) this.recommended.add(ranked[i])
    this.count++
  }

  /** Means at `ks[i]`; all zero before the first customer. */
  means (i: number): RankingMetrics {
    const sum = this.sums[i]
    const n = Math.max(1, this.count)
    return { hitRate: sum.hitRate / n, precision: sum.precision / n, recall: sum.recall / n, ndcg: sum.ndcg / n, map: sum.map / n }
  }
}
