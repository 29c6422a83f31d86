// File-system errors as Node raises them, for tests of error mapping. Root ignores permission
// bits and there is no read-only or full disk to point at, so: a real ENOSPC from /dev/full, and
// the others built the way libuv reports them (code, errno, syscall, path, message "CODE: text, syscall 'path'").
import os from 'node:os'
import util from 'node:util'
import { writeFile } from 'node:fs/promises'

/** The error Node raises for `code` in `syscall` on `file`. */
export function errnoError (code: keyof typeof os.constants.errno, syscall: string, file: string): NodeJS.ErrnoException {
  const errno = -os.constants.errno[code]
  const text = util.getSystemErrorMap().get(errno)?.[1] ?? code
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${file}'`), { code, errno, syscall, path: file })
}

/** A real ENOSPC: writing to /dev/full always fails with it (Linux). */
export async function realEnospc (): Promise<NodeJS.ErrnoException> {
  try {
    await writeFile('/dev/full', 'x')
  } catch (error) {
    return error as NodeJS.ErrnoException
  }
  throw new Error('/dev/full accepted a write')
}
