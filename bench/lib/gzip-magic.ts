// gzip is detected by its magic bytes, not by the file name (as the trainer does).
import { open } from 'node:fs/promises'

const GZIP_MAGIC = [0x1f, 0x8b]

export async function isGzip (file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1]
  } finally {
    await handle.close()
  }
}
