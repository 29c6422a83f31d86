// The catalogue and search strings the loader's worker packs into buffers come back as they went:
// every string (empty, accented, emoji, non-BMP), every product field, unpacked across turns.
import t from 'tap'
import { loadVersion } from '../../../../../lib/artifacts/index.js'
import { buildServedIndexes } from '../../../../../services/domain/served-model.js'
import { packParts, packStrings, unpackParts, UNPACK_SLICE } from '../../../../../services/plugins/app/model-store/packed-catalogue.js'
import { transferables } from '../../../../../services/plugins/app/model-store/load-protocol.js'
import { publishFixture } from '../../../../helpers/fixtures.js'

t.test('packStrings: UTF-8 bytes and offsets, nothing spare', async (t) => {
  const strings = ['', 'A', 'CRÈME BRÛLÉE', '😀 MUG', 'ｆｕｌｌ', '\u{10348}']
  const { bytes, offsets } = packStrings(strings)
  const decoder = new TextDecoder()
  t.same([...offsets].slice(1).map((end, i) => decoder.decode(bytes.subarray(offsets[i], end))), strings)
  t.equal(bytes.byteLength, Buffer.byteLength(strings.join('')), 'the bytes are exactly the UTF-8 of the strings')
  t.equal(bytes.buffer.byteLength, bytes.byteLength, 'its own buffer, which a transfer moves whole')
})

t.test('packParts then unpackParts gives the indexed version back, a slice per turn', async (t) => {
  const dir = t.testdir()
  const { version } = await publishFixture(dir)
  const expected = buildServedIndexes(await loadVersion(dir, version))
  const indexed = buildServedIndexes(await loadVersion(dir, version))
  const parts = packParts(indexed)
  t.same(indexed.loaded.catalogue.products, [], 'the products left the indexed version')
  t.same([indexed.search.names, indexed.search.exactKeys, indexed.search.words], [[], [], []], 'and the search strings')
  const buffers = transferables(parts)
  t.equal(buffers.length, 13, 'every part is in transferable buffers (5 string lists of two arrays, 3 columns)')

  // as the worker hands them over: the buffers moved to another owner
  const moved = structuredClone(parts, { transfer: buffers })
  t.ok(parts.codes.bytes.byteLength === 0 && parts.customers.length === 0, 'moved, not copied: the sender\'s views are detached')
  let turns = 0
  const slice = 2 // the fixture's catalogue is small: a slice of 2 shows the turns
  const back = await unpackParts(indexed, moved, async () => { turns++ }, slice)
  t.same(back.loaded.catalogue.products, expected.loaded.catalogue.products)
  t.same(back.search.names, expected.search.names)
  t.same(back.search.exactKeys, expected.search.exactKeys)
  t.same(back.search.words, expected.search.words)
  const strings = expected.loaded.catalogue.products.length * 2 + expected.search.names.length + expected.search.exactKeys.length + expected.search.words.length
  t.ok(strings > 10 && turns >= Math.floor(strings / slice), `it yields every ${slice} strings or products (${turns} turns for ${strings} strings)`)
  t.ok(UNPACK_SLICE >= 100, 'the service\'s slice')
})
