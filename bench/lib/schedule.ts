// Order of benchmark runs: alternating the programs spreads a shared machine's slow moments
// over both instead of penalising whichever ran second.
export type Program = string

/** a, b, a, b, …, then the remaining runs of whichever has more (`alternate('a', 3, 'b', 1)` = a b a a). */
export function alternate<A extends Program, B extends Program> (a: A, runsA: number, b: B, runsB: number): Array<A | B> {
  const order: Array<A | B> = []
  for (let i = 0; i < Math.max(runsA, runsB); i++) {
    if (i < runsA) order.push(a)
    if (i < runsB) order.push(b)
  }
  return order
}
