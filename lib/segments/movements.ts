// Movements between two model versions: who was in which segment before, and where they are now.
// Segments are matched by label, never by id: ids are the order the labelling rule gives
// (trainer/segments/label.ts), and a label is what a campaign targets, so "High-Value → At-Risk"
// means the same customers whatever k or the cluster order was. Customers are matched by id.
// Pure: the trainer stores the summary in the manifest (against the version before it), the
// service computes it for any two loaded versions, with the same function.
import type { Movements } from '../artifacts/schema.js'

/** A version's customers (id and segment id) and its segments' labels, by id. */
export interface SegmentMembership {
  readonly customers: ReadonlyArray<{ readonly id: string, readonly segment: number }>
  readonly labels: readonly string[]
}

/**
 * For each customer of `current` (in its order), their segment id in `previous`; -1 for a customer
 * `previous` did not have.
 */
export function previousSegments (previous: SegmentMembership, current: SegmentMembership): Int32Array {
  const before = new Map<string, number>()
  for (const { id, segment } of previous.customers) before.set(id, segment)
  const result = new Int32Array(current.customers.length)
  current.customers.forEach(({ id }, i) => { result[i] = before.get(id) ?? -1 })
  return result
}

/**
 * The transition table (from label × to label → customers; pairs with none are left out), the
 * customers new in `current` by segment, and those `previous` had and `current` has not, by their
 * old segment. Rows in a fixed order: previous segments by id, then current ones by id.
 */
export function compareMemberships (fromVersion: string, previous: SegmentMembership, current: SegmentMembership,
  before: Int32Array = previousSegments(previous, current)): Movements {
  const k0 = previous.labels.length
  const k1 = current.labels.length
  const counts = new Float64Array(k0 * k1)
  const added = new Float64Array(k1)
  let stayed = 0
  let sameLabel = 0
  current.customers.forEach(({ segment }, i) => {
    const was = before[i]
    if (was < 0) {
      added[segment]++
      return
    }
    stayed++
    counts[was * k1 + segment]++
    if (previous.labels[was] === current.labels[segment]) sameLabel++
  })
  const stillThere = new Set(current.customers.map(({ id }) => id))
  const gone = new Float64Array(k0)
  for (const { id, segment } of previous.customers) if (!stillThere.has(id)) gone[segment]++

  const transitions: Movements['transitions'] = []
  for (let a = 0; a < k0; a++) {
    for (let b = 0; b < k1; b++) {
      const n = counts[a * k1 + b]
      if (n > 0) transitions.push({ from: previous.labels[a], to: current.labels[b], customers: n })
    }
  }
  return {
    from: fromVersion,
    customers: {
      previous: previous.customers.length,
      current: current.customers.length,
      inBoth: stayed,
      sameSegment: sameLabel,
      new: current.customers.length - stayed,
      gone: previous.customers.length - stayed
    },
    segments: { previous: [...previous.labels], current: [...current.labels] },
    transitions,
    newBySegment: current.labels.map((label, s) => ({ segment: label, customers: added[s] })),
    goneBySegment: previous.labels.map((label, s) => ({ segment: label, customers: gone[s] }))
  }
}
