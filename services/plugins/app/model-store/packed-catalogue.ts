// The catalogue and the product search's strings travel from the loader's worker packed into
// buffers (transferred, like the columns) instead of as ~24k cloned objects and strings: a
// structured clone is deserialised in one piece when the message arrives, 3.8 ms of the event
// loop for the shop's 3,665 products (2.6 ms the catalogue, 1.2 ms the search strings), which is
// what bench:swap's p99.9 saw of each swap. Unpacked on the main thread a slice per turn of the
// event loop, requests are answered between the slices.
import type { Product } from '../../../../lib/artifacts/index.js'
import { fillBy } from '../../../../lib/typed-arrays.js'
import type { IndexedVersion } from '../../../domain/served-model.js'

/** Strings as UTF-8 bytes: string i is bytes[offsets[i] .. offsets[i + 1]). */
export interface PackedStrings {
  bytes: Uint8Array
  offsets: Uint32Array
}

/** The parts taken out of an IndexedVersion, as buffers. */
export interface PackedParts {
  codes: PackedStrings
  descriptions: PackedStrings
  customers: Float64Array
  quantity: Float64Array
  recommendable: Uint8Array
  exactKeys: PackedStrings
  names: PackedStrings
  words: PackedStrings
}

/** How many strings or products are rebuilt per turn of the event loop (~0.2–0.4 ms each). */
export const UNPACK_SLICE = 1000

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function packStrings (strings: readonly string[]): PackedStrings {
  const offsets = new Uint32Array(strings.length + 1)
  let size = 0
  for (const s of strings) size += s.length * 3 // UTF-8 takes at most 3 bytes per UTF-16 unit
  const bytes = new Uint8Array(size)
  let at = 0
  for (let i = 0; i < strings.length; i++) {
    at += encoder.encodeInto(strings[i], bytes.subarray(at)).written
    offsets[i + 1] = at
  }
  // a copy of the used part: the transfer moves the whole buffer
  return { bytes: bytes.slice(0, at), offsets }
}

/** Moves the catalogue's products and the search index's strings into buffers; `indexed` keeps empty arrays in their place. */
export function packParts (indexed: IndexedVersion): PackedParts {
  const products = indexed.loaded.catalogue.products
  const { search } = indexed
  const parts: PackedParts = {
    codes: packStrings(products.map((p) => p.code)),
    descriptions: packStrings(products.map((p) => p.description)),
    customers: fillBy(new Float64Array(products.length), (i) => products[i].customers),
    quantity: fillBy(new Float64Array(products.length), (i) => products[i].quantity),
    recommendable: fillBy(new Uint8Array(products.length), (i) => products[i].recommendable ? 1 : 0),
    exactKeys: packStrings(search.exactKeys),
    names: packStrings(search.names),
    words: packStrings(search.words)
  }
  indexed.loaded.catalogue.products = []
  Object.assign(search, { exactKeys: [], names: [], words: [] })
  return parts
}

type Yield = () => Promise<void>

async function unpackStrings ({ bytes, offsets }: PackedStrings, nextTurn: Yield, slice: number): Promise<string[]> {
  const strings = new Array<string>(offsets.length - 1)
  for (let i = 0; i < strings.length; i++) {
    strings[i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]))
    if ((i + 1) % slice === 0) await nextTurn()
  }
  return strings
}

/** Puts the packed parts back into `indexed`, `slice` entries per turn of the event loop. */
export async function unpackParts (indexed: IndexedVersion, parts: PackedParts, nextTurn: Yield, slice = UNPACK_SLICE): Promise<IndexedVersion> {
  const codes = await unpackStrings(parts.codes, nextTurn, slice)
  const descriptions = await unpackStrings(parts.descriptions, nextTurn, slice)
  const products = new Array<Product>(codes.length)
  for (let i = 0; i < products.length; i++) {
    products[i] = { code: codes[i], description: descriptions[i], customers: parts.customers[i], quantity: parts.quantity[i], recommendable: parts.recommendable[i] === 1 }
    if ((i + 1) % slice === 0) await nextTurn()
  }
  indexed.loaded.catalogue.products = products
  Object.assign(indexed.search, {
    exactKeys: await unpackStrings(parts.exactKeys, nextTurn, slice),
    names: await unpackStrings(parts.names, nextTurn, slice),
    words: await unpackStrings(parts.words, nextTurn, slice)
  })
  return indexed
}
