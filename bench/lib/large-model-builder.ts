// bench:large-model's model: a real (small) version grown to any number of customers and products,
// written through the artifact contract's encoder (lib/artifacts encodeModelFiles) and published
// like a trained version. Not trained: the trainer at that scale is another part of issue 12.
//
// Growth keeps the real model's shape rather than inventing one:
// - the catalogue is R = ceil(products / base products) replicas of the real one (replica r's
//   codes get a "-r" suffix, same descriptions, so search sees real text); each product's
//   neighbours are its real product's, inside the same replica (so recommendations look like the
//   real ones), and popularity follows the real counts;
// - each synthetic customer is a random real customer (seeded): its RFM values and segment, its
//   value estimates, and its purchases moved into a random replica. Ids are "S" + 9 digits, so
//   the customers file is in id order as written.
import { purchaseRow, type CustomerTable, type LoadedVersion, type ManifestDraft, type ModelFilesInput, type NeighbourTable, type Product, type PurchaseLists, type ValueTable } from '../../lib/artifacts/index.js'
import { seededRandom } from '../../lib/seeded-random.js'
import { fillBy } from '../../lib/typed-arrays.js'

export interface LargeModelOptions {
  customers: number
  products: number
  seed?: number
}

const ID_DIGITS = 9

export function buildLargeModel (base: LoadedVersion, options: LargeModelOptions): { input: ModelFilesInput, draft: ManifestDraft } {
  const { customers: n, products: p } = options
  if (!Number.isInteger(n) || n < 1 || n >= 10 ** ID_DIGITS) throw new RangeError(`customers must be 1 … ${10 ** ID_DIGITS - 1}, got ${n}`)
  const baseProducts = base.catalogue.products
  const b = baseProducts.length
  if (!Number.isInteger(p) || p < b) throw new RangeError(`products must be an integer ≥ the base catalogue's ${b}, got ${p}`)
  const replicas = Math.ceil(p / b)
  const random = seededRandom(options.seed ?? 12)
  const baseCustomers = base.customers.count

  // ---- catalogue and neighbours
  const scale = n / baseCustomers / replicas
  const products: Product[] = Array.from({ length: p }, (_, j) => {
    const real = baseProducts[j % b]
    const r = Math.floor(j / b)
    return {
      ...real,
      code: r === 0 ? real.code : `${real.code}-${r}`,
      customers: Math.round(real.customers * scale),
      quantity: Math.round(real.quantity * scale)
    }
  })
  const popularity = products.map((_, j) => j).filter((j) => products[j].recommendable)
    .sort((x, y) => products[y].customers - products[x].customers || x - y)
  const nb = base.neighbours
  const neighbourCount = new Uint32Array(p + 1)
  for (let j = 0; j < p; j++) {
    const real = j % b
    const shift = j - real
    let count = 0
    for (let k = nb.offsets[real]; k < nb.offsets[real + 1]; k++) if (nb.neighbour[k] + shift < p) count++
    neighbourCount[j + 1] = neighbourCount[j] + count
  }
  const total = neighbourCount[p]
  const neighbours: NeighbourTable = {
    ...(nb.similarity === undefined ? {} : { similarity: nb.similarity }),
    weighting: nb.weighting,
    topK: nb.topK,
    minSupport: nb.minSupport,
    popularityDamping: nb.popularityDamping,
    offsets: neighbourCount,
    neighbour: new Uint32Array(total),
    score: new Float64Array(total),
    sharedCustomers: new Uint32Array(total)
  }
  for (let j = 0, at = 0; j < p; j++) {
    const real = j % b
    const shift = j - real
    for (let k = nb.offsets[real]; k < nb.offsets[real + 1]; k++) {
      if (nb.neighbour[k] + shift >= p) continue
      neighbours.neighbour[at] = nb.neighbour[k] + shift
      neighbours.score[at] = nb.score[k]
      neighbours.sharedCustomers[at] = Math.round(nb.sharedCustomers[k] * scale)
      at++
    }
  }

  // ---- customers: each a random real one, in a random replica
  const source = new Uint32Array(n)
  const replica = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    source[i] = Math.floor(random() * baseCustomers)
    replica[i] = Math.floor(random() * replicas)
  }
  const idBytes = new Uint8Array(n * (ID_DIGITS + 1))
  const idOffsets = new Uint32Array(n + 1)
  for (let i = 0; i < n; i++) {
    const at = i * (ID_DIGITS + 1)
    idBytes[at] = 0x53 // "S"
    for (let d = ID_DIGITS, v = i; d >= 1; d--, v = Math.floor(v / 10)) idBytes[at + d] = 0x30 + (v % 10)
    idOffsets[i + 1] = at + ID_DIGITS + 1
  }
  const column = (from: Float64Array): Float64Array => fillBy(new Float64Array(source.length), (i) => from[source[i]])
  const bc = base.customers
  const customers: CustomerTable = {
    count: n,
    ids: { bytes: idBytes, offsets: idOffsets },
    recency: column(bc.recency),
    frequency: column(bc.frequency),
    // the base was loaded as the service loads it: amounts in the trainer's units, as written
    monetary: column(bc.monetary),
    segment: fillBy(new Uint32Array(source.length), (i) => bc.segment[source[i]])
  }

  let purchases: PurchaseLists | undefined
  if (base.purchases) {
    // the base's rows decoded once (a small model): compressed sparse rows, as the trainer hands them in
    const baseRows = Array.from({ length: base.customers.count }, (_, c) => purchaseRow(base.purchases!, c))
    const bp = { offsets: new Float64Array(baseRows.length + 1), products: new Uint32Array(baseRows.reduce((n, r) => n + r.length, 0)) }
    baseRows.forEach((r, c) => { bp.offsets[c + 1] = bp.offsets[c] + r.length; bp.products.set(r, bp.offsets[c]) })
    const offsets = new Uint32Array(n + 1)
    for (let i = 0; i < n; i++) {
      const s = source[i]
      const shift = replica[i] * b
      let count = 0
      for (let k = bp.offsets[s]; k < bp.offsets[s + 1]; k++) if (bp.products[k] + shift < p) count++
      offsets[i + 1] = offsets[i] + count
    }
    if (offsets[n] > 0xffffffff) throw new RangeError('more than 2^32 purchases: too many customers for uint32 offsets')
    const bought = new Uint32Array(offsets[n])
    for (let i = 0, at = 0; i < n; i++) {
      const s = source[i]
      const shift = replica[i] * b
      // ascending stays ascending: every index of the row moves by the same shift
      for (let k = bp.offsets[s]; k < bp.offsets[s + 1]; k++) if (bp.products[k] + shift < p) bought[at++] = bp.products[k] + shift
    }
    purchases = { offsets, products: bought }
  }

  let values: ValueTable | undefined
  if (base.values) {
    const v = base.values
    values = {
      horizonDays: v.horizonDays,
      dropout: v.dropout,
      expectedPurchases: column(v.expectedPurchases),
      pAlive: v.pAlive === null ? null : column(v.pAlive),
      expectedOrderValue: column(v.expectedOrderValue),
      expectedRevenue: column(v.expectedRevenue)
    }
  }

  // ---- segments and manifest: the real ones, with the new counts
  const sizes = new Array<number>(base.segments.segments.length).fill(0)
  for (let i = 0; i < n; i++) sizes[customers.segment[i]]++
  const segments = { ...base.segments, segments: base.segments.segments.map((s, id) => ({ ...s, size: sizes[id], share: sizes[id] / n })) }
  const { version: _version, createdAt: _createdAt, files: _files, schemaVersion: _schema, movements: _movements, ...real } = base.manifest
  let withNeighbours = 0
  for (let j = 0; j < p; j++) if (neighbourCount[j + 1] > neighbourCount[j]) withNeighbours++
  const draft: ManifestDraft = {
    ...real,
    input: { ...real.input, fileName: `synthetic: ${n} customers × ${p} products grown from ${base.manifest.version} by bench:large-model` },
    cleaning: { ...real.cleaning, customers: n, products: p },
    segmentation: { ...real.segmentation, sizes },
    recommendations: {
      ...real.recommendations,
      products: p,
      recommendableProducts: popularity.length,
      productsWithNeighbours: withNeighbours,
      neighbourPairs: total
    },
    ...(real.value ? { value: { ...real.value, customers: n } } : {})
  }
  return {
    input: { segments, neighbours, catalogue: { products, popularity }, customers, ...(purchases ? { purchases } : {}), values: values ?? null },
    draft
  }
}
