// The artifact contract, part 4: loading. A version is either fully valid or refused with a
// precise reason (which file, what is wrong): manifest schema, the exact set of files with their
// sizes and sha256, each model file's schema, and the cross-file invariants a server relies on.
import { lstat, open, readdir, readlink } from 'node:fs/promises'
import path from 'node:path'
import type { TSchema, Static } from 'typebox'
import { Compile, type Validator } from 'typebox/compile'
import { ArtifactError } from '../errors.js'
import {
  ARTIFACT_SCHEMA_VERSION, FILE_SCHEMAS, MANIFEST_FILE, MODEL_FILES, ManifestSchema, OPTIONAL_MODEL_FILES,
  type Manifest
} from './schema.js'
import { ColumnFileError } from './columns.js'
import { customerId, decodeCustomers, decodeNeighbours, decodePurchases, decodeValues, type ModelFiles } from './model-files.js'
import { checkVarintRow } from './purchase-varints.js'
import { versionDir } from './layout.js'
import { IO_CHUNK_BYTES, sha256 } from './publish.js'
import './formats.js'

// compiled once per schema: a version's files are checked on every load
const validators = new Map<TSchema, Validator>()
function validator (schema: TSchema): Validator {
  let compiled = validators.get(schema)
  if (!compiled) {
    compiled = Compile(schema)
    validators.set(schema, compiled)
  }
  return compiled
}

function validate<T extends TSchema> (schema: T, value: unknown, version: string, file: string): Static<T> {
  const check = validator(schema)
  if (!check.Check(value)) {
    const [first] = check.Errors(value)
    const where = first?.instancePath ? `at ${first.instancePath}` : 'at the top level'
    throw new ArtifactError(version, file, `does not match the schema ${where}: ${first?.message ?? 'invalid'}`)
  }
  return value as Static<T>
}

function parseJson (text: string, version: string, file: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ArtifactError(version, file, `is not valid JSON (${(error as Error).message}); truncated?`)
  }
}

/**
 * A file of the version, read into an ArrayBuffer of its own (not Node's pooled buffers): the
 * column files' typed-array views need it 8-aligned, and a worker transfers it whole.
 */
async function readVersionFile (dir: string, version: string, file: string): Promise<Uint8Array> {
  try {
    // a link could make a version serve any file the service can read: only regular files count
    const info = await lstat(path.join(dir, file))
    if (!info.isFile()) throw new ArtifactError(version, file, info.isSymbolicLink() ? 'is a symbolic link; a version holds regular files only' : 'is not a regular file')
    const handle = await open(path.join(dir, file), 'r')
    try {
      const size = (await handle.stat()).size
      const data = new Uint8Array(new ArrayBuffer(size))
      let read = 0
      while (read < size) {
        const { bytesRead } = await handle.read(data, read, Math.min(size - read, IO_CHUNK_BYTES), read)
        if (bytesRead === 0) break
        read += bytesRead
      }
      return read === size ? data : data.subarray(0, read)
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (error instanceof ArtifactError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new ArtifactError(version, file, code === 'ENOENT' ? 'is missing' : `cannot be read (${code})`,
      code === 'ENOENT' && file === MANIFEST_FILE ? 'ERR_ARTIFACT_NOT_FOUND' : 'ERR_ARTIFACT_INVALID')
  }
}

const utf8 = (data: Uint8Array): string => Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8')

/** Reads and validates manifest.json only (cheap: for listings). */
export async function loadManifest (artifactsDir: string, version: string): Promise<Manifest> {
  const dir = versionDir(artifactsDir, version)
  await assertRealDirectory(dir, version)
  const text = utf8(await readVersionFile(dir, version, MANIFEST_FILE))
  const manifest = validate(ManifestSchema, parseJson(text, version, MANIFEST_FILE), version, MANIFEST_FILE)
  if (manifest.schemaVersion !== ARTIFACT_SCHEMA_VERSION) {
    const why = manifest.schemaVersion < ARTIFACT_SCHEMA_VERSION
      ? 'an older contract (JSON model files, before issue 12) this release does not read: retrain to serve it'
      : 'a newer contract than this release reads: upgrade the reader'
    throw new ArtifactError(version, MANIFEST_FILE, `schema version ${String(manifest.schemaVersion)} is not supported (expected ${ARTIFACT_SCHEMA_VERSION}): ${why}`)
  }
  if (manifest.version !== version) {
    throw new ArtifactError(version, MANIFEST_FILE, `names version ${manifest.version}, but lives in directory ${version}`)
  }
  for (const required of Object.values(MODEL_FILES)) {
    if (!manifest.files[required]) throw new ArtifactError(version, MANIFEST_FILE, `does not list the required file ${required}`)
  }
  return manifest
}

export const VERSION_DIRECTORY = 'the version directory'

/**
 * A version is a directory inside the artifacts directory. A symbolic link named like a version
 * (pointing anywhere, inside or out) is refused: what serves must be what was published there.
 */
async function assertRealDirectory (dir: string, version: string): Promise<void> {
  const info = await lstat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
    throw new ArtifactError(version, VERSION_DIRECTORY, `cannot be read (${error.code ?? String(error)})`)
  })
  if (!info) throw new ArtifactError(version, VERSION_DIRECTORY, 'is missing', 'ERR_ARTIFACT_NOT_FOUND')
  if (info.isSymbolicLink()) {
    const target = await readlink(dir).catch(() => '?')
    throw new ArtifactError(version, VERSION_DIRECTORY, `is a symbolic link (to ${target}); a version must be a directory inside the artifacts directory`)
  }
  if (!info.isDirectory()) throw new ArtifactError(version, VERSION_DIRECTORY, 'is not a directory')
}

