// Baseline (a): the most popular products — the catalogue's ranking by distinct customers in the
// training period — minus what the customer already bought. What any shop can do without a model.

/** The first `k` products of `popularity` not in `history`. */
export function recommendPopular (popularity: ArrayLike<number>, history: ArrayLike<number>, k: number): number[] {
  const bought = new Set<number>()
  for (let i = 0; i < history.length; i++) bought.add(history[i])
  const items: number[] = []
  for (let rank = 0; rank < popularity.length && items.length < k; rank++) {
    if (!bought.has(popularity[rank])) items.push(popularity[rank])
  }
  return items
}
