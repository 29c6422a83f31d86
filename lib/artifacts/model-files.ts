// The artifact contract, part 1c: the large model files as column files (columns.ts) — how the
// trainer's results are encoded, and what a reader gets back: typed-array tables, each column a
// view over its file's buffer (transferable between threads as it is). Each file's own checks
// live here, next to its encoding; the cross-file ones are in load.ts.
import { isUtf8 } from 'node:buffer'
import { Type } from 'typebox'
import { Compile } from 'typebox/compile'
import {
  ColumnFileError, compareBytes, decodeColumnFile, encodeColumnFile, encodeStrings, requireColumn, stringAt,
  type Column, type StringColumn
} from './columns.js'
import { decodeVarintRow, encodeVarintRows, type VarintRows } from './purchase-varints.js'
import {
  DropoutSchema, MODEL_FILES, OPTIONAL_MODEL_FILES, SimilaritySchema, WeightingSchema,
  type Catalogue, type CustomerValues, type Customers, type Dropout, type KnownCustomer, type Neighbours, type Purchases,
  type SegmentModel, type Similarity
} from './schema.js'
import { fillBy } from '../typed-arrays.js'

/** customers.bin: the known customers, sorted by id in UTF-8 byte order (code-point order), ids unique. */
export interface CustomerTable {
  readonly count: number
  readonly ids: StringColumn
  readonly recency: Float64Array
  readonly frequency: Float64Array
  readonly monetary: Float64Array
  readonly segment: Uint32Array
}

/** neighbours.bin: the neighbours' parameters (header meta) and compressed sparse rows over catalogue indices. */
export interface NeighbourTable {
  readonly similarity?: Similarity
  readonly weighting: Neighbours['weighting']
  readonly topK: number
  readonly minSupport: number
  readonly popularityDamping: number
  readonly offsets: Uint32Array
  readonly neighbour: Uint32Array
  readonly score: Float64Array
  readonly sharedCustomers: Uint32Array
}

/**
 * purchases.bin as read: customer i's (customers.bin's i-th) ascending catalogue indices are the
 * LEB128 varints bytes[offsets[i] .. offsets[i + 1]) — the first index, then the gaps (≥ 1); see
 * purchase-varints.ts. Offsets are uint32, or float64 when the bytes pass 2^32. Decode a row with
 * purchaseRow. (This layout replaced uint32 products within schema 2, which was never released.)
 */
export interface PurchaseTable extends VarintRows {}

/** Purchases as the trainer (or a bench) hands them in: compressed sparse rows of catalogue indices, ascending per customer. */
export interface PurchaseLists {
  readonly offsets: Uint32Array
  readonly products: Uint32Array
}

/** values.bin: columns aligned with customers.bin; money in the trainer's units (not yet cents). */
export interface ValueTable {
  readonly horizonDays: number
  readonly dropout: Dropout
  readonly expectedPurchases: Float64Array
  readonly pAlive: Float64Array | null
  readonly expectedOrderValue: Float64Array
  readonly expectedRevenue: Float64Array
}

/** The model files as a reader gets them; the optional ones are undefined in versions without them. */
export interface ModelFiles {
  segments: SegmentModel
  neighbours: NeighbourTable
  catalogue: Catalogue
  customers: CustomerTable
  purchases?: PurchaseTable
  values?: ValueTable
}

/** What the trainer (or a bench) hands to encodeModelFiles: its own shapes, or tables already columnar. */
export interface ModelFilesInput {
  segments: SegmentModel
  neighbours: Neighbours | NeighbourTable
  catalogue: Catalogue
  customers: Customers | CustomerTable
  purchases?: Purchases | PurchaseLists
  values?: CustomerValues | ValueTable | null
}

const u32 = (values: ArrayLike<number>, what: string): Uint32Array => {
  if (values instanceof Uint32Array) return values
  const out = new Uint32Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`${what}[${i}] = ${v} is not an unsigned 32-bit integer`)
    out[i] = v
  }
  return out
}
const f64 = (values: ArrayLike<number>): Float64Array => values instanceof Float64Array ? values : Float64Array.from(values)

/**
 * Customers as columns; objects are sorted into the contract's id order (see sortedCustomers), and
 * `order` is that permutation (null: they already were), for the columns aligned with them.
 */