export interface LoadedVersion extends ModelFiles {
  manifest: Manifest
}

/**
 * Loads `version` from `artifactsDir`, checking everything the contract promises.
 * Throws ArtifactError naming the file at fault.
 */
export async function loadVersion (artifactsDir: string, version: string): Promise<LoadedVersion> {
  const dir = versionDir(artifactsDir, version)
  const manifest = await loadManifest(artifactsDir, version)

  // every file on disk is listed, and every listed file is intact
  const onDisk = (await readdir(dir)).filter((name) => name !== MANIFEST_FILE)
  for (const name of onDisk) {
    if (!manifest.files[name]) throw new ArtifactError(version, name, 'is not listed in manifest.json')
  }
  const listed = Object.entries(manifest.files)
  for (const [name] of listed) {
    if (path.basename(name) !== name) throw new ArtifactError(version, MANIFEST_FILE, `lists a file outside the version directory: ${name}`)
  }
  // every read starts now (libuv's threads read while this thread checks the file before: ~0.9 s
  // of a 1.3 GB version's load); each is awaited in turn, and the failure of one not yet awaited
  // is not an unhandled rejection (the loop reports the first in manifest order)
  const reads = listed.map(([name]) => readVersionFile(dir, version, name))
  for (const read of reads) read.catch(() => {})
  const parsed: Record<string, unknown> = {}
  for (const [position, [name, expected]] of listed.entries()) {
    const data = await reads[position]
    if (data.length !== expected.bytes) {
      throw new ArtifactError(version, name, `has ${data.length} bytes, manifest says ${expected.bytes} (truncated or replaced)`)
    }
    const actual = sha256(data)
    if (actual !== expected.sha256) {
      throw new ArtifactError(version, name, `sha256 is ${actual}, manifest says ${expected.sha256} (file was modified)`)
    }
    const schema = FILE_SCHEMAS[name]
    const decode = DECODERS[name]
    if (schema) parsed[name] = validate(schema, parseJson(utf8(data), version, name), version, name)
    else if (decode) {
      try {
        parsed[name] = decode(data)
      } catch (error) {
        if (error instanceof ColumnFileError) throw new ArtifactError(version, name, error.message)
        throw error
      }
    }
  }
  const model: LoadedVersion = {
    manifest,
    segments: parsed[MODEL_FILES.segments] as ModelFiles['segments'],
    neighbours: parsed[MODEL_FILES.neighbours] as ModelFiles['neighbours'],
    catalogue: parsed[MODEL_FILES.catalogue] as ModelFiles['catalogue'],
    customers: parsed[MODEL_FILES.customers] as ModelFiles['customers']
  }
  const purchases = parsed[OPTIONAL_MODEL_FILES.purchases] as ModelFiles['purchases']
  if (purchases !== undefined) model.purchases = purchases
  const values = parsed[OPTIONAL_MODEL_FILES.values] as ModelFiles['values']
  if (values !== undefined) model.values = values
  checkInvariants(model)
  return model
}

const DECODERS: Record<string, (data: Uint8Array) => unknown> = {
  [MODEL_FILES.neighbours]: decodeNeighbours,
  [MODEL_FILES.customers]: decodeCustomers,
  [OPTIONAL_MODEL_FILES.purchases]: decodePurchases,
  [OPTIONAL_MODEL_FILES.values]: decodeValues
}

