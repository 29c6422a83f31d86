// Response compression (@fastify/compress): gzip or br, as the client's Accept-Encoding asks, for
// answers of 1 KiB and more. Measured on the bundled data's model (zlib alone, one core):
// /openapi.json 56 KB → 9.8 KB (gzip, ~0.6 ms), a version's training report 633 KB → 41 KB
// (~3 ms), /metrics 15 KB → 2.3 KB, a recommendation 1.5 KB → 0.55 KB. Below 1 KiB the bytes saved
// do not pay for the CPU: probes, errors and load shedding's 503s go out as they are.
//
// The price is per answer and not small for small answers: in the service, a compressed
// recommendation cost ~45 µs more CPU with gzip and ~70 µs with br, next to ~36 µs for the whole
// uncompressed request (bench:api has the figure of the day). Browsers and fetch() always ask.
//
// - gzip first, br when the client prefers it (q-values) or takes nothing else. At brotli quality
//   4 the sizes are the same give or take 5 % (br smaller for the report, gzip for /openapi.json),
//   and br's setup costs more per answer, which is what counts for the many small ones. deflate
//   has two meanings in practice (zlib or raw), and zstd exists only in newer Node versions than
//   the tests run on, so answers would differ between the image and the tests.
// - brotli at quality 4 (the plugin's default; Node's is 11): 11 saved another 10-20 % of the
//   bytes for 50-450× the CPU (55 ms for /openapi.json, 1.1 s for the report), which suits files
//   compressed once, not answers compressed per request.
// - answers in memory up to the plugin's sync threshold (8 KiB on 2 cores) are compressed in one
//   call; larger ones and streams (Swagger UI's files) stream through libuv's thread pool.
// - request bodies are not decompressed (globalDecompression: false): the limit on large bodies in
//   progress (MAX_CONCURRENT_BATCHES) and bodyLimit judge a request by the bytes it sends, and a
//   64 KiB gzip body can hold megabytes of JSON.
// - Vary: Accept-Encoding on compressed answers (the plugin), so caches keep one copy per
//   encoding; the ETag of model answers is weak for the same reason (plugins/app/http-cache.ts).
//
// Registered before the routes (including swagger's), so its onSend hook sees every answer.
import fp from 'fastify-plugin'
import compress from '@fastify/compress'

export const COMPRESSION_THRESHOLD_BYTES = 1024
export const COMPRESSION_ENCODINGS: Array<'br' | 'gzip'> = ['gzip', 'br']

export default fp(async function compressionPlugin (fastify) {
  await fastify.register(compress, {
    threshold: COMPRESSION_THRESHOLD_BYTES,
    encodings: COMPRESSION_ENCODINGS,
    globalDecompression: false
  })
}, { name: 'compression', fastify: '5.x' })
