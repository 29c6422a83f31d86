// Bounded top-N selection: the best `limit` of `count` candidates without sorting them all.
// Candidate lists are a few thousand long at most and `limit` ≤ 100, so insertion into a short
// sorted array beats a heap (and allocates only the answer).

/** `before(a, b)` is true when a ranks strictly before b; it must be a strict total order. */
export type RankBefore = (a: number, b: number) => boolean

/** The best `limit` entries of `candidates[0 .. count)`, best first. */
export function selectTop (candidates: ArrayLike<number>, count: number, limit: number, before: RankBefore): number[] {
  const top: number[] = []
  if (limit <= 0) return top
  for (let i = 0; i < count; i++) {
    const candidate = candidates[i]
    if (top.length === limit && !before(candidate, top[limit - 1])) continue
    let position = top.length === limit ? limit - 1 : top.length
    if (top.length < limit) top.push(candidate)
    while (position > 0 && before(candidate, top[position - 1])) {
      top[position] = top[position - 1]
      position--
    }
    top[position] = candidate
  }
  return top
}
