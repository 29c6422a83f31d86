// Opens the transaction log as a stream of decompressed bytes. Gzip is recognised by its magic
// bytes (1f 8b), never by the file name. The raw file bytes are counted and hashed as they
// stream by, so the manifest's size and sha256 cost no second read.
import { createHash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { Transform, pipeline, type Readable, type TransformCallback } from 'node:stream'
import { createGunzip, type ZlibOptions } from 'node:zlib'
import { ShopperError } from '../../lib/errors.js'
import { isPostgresInput, openPostgresInput } from './sources/postgres.js'

const GZIP_MAGIC = [0x1f, 0x8b] as const
/** Large reads keep the per-chunk overhead of streams and of the parser's buffer joins small. */
const READ_CHUNK = 1 << 20
const GUNZIP_CHUNK = 1 << 18
/**
 * How far reading and decompressing may run ahead of the consumer. With the default (16 KiB)
 * the decompressor stops after each chunk until the main thread asks for the next one, and on a
 * busy machine every such hand-over waits for the scheduler: the read took 3× longer than its
 * CPU time. A few segments of read-ahead let zlib (on libuv's thread pool) keep going meanwhile.
 */
const READ_AHEAD = 4 << 20

export interface OpenedInput {
  fileName: string
  gzip: boolean
  /** size of the file as stored, known before reading */
  size: number
  /** the file's bytes, decompressed when gzip; iterate once */
  chunks: AsyncIterable<Buffer>
  /** size and sha256 of the raw file; complete once `chunks` has been read to the end */
  raw: () => { bytes: number, sha256: string }
}

/** Passes chunks through unchanged while counting and hashing them. */
class HashingPassThrough extends Transform {
  readonly hash = createHash('sha256')
  bytes = 0
  override _transform (chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk)
    this.bytes += chunk.length
    callback(null, chunk)
  }
}

async function openFile (file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ShopperError('ERR_INPUT_NOT_FOUND', `input file not found: ${file}`, { cause: error })
    throw new ShopperError('ERR_INPUT_UNREADABLE', `cannot open input file ${file}: ${(error as Error).message}`, { cause: error })
  }
}

function unreadable (file: string, what: string, cause?: unknown): ShopperError {
  return new ShopperError('ERR_INPUT_UNREADABLE', `cannot read input file ${file}: ${what}`, cause === undefined ? undefined : { cause })
}

/**
 * Chunks of `stream`, with stream and zlib errors turned into ERR_INPUT_UNREADABLE; `onEnd` runs
 * once the last chunk has been read (every raw byte has then passed the hash).
 */
async function * readChunks (stream: Readable, file: string, gzip: boolean, onEnd: () => void): AsyncIterable<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer
    onEnd()
  } catch (error) {
    if (error instanceof ShopperError) throw error
    const what = gzip ? `corrupt gzip data (${(error as Error).message})` : (error as Error).message
    throw unreadable(file, what, error)
  }
}

/**
 * Opens `file` for streaming. Throws ERR_INPUT_NOT_FOUND when it does not exist and
 * ERR_INPUT_UNREADABLE when it is not a readable, non-empty regular file. Corrupt gzip data
 * surfaces as ERR_INPUT_UNREADABLE while iterating `chunks`.
 */
export async function openInput (file: string): Promise<OpenedInput> {
  // a PostgreSQL table or query arrives as the CSV text COPY writes (sources/postgres.ts)
  if (isPostgresInput(file)) return await openPostgresInput(file)
  const handle = await openFile(file)
  let handed = false
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw unreadable(file, 'not a regular file')
    if (stat.size === 0) throw unreadable(file, 'the file is empty')
    const magic = Buffer.alloc(2)
    const { bytesRead } = await handle.read(magic, 0, 2, 0)
    const gzip = bytesRead === 2 && magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1]

    const source = handle.createReadStream({ start: 0, highWaterMark: READ_CHUNK })
    handed = true
    // The read-ahead goes where the consumer reads: after gunzip, or after the hash for plain files.
    const hashing = new HashingPassThrough({ writableHighWaterMark: READ_CHUNK, readableHighWaterMark: gzip ? READ_CHUNK : READ_AHEAD })
    // pipeline() destroys every stream when one fails or the reader stops early; the error
    // itself reaches the reader through the last stream, so the callback has nothing to do.
    const decompressed = gzip
      ? pipeline(source, hashing, createGunzip({ chunkSize: GUNZIP_CHUNK, readableHighWaterMark: READ_AHEAD } as ZlibOptions), () => {})
      : pipeline(source, hashing, () => {})
    let digest: string | undefined
    return {
      fileName: path.basename(file),
      gzip,
      size: stat.size,
      chunks: readChunks(decompressed, file, gzip, () => { digest = hashing.hash.digest('hex') }),
      raw: () => {
        if (digest === undefined) throw new Error('openInput: raw() called before the input was read to the end')
        return { bytes: hashing.bytes, sha256: digest }
      }
    }
  } finally {
    if (!handed) await handle.close()
  }
}