/** Cross-file facts a server indexes on without re-checking: out-of-range indices would crash it. */
function checkInvariants ({ manifest, segments, neighbours, catalogue, customers, purchases, values }: LoadedVersion): void {
  const version = manifest.version
  const products = catalogue.products.length
  const fail = (file: string, reason: string): never => { throw new ArtifactError(version, file, reason) }

  const codes = new Set<string>()
  for (const product of catalogue.products) {
    if (codes.has(product.code)) fail(MODEL_FILES.catalogue, `product code ${product.code} appears twice`)
    codes.add(product.code)
  }
  for (const index of catalogue.popularity) {
    if (index >= products) fail(MODEL_FILES.catalogue, `popularity names product index ${index}, catalogue has ${products}`)
  }

  const { offsets, neighbour, score, sharedCustomers } = neighbours
  if (offsets.length !== products + 1) fail(MODEL_FILES.neighbours, `has ${offsets.length} offsets, expected products + 1 = ${products + 1}`)
  if (offsets[0] !== 0 || offsets[products] !== neighbour.length) fail(MODEL_FILES.neighbours, 'offsets do not span the neighbour list')
  if (score.length !== neighbour.length || sharedCustomers.length !== neighbour.length) {
    fail(MODEL_FILES.neighbours, 'neighbour, score and sharedCustomers differ in length')
  }
  for (let p = 0; p < products; p++) {
    if (offsets[p + 1] < offsets[p]) fail(MODEL_FILES.neighbours, `offsets decrease at product index ${p}`)
  }
  for (let i = 0; i < neighbour.length; i++) {
    if (neighbour[i] >= products) fail(MODEL_FILES.neighbours, `neighbour index ${neighbour[i]} at position ${i} is outside the catalogue (${products} products)`)
  }

  const k = segments.segments.length
  segments.segments.forEach((segment, position) => {
    if (segment.id !== position) fail(MODEL_FILES.segments, `segment at position ${position} has id ${segment.id}; ids must be 0..k-1 in order`)
  })
  if (manifest.segmentation.k !== k) fail(MODEL_FILES.segments, `has ${k} segments, manifest says k = ${manifest.segmentation.k}`)
  for (let i = 0; i < customers.count; i++) {
    if (customers.segment[i] >= k) fail(MODEL_FILES.customers, `customer ${customerId(customers, i)} is in segment ${customers.segment[i]}, model has ${k}`)
  }

  if (purchases !== undefined) checkPurchases(purchases, customers, products, fail)
  if (values !== undefined) checkValues(values, manifest, customers.count, fail)
}

/**
 * values: a column entry per customer of the customers file, P(alive) given exactly when dropout
 * was estimated, the manifest's fit agreeing on horizon and dropout, and each revenue the product
 * of its row's purchases and order value (to the rounding of the three) — misaligned columns fail.
 */
function checkValues (values: NonNullable<ModelFiles['values']>, manifest: Manifest, customers: number,
  fail: (file: string, reason: string) => never): void {
  const file = OPTIONAL_MODEL_FILES.values
  const { expectedPurchases, pAlive, expectedOrderValue, expectedRevenue } = values
  for (const [name, column] of Object.entries({ expectedPurchases, pAlive, expectedOrderValue, expectedRevenue })) {
    if (column !== null && column.length !== customers) fail(file, `${name} has ${column.length} entries, ${MODEL_FILES.customers} has ${customers}`)
  }
  if ((pAlive === null) !== (values.dropout === 'degenerate')) fail(file, `pAlive is ${pAlive === null ? 'null' : 'given'} but dropout is ${values.dropout}`)
  const fit = manifest.value
  if (fit === undefined) fail(file, 'is present but manifest.json has no value section')
  else if (fit.horizonDays !== values.horizonDays || fit.dropout !== values.dropout) {
    fail(file, `horizon ${values.horizonDays} days, dropout ${values.dropout}; manifest.json says ${fit.horizonDays} days, ${fit.dropout}`)
  }
  for (let i = 0; i < customers; i++) {
    const purchases = expectedPurchases[i]
    const orderValue = expectedOrderValue[i]
    const tolerance = 0.005 + 5e-5 * orderValue + 0.005 * purchases + 1e-9 * expectedRevenue[i]
    if (Math.abs(expectedRevenue[i] - purchases * orderValue) > tolerance) {
      fail(file, `expectedRevenue[${i}] = ${expectedRevenue[i]} is not expectedPurchases × expectedOrderValue (${purchases} × ${orderValue})`)
    }
  }
}

/**
 * purchases: one row per customer of the customers file, byte offsets monotone and spanning the
 * varint bytes, each row exactly its byte span of complete, shortest varints, catalogue indices
 * inside the catalogue, ascending and distinct (gaps ≥ 1).
 */
function checkPurchases (purchases: NonNullable<ModelFiles['purchases']>, known: ModelFiles['customers'], products: number,
  fail: (file: string, reason: string) => never): void {
  const file = OPTIONAL_MODEL_FILES.purchases
  const { offsets, bytes } = purchases
  const customers = known.count
  const id = (c: number): string => customerId(known, c)
  if (offsets.length !== customers + 1) fail(file, `has ${offsets.length} offsets, expected customers + 1 = ${customers + 1} (${MODEL_FILES.customers} has ${customers})`)
  if (offsets[0] !== 0 || offsets[customers] !== bytes.length) fail(file, `offsets do not span the row bytes (first ${offsets[0]}, last ${offsets[customers]}, ${bytes.length} bytes)`)
  for (let c = 0; c < customers; c++) {
    if (!(offsets[c + 1] >= offsets[c]) || !Number.isInteger(offsets[c + 1])) fail(file, `offsets decrease at customer index ${c} (${id(c)})`)
  }
  const rowName = (c: number): string => `customer ${id(c)}`
  for (let c = 0; c < customers; c++) {
    const reason = checkVarintRow(bytes, offsets[c], offsets[c + 1], products, c, rowName)
    if (reason !== null) fail(file, reason)
  }
}
