// `node --expose-gc --import tsx bench/audience-export.ts ARTIFACTS_DIR [--segment LABEL] [--repeat N] [--replicate N]`
//
// --replicate N: first publish, into a temporary directory, the version LATEST names with every
// customer N times (ids suffixed -2, -3 …; purchases and value columns with them), so the export of
// a 100× shop can be measured without training on 54 million rows.
//
// Memory of the streamed CSV export (GET /segments/{segment}/customers?format=csv): the service as
// the app plugin builds it, on a real socket, the download read and thrown away by a client in the
// same process (a few KB). Samples process.memoryUsage() every 5 ms: idle (model loaded, after a GC)
// against the peak during the exports, then, for comparison, the same audience built as one string
// in memory (what an export that is not streamed would at least hold). Prints one line per phase.
import http from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { customerRecords, encodeModelFiles, purchaseRow, loadVersion, publishVersion, readLatest, type ManifestDraft, type ModelFilesInput } from '../lib/artifacts/index.js'
import Fastify from 'fastify'
import app, { serverOptions } from '../services/app.js'
import { acceptsFilters, listing } from '../services/domain/audience.js'
import { csvHeader, csvLine } from '../services/domain/audience-rows.js'

const MIB = 1024 * 1024
const gc = (globalThis as { gc?: () => void }).gc

interface Peak { rss: number, heapUsed: number, external: number }

function sampler (): { stop: () => Peak } {
  const peak: Peak = { rss: 0, heapUsed: 0, external: 0 }
  const sample = (): void => {
    const m = process.memoryUsage()
    peak.rss = Math.max(peak.rss, m.rss)
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed)
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers)
  }
  sample()
  const timer = setInterval(sample, 5)
  return { stop: () => { clearInterval(timer); sample(); return peak } }
}

function download (port: number, path: string): Promise<{ bytes: number, lines: number, status: number, ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers: { accept: 'text/csv' } }, (response) => {
      let bytes = 0
      let lines = 0
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++
      })
      response.on('end', () => resolve({ bytes, lines, status: response.statusCode ?? 0, ms: performance.now() - started }))
      response.on('error', reject)
    }).on('error', reject)
  })
}

/** The version LATEST names, every customer `times` times, published into a new temporary directory. */
async function replicated (artifactsDir: string, times: number): Promise<string> {
  const version = await readLatest(artifactsDir)
  if (version === null) throw new Error(`no LATEST in ${artifactsDir}`)
  const loaded = await loadVersion(artifactsDir, version)
  const copies = Array.from({ length: times }, (_, r) => r)
  // copy r of customer "12347" is "12347-r" (the encoder sorts the ids if that breaks their order)
  const base = customerRecords(loaded.customers)
  const order = base.flatMap((c, i) => copies.map((r) => ({ i, id: r === 0 ? c.id : `${c.id}-${r + 1}` })))
  const customers = order.map(({ i, id }) => ({ ...base[i], id }))
  const input: ModelFilesInput = {
    segments: { ...loaded.segments, segments: loaded.segments.segments.map((s) => ({ ...s, size: s.size * times })) },
    neighbours: loaded.neighbours,
    catalogue: loaded.catalogue,
    customers: { customers }
  }
  if (loaded.purchases) {
    const table = loaded.purchases
    const rows = order.map(({ i }) => purchaseRow(table, i))
    let total = 0
    input.purchases = { offsets: [0, ...rows.map((r) => (total += r.length))], products: rows.flatMap((r) => [...r]) }
  }
  if (loaded.values) {
    const v = loaded.values
    const repeat = (column: Float64Array): number[] => order.map(({ i }) => column[i])
    input.values = {
      ...v, expectedPurchases: repeat(v.expectedPurchases), pAlive: v.pAlive && repeat(v.pAlive), expectedOrderValue: repeat(v.expectedOrderValue), expectedRevenue: repeat(v.expectedRevenue)
    }
  }
  const files = encodeModelFiles(input)
  const { version: _v, createdAt: _c, files: _f, schemaVersion: _s, ...draft } = loaded.manifest
  const out = await mkdtemp(path.join(os.tmpdir(), 'audience-export-'))
  const published = await publishVersion(out, files, { ...draft, cleaning: { ...draft.cleaning, customers: customers.length } } as ManifestDraft)
  console.log(`published ${published.version} with ${customers.length.toLocaleString('en-GB')} customers (${times} × ${version}) in ${out}`)
  return out
}