export function customerTableOf (customers: Customers | CustomerTable): { table: CustomerTable, order: Uint32Array | null } {
  if ('ids' in customers) return { table: customers, order: null }
  const list = customers.customers
  const encoded = list.map((c) => Buffer.from(c.id, 'utf8'))
  const order = sortedCustomers(encoded)
  const at = (i: number): KnownCustomer => list[order === null ? i : order[i]]
  const n = list.length
  const table: CustomerTable = {
    count: n,
    ids: encodeStrings(Array.from({ length: n }, (_, i) => at(i).id)),
    recency: fillBy(new Float64Array(n), (i) => at(i).recency),
    frequency: fillBy(new Float64Array(n), (i) => at(i).frequency),
    monetary: fillBy(new Float64Array(n), (i) => at(i).monetary),
    segment: u32(Array.from({ length: n }, (_, i) => at(i).segment), 'segment')
  }
  return { table, order }
}

/**
 * The trainer sorts ids in UTF-16 code-unit order (trainer/customers.ts); the file is in UTF-8
 * byte order, the order its load check enforces. The two agree except for ids mixing
 * characters above U+E000 with ones beyond U+FFFF: then this permutation (applied to purchases and
 * values too, which are aligned with the customers) reorders them; null when already in order.
 */
function sortedCustomers (encoded: readonly Buffer[]): Uint32Array | null {
  let sorted = true
  for (let i = 1; i < encoded.length && sorted; i++) sorted = Buffer.compare(encoded[i - 1], encoded[i]) < 0
  if (sorted) return null
  const order = Uint32Array.from(encoded.keys())
  order.sort((a, b) => Buffer.compare(encoded[a], encoded[b]))
  return order
}

function permuteRows (purchases: PurchaseLists, order: Uint32Array | null): PurchaseLists {
  if (order === null) return purchases
  const offsets = new Uint32Array(order.length + 1)
  for (let i = 0; i < order.length; i++) offsets[i + 1] = offsets[i] + purchases.offsets[order[i] + 1] - purchases.offsets[order[i]]
  const products = new Uint32Array(purchases.products.length)
  for (let i = 0; i < order.length; i++) products.set(purchases.products.subarray(purchases.offsets[order[i]], purchases.offsets[order[i] + 1]), offsets[i])
  return { offsets, products }
}

const permute = (column: Float64Array, order: Uint32Array | null): Float64Array => order === null ? column : fillBy(new Float64Array(order.length), (i) => column[order[i]])

/**
 * The files of a version, name → content, ready for publishVersion: segments and catalogue as
 * JSON, the rest as column files. The one place the trainer's results become files.
 */
export function encodeModelFiles (input: ModelFilesInput): Record<string, string | Uint8Array> {
  const { table: customers, order } = customerTableOf(input.customers)
  const n = customers.ids
  const files: Record<string, string | Uint8Array> = {
    [MODEL_FILES.segments]: JSON.stringify(input.segments),
    [MODEL_FILES.catalogue]: JSON.stringify(input.catalogue),
    [MODEL_FILES.customers]: encodeColumnFile('customers', customers.count, {}, [
      ['id.offsets', n.offsets], ['id.bytes', n.bytes],
      ['recency', customers.recency], ['frequency', customers.frequency], ['monetary', customers.monetary], ['segment', customers.segment]
    ]),
    [MODEL_FILES.neighbours]: encodeNeighbours(input.neighbours)
  }
  if (input.purchases !== undefined) {
    const rows = permuteRows({ offsets: u32(input.purchases.offsets, 'purchases.offsets'), products: u32(input.purchases.products, 'purchases.products') }, order)
    const encoded = encodeVarintRows(rows.offsets, rows.products)
    files[OPTIONAL_MODEL_FILES.purchases] = encodeColumnFile('purchases', customers.count, {}, [['offsets', encoded.offsets], ['bytes', encoded.bytes]])
  }
  if (input.values !== undefined && input.values !== null) {
    const v = input.values
    const columns: Array<[string, Column]> = [
      ['expectedPurchases', permute(f64(v.expectedPurchases), order)],
      ['expectedOrderValue', permute(f64(v.expectedOrderValue), order)],
      ['expectedRevenue', permute(f64(v.expectedRevenue), order)]
    ]
    if (v.pAlive !== null) columns.push(['pAlive', permute(f64(v.pAlive), order)])
    files[OPTIONAL_MODEL_FILES.values] = encodeColumnFile('values', customers.count, { horizonDays: v.horizonDays, dropout: v.dropout }, columns)
  }
  return files
}

