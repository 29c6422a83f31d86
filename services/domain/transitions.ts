// Movements between two served versions (lib/segments/movements.ts), computed on request for any
// pair and kept per pair. Computed rather than read from the manifest's `movements`: that one is
// against whatever version was newest when the trainer published, while a caller may ask about any
// `from` (a version from before the comparison existed, the one before a rollback, one two
// retrains back), and the movers list needs both versions' customers anyway. The cost is one pass
// over both customer lists (~2 ms for 4k customers, ~0.3 s for 430k), paid once per pair.
import { listVersions, compareVersionNames, customerId } from '../../lib/artifacts/index.js'
import { compareMemberships, previousSegments } from '../../lib/segments/movements.js'
import type { Movements } from '../../lib/artifacts/index.js'
import type { ServedModel } from './served-model.js'

export interface Comparison {
  readonly movements: Movements
  /** for each customer of the later version (customers.bin's order), their segment id in `from`; -1 if new */
  readonly previousSegment: Int32Array
}

/** pairs kept per later version: a few `from`s each, dropped with the version */
const MAX_PAIRS_PER_VERSION = 4
const comparisons = new WeakMap<ServedModel, Map<string, Comparison>>()

// The comparison takes {id, segment} objects (the trainer compares its in-memory customers with
// it too); made from the columns per pair, once, since comparisons are cached.
function membershipOf (model: ServedModel): { customers: Array<{ id: string, segment: number }>, labels: string[] } {
  const table = model.customers
  const customers = Array.from({ length: table.count }, (_, i) => ({ id: customerId(table, i), segment: table.segment[i] }))
  return { customers, labels: model.segmentModel.segments.map((segment) => segment.label) }
}

/** How `to`'s customers moved since `from` (cached per pair while both versions live). */
export function compareServed (from: ServedModel, to: ServedModel): Comparison {
  let byFrom = comparisons.get(to)
  if (byFrom === undefined) {
    byFrom = new Map()
    comparisons.set(to, byFrom)
  }
  const known = byFrom.get(from.version)
  if (known !== undefined) return known
  const previous = membershipOf(from)
  const current = membershipOf(to)
  const previousSegment = previousSegments(previous, current)
  const comparison = { movements: compareMemberships(from.version, previous, current, previousSegment), previousSegment }
  if (byFrom.size >= MAX_PAIRS_PER_VERSION) byFrom.delete(byFrom.keys().next().value as string)
  byFrom.set(from.version, comparison)
  return comparison
}

/** The newest version directory in `artifactsDir` older than `version`; null when there is none. */
export async function versionBefore (artifactsDir: string, version: string): Promise<string | null> {
  const versions = await listVersions(artifactsDir)
  return versions.filter((v) => compareVersionNames(v, version) < 0).at(-1) ?? null
}

// The version before a served one, remembered per served version: GET /customers/{id} asks on every
// request, and a directory listing per lookup would cost more than the lookup. Names sort by
// publish time, so a later publish never changes the answer; pruning can, and a caller whose
// remembered name is gone asks again with `forget`.
const before = new WeakMap<ServedModel, string | null>()

export async function previousVersionOf (artifactsDir: string, model: ServedModel, forget = false): Promise<string | null> {
  if (!forget && before.has(model)) return before.get(model) ?? null
  const name = await versionBefore(artifactsDir, model.version)
  before.set(model, name)
  return name
}