const mb = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`

async function main (): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { segment: { type: 'string' }, repeat: { type: 'string', default: '3' }, replicate: { type: 'string' } } })
  const given = positionals[0]
  if (given === undefined) throw new Error('usage: node --expose-gc --import tsx bench/audience-export.ts ARTIFACTS_DIR [--segment LABEL] [--repeat N] [--replicate N]')
  const artifactsDir = values.replicate === undefined ? given : await replicated(given, Number(values.replicate))
  if (gc === undefined) console.warn('run with node --expose-gc for an idle figure after a collection')
  const fastify = Fastify({ ...serverOptions, logger: false })
  await fastify.register(app, { env: { ARTIFACTS_DIR: artifactsDir, LOG_LEVEL: 'silent', TRAIN_ON_START: false, MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0, HOST: '127.0.0.1' } })
  await fastify.listen({ host: '127.0.0.1', port: 0 })
  const port = (fastify.server.address() as { port: number }).port
  const model = fastify.modelStore.current()
  if (model === undefined) throw new Error(`no model version in ${artifactsDir}`)
  const segments = model.segmentModel.segments
  const segment = values.segment === undefined ? segments.reduce((a, b) => (b.size > a.size ? b : a)) : segments.find((s) => s.label.toLowerCase() === values.segment?.toLowerCase())
  if (segment === undefined) throw new Error(`no segment ${values.segment}`)
  console.log(`model ${model.version}: ${model.customers.count.toLocaleString('en-GB')} customers; exporting ${segment.label} (${segment.size.toLocaleString('en-GB')} customers)${model.audience.values ? ' with value estimates' : ''}`)

  gc?.()
  await new Promise((resolve) => setTimeout(resolve, 200))
  const idle = process.memoryUsage()
  console.log(`idle                 rss ${mb(idle.rss)}, heap used ${mb(idle.heapUsed)}, external + array buffers ${mb(idle.external + idle.arrayBuffers)}`)

  const repeat = Number(values.repeat)
  const streamed = sampler()
  let last = { bytes: 0, lines: 0, status: 0, ms: 0 }
  for (let i = 0; i < repeat; i++) last = await download(port, `/segments/${segment.id}/customers`)
  const all = []
  for (const s of segments) all.push(await download(port, `/segments/${s.id}/customers`))
  const peak = streamed.stop()
  if (last.status !== 200) throw new Error(`export answered ${last.status}`)
  console.log(`streamed export      ${mb(last.bytes)}, ${(last.lines - 1).toLocaleString('en-GB')} rows in ${Math.round(last.ms)} ms (×${repeat}, then every segment: ${all.reduce((n, r) => n + r.lines - 1, 0).toLocaleString('en-GB')} rows); ` +
    `peak rss ${mb(peak.rss)} (+${mb(peak.rss - idle.rss)}), peak heap used ${mb(peak.heapUsed)} (+${mb(peak.heapUsed - idle.heapUsed)})`)

  gc?.()
  const buffered = sampler()
  const index = model.audience
  const labels = segments.map((s) => s.label)
  const list = listing(index, segment.id, 'monetary', 'desc', acceptsFilters(index, {}))
  let text = csvHeader(index)
  for (let r = 0; r < list.positions.length; r++) text += csvLine(index, labels, list.positions[r])
  const flat = Buffer.from(text)
  const bufferedPeak = buffered.stop()
  console.log(`one string (compare) ${mb(flat.length)}; peak rss ${mb(bufferedPeak.rss)} (+${mb(bufferedPeak.rss - idle.rss)}), peak heap used ${mb(bufferedPeak.heapUsed)} (+${mb(bufferedPeak.heapUsed - idle.heapUsed)})`)
  await fastify.close()
  if (artifactsDir !== given) await rm(artifactsDir, { recursive: true, force: true })
}

await main()