function encodeNeighbours (neighbours: Neighbours | NeighbourTable): Uint8Array {
  const { similarity, weighting, topK, minSupport, popularityDamping } = neighbours
  const meta = { ...(similarity === undefined ? {} : { similarity }), weighting, topK, minSupport, popularityDamping }
  return encodeColumnFile('neighbours', neighbours.offsets.length - 1, meta, [
    ['offsets', u32(neighbours.offsets, 'neighbours.offsets')],
    ['neighbour', u32(neighbours.neighbour, 'neighbours.neighbour')],
    ['score', f64(neighbours.score)],
    ['sharedCustomers', u32(neighbours.sharedCustomers, 'neighbours.sharedCustomers')]
  ])
}

// ---- decoding and each file's own checks ---------------------------------------------------
// Errors are ColumnFileError with the reason; load.ts names the version and file.

function openFile (data: Uint8Array, kind: string): ReturnType<typeof decodeColumnFile> {
  const file = decodeColumnFile(data)
  if (file.kind !== kind) throw new ColumnFileError(`is a ${file.kind} column file, expected ${kind}`)
  return file
}

function checkOffsets (offsets: Uint32Array, total: number, rowName: (i: number) => string, what: string): void {
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== total) {
    throw new ColumnFileError(`offsets do not span the ${what} (first ${offsets[0]}, last ${offsets[offsets.length - 1]}, ${total} ${what})`)
  }
  for (let i = 0; i + 1 < offsets.length; i++) {
    if (offsets[i + 1] < offsets[i]) throw new ColumnFileError(`offsets decrease at ${rowName(i)}`)
  }
}

