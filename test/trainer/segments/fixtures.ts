// Shared test data for the segment stage: seeded Gaussian blobs and a tiny RFM table builder.
import type { RfmTable } from '../../../trainer/rfm.js'
import type { Points } from '../../../trainer/segments/points.js'
import { pointsFromRows } from '../../helpers/trainer-data.js'
import { createRandom } from '../../../trainer/segments/seed.js'

/** `perBlob` points around each centre, standard normal noise × spread. */
export function blobs (centres: number[][], perBlob: number, spread: number, seed = 1): { points: Points, truth: Int32Array } {
  const random = createRandom(seed)
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const rows: number[][] = []
  const truth: number[] = []
  centres.forEach((centre, c) => {
    for (let i = 0; i < perBlob; i++) {
      rows.push(centre.map(x => x + spread * normal()))
      truth.push(c)
    }
  })
  return { points: pointsFromRows(rows), truth: Int32Array.from(truth) }
}

export function uniformPoints (n: number, dims: number, seed: number): Points {
  const random = createRandom(seed)
  return pointsFromRows(Array.from({ length: n }, () => Array.from({ length: dims }, () => random() * 10 - 5)))
}

export function rfmTable (rows: Array<[string, number, number, number]>): RfmTable {
  return {
    customerIds: rows.map(r => r[0]),
    recency: Float64Array.from(rows, r => r[1]),
    frequency: Float64Array.from(rows, r => r[2]),
    monetary: Float64Array.from(rows, r => r[3]),
    snapshot: new Date(Date.UTC(2011, 11, 10, 12, 50)),
    lastInvoiceAt: Date.UTC(2011, 11, 9, 12, 50)
  }
}

/**
 * Four kinds of customers that the k = 4 rule should name: best (recent, frequent, big),
 * regular (frequent, mid spend), occasional (recent, few orders), at risk (long gone).
 */
export function fourKindsOfCustomers (perKind = 40, seed = 3): RfmTable {
  const random = createRandom(seed)
  const jitter = (x: number): number => x * (0.8 + 0.4 * random())
  const kinds: Array<[string, number, number, number]> = [
    ['best', 5, 20, 8000],
    ['regular', 40, 6, 1500],
    ['occasional', 12, 1.5, 250],
    ['atrisk', 250, 1.3, 300]
  ]
  const rows: Array<[string, number, number, number]> = []
  for (const [kind, r, f, m] of kinds) {
    for (let i = 0; i < perKind; i++) rows.push([`${kind}-${String(i).padStart(3, '0')}`, Math.round(jitter(r)), Math.max(1, Math.round(jitter(f))), jitter(m)])
  }
  return rfmTable(rows)
}
