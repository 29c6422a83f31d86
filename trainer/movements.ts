// Pipeline step: how customers moved between segments since the version before. The comparison
// itself is pure and shared with the service (lib/segments/movements.ts); this module only finds
// the previous version — the newest one already in the artifacts directory — and reads its
// customers and segments through the contract's loader. A previous version that cannot be read is
// skipped with the reason logged: it never fails a training.
import type pino from 'pino'
import { customerRecords, listVersions, loadVersion, type Customers, type Movements, type SegmentModel } from '../lib/artifacts/index.js'
import { compareMemberships } from '../lib/segments/movements.js'

/** The movements of `current` since the newest version in `artifactsDir`; undefined when there is none or it cannot be read. */
export async function movementsSincePrevious (artifactsDir: string, current: { customers: Customers, segments: SegmentModel },
  logger: Pick<pino.Logger, 'info' | 'warn'>): Promise<Movements | undefined> {
  const previous = (await listVersions(artifactsDir).catch(() => [])).at(-1)
  if (previous === undefined) return undefined
  let loaded
  try {
    loaded = await loadVersion(artifactsDir, previous)
  } catch (error) {
    logger.warn({ stage: 'movements', previous, reason: (error as Error).message }, `the previous version ${previous} cannot be read: no movements in this version`)
    return undefined
  }
  return compareMemberships(previous,
    { customers: customerRecords(loaded.customers), labels: loaded.segments.segments.map((s) => s.label) },
    { customers: current.customers.customers, labels: current.segments.segments.map((s) => s.label) })
}