function checkNumbers (column: Float64Array, name: string, min: number, max: number, rowName: (i: number) => string): void {
  for (let i = 0; i < column.length; i++) {
    const v = column[i]
    // written as !(in range) so NaN fails too
    if (!(v >= min && v <= max && Number.isFinite(v))) {
      throw new ColumnFileError(`${name} of ${rowName(i)} is ${v}; expected a finite number ${max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`}`)
    }
  }
}

export function decodeCustomers (data: Uint8Array): CustomerTable {
  const file = openFile(data, 'customers')
  const n = file.rows
  const offsets = requireColumn(file, 'id.offsets', 'uint32', n + 1)
  const bytes = requireColumn(file, 'id.bytes', 'uint8', null)
  const ids = { bytes, offsets }
  const table: CustomerTable = {
    count: n,
    ids,
    recency: requireColumn(file, 'recency', 'float64', n),
    frequency: requireColumn(file, 'frequency', 'float64', n),
    monetary: requireColumn(file, 'monetary', 'float64', n),
    segment: requireColumn(file, 'segment', 'uint32', n)
  }
  checkOffsets(offsets, bytes.length, (i) => `customer index ${i}`, 'id bytes')
  if (!isUtf8(bytes)) throw new ColumnFileError('ids are not valid UTF-8')
  for (let i = 0; i < n; i++) {
    const start = offsets[i]
    if (offsets[i + 1] === start) throw new ColumnFileError(`customer index ${i} has an empty id`)
    // an offset inside a multi-byte character would split it between two ids
    if ((bytes[start] & 0xc0) === 0x80) throw new ColumnFileError(`id of customer index ${i} starts inside a UTF-8 character`)
    if (i > 0 && compareBytes(bytes, offsets[i - 1], start, bytes, start, offsets[i + 1]) >= 0) {
      throw new ColumnFileError(`ids are not sorted and unique at customer index ${i} (${stringAt(ids, i - 1)} then ${stringAt(ids, i)})`)
    }
  }
  const who = (i: number): string => `customer ${stringAt(ids, i)}`
  checkNumbers(table.recency, 'recency', 0, Infinity, who)
  checkNumbers(table.frequency, 'frequency', 1, Infinity, who)
  checkNumbers(table.monetary, 'monetary', 0, Infinity, who)
  return table
}

const NeighbourMetaSchema = Type.Object({
  similarity: Type.Optional(SimilaritySchema),
  weighting: WeightingSchema,
  topK: Type.Integer({ minimum: 1 }),
  minSupport: Type.Integer({ minimum: 1 }),
  popularityDamping: Type.Number({ minimum: 0 })
})
const neighbourMeta = Compile(NeighbourMetaSchema)

export function decodeNeighbours (data: Uint8Array): NeighbourTable {
  const file = openFile(data, 'neighbours')
  if (!neighbourMeta.Check(file.meta)) {
    const [first] = neighbourMeta.Errors(file.meta)
    throw new ColumnFileError(`header meta does not match the schema at ${first?.instancePath || 'the top level'}: ${first?.message ?? 'invalid'}`)
  }
  const offsets = requireColumn(file, 'offsets', 'uint32', file.rows + 1)
  const neighbour = requireColumn(file, 'neighbour', 'uint32', null)
  const table: NeighbourTable = {
    ...file.meta,
    offsets,
    neighbour,
    score: requireColumn(file, 'score', 'float64', null),
    sharedCustomers: requireColumn(file, 'sharedCustomers', 'uint32', null)
  }
  if (table.score.length !== neighbour.length || table.sharedCustomers.length !== neighbour.length) {
    throw new ColumnFileError('neighbour, score and sharedCustomers differ in length')
  }
  checkOffsets(offsets, neighbour.length, (p) => `product index ${p}`, 'neighbours')
  checkNumbers(table.score, 'score', -Infinity, Infinity, (i) => `position ${i}`)
  return table
}

export function decodePurchases (data: Uint8Array): PurchaseTable {
  const file = openFile(data, 'purchases')
  // lengths against the customers, and the rows' contents: load.ts's cross-file checks, which can name both files
  const column = file.columns.get('offsets')
  const offsets = column instanceof Float64Array ? column : requireColumn(file, 'offsets', 'uint32', null)
  const bytes = requireColumn(file, 'bytes', 'uint8', null)
  return { offsets, bytes }
}

/** Customer `i`'s purchased catalogue indices, ascending (decoded: a fresh array). */
export function purchaseRow (purchases: PurchaseTable, i: number): Uint32Array {
  return decodeVarintRow(purchases, i)
}

const ValueMetaSchema = Type.Object({ horizonDays: Type.Integer({ minimum: 1 }), dropout: DropoutSchema })
const valueMeta = Compile(ValueMetaSchema)

export function decodeValues (data: Uint8Array): ValueTable {
  const file = openFile(data, 'values')
  if (!valueMeta.Check(file.meta)) {
    const [first] = valueMeta.Errors(file.meta)
    throw new ColumnFileError(`header meta does not match the schema at ${first?.instancePath || 'the top level'}: ${first?.message ?? 'invalid'}`)
  }
  // lengths against the customers: load.ts's cross-file checks, which can name both files
  const table: ValueTable = {
    ...file.meta,
    expectedPurchases: requireColumn(file, 'expectedPurchases', 'float64', null),
    pAlive: file.columns.has('pAlive') ? requireColumn(file, 'pAlive', 'float64', null) : null,
    expectedOrderValue: requireColumn(file, 'expectedOrderValue', 'float64', null),
    expectedRevenue: requireColumn(file, 'expectedRevenue', 'float64', null)
  }
  const at = (i: number): string => `customer index ${i}`
  checkNumbers(table.expectedPurchases, 'expectedPurchases', 0, Infinity, at)
  checkNumbers(table.expectedOrderValue, 'expectedOrderValue', 0, Infinity, at)
  checkNumbers(table.expectedRevenue, 'expectedRevenue', 0, Infinity, at)
  if (table.pAlive !== null) checkNumbers(table.pAlive, 'pAlive', 0, 1, at)
  return table
}

/** Customer `i`'s id. */
export function customerId (customers: CustomerTable, i: number): string {
  return stringAt(customers.ids, i)
}

/** The customers as objects, in the file's order: for small consumers (the trainer's movements); the service reads the columns. */
export function customerRecords (customers: CustomerTable): KnownCustomer[] {
  return Array.from({ length: customers.count }, (_, i) => ({
    id: customerId(customers, i),
    recency: customers.recency[i],
    frequency: customers.frequency[i],
    monetary: customers.monetary[i],
    segment: customers.segment[i]
  }))
}

/** Every ArrayBuffer the tables' columns view (for a worker's transfer list). */
export function modelBuffers (files: Pick<ModelFiles, 'neighbours' | 'customers' | 'purchases' | 'values'>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  const add = (column: Column | null | undefined): void => { if (column) buffers.add(column.buffer as ArrayBuffer) }
  const { neighbours, customers, purchases, values } = files
  for (const c of [neighbours.offsets, neighbours.neighbour, neighbours.score, neighbours.sharedCustomers]) add(c)
  for (const c of [customers.ids.bytes, customers.ids.offsets, customers.recency, customers.frequency, customers.monetary, customers.segment]) add(c)
  if (purchases) { add(purchases.offsets); add(purchases.bytes) }
  if (values) for (const c of [values.expectedPurchases, values.pAlive, values.expectedOrderValue, values.expectedRevenue]) add(c)
  return [...buffers]
}
