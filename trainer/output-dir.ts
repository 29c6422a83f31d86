// The artifacts directory as a place to write (the trainer's --out, the models command's pins).
// Checked before any work, so a read-only, misnamed or misplaced directory fails in milliseconds
// instead of after the training; and the file system's refusals while writing (full, read-only,
// no permission) become the documented one line `error: cannot write … (reason, CODE)`, exit 2,
// instead of a stack trace: they are the operator's to fix, not our bugs.
import { constants } from 'node:fs'
import { access, mkdir } from 'node:fs/promises'
import { ShopperError } from '../lib/errors.js'

/** errno codes that mean "this place does not take files", in the words an operator reads */
const UNWRITABLE: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  // mkdir of a path under a regular file
  ENOTDIR: 'part of the path is not a directory',
  // mkdir -p of a path that is a regular file (or a link to one)
  EEXIST: 'it exists and is not a directory',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links'
}

/**
 * ERR_OUTPUT_UNWRITABLE for a file-system error that says `dir` cannot take files (the errno
 * error kept as its cause); undefined for anything else — our own errors, bugs — which callers
 * rethrow as they are.
 */
export function outputError (error: unknown, dir: string): ShopperError | undefined {
  if (error instanceof ShopperError || !(error instanceof Error)) return undefined
  const code = (error as NodeJS.ErrnoException).code
  const reason = code === undefined ? undefined : UNWRITABLE[code]
  if (reason === undefined) return undefined
  return new ShopperError('ERR_OUTPUT_UNWRITABLE', `cannot write the artifacts directory ${dir} (${reason}, ${code})`, { cause: error })
}

/** Runs `write` (a publish, a pin), telling the file system's refusals as ERR_OUTPUT_UNWRITABLE. */
export async function explainOutputErrors<T> (dir: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    throw outputError(error, dir) ?? error
  }
}

/** The file-system calls the check makes; tests pass failing ones (as root, chmod stops nothing). */
export interface OutputFs {
  mkdir: (dir: string, options: { recursive: true }) => Promise<unknown>
  access: (dir: string, mode: number) => Promise<void>
}

const nodeFs: OutputFs = { mkdir, access }

/**
 * Creates `dir` if missing and checks that this process may write into it. access(W_OK) answers
 * EROFS on a read-only mount even for root, who passes every permission check; a full disk is
 * only found out by writing, so ENOSPC still comes from the publish itself (explainOutputErrors).
 */
export async function assertOutputWritable (dir: string, fs: OutputFs = nodeFs): Promise<void> {
  await explainOutputErrors(dir, async () => {
    await fs.mkdir(dir, { recursive: true })
    await fs.access(dir, constants.W_OK)
  })
}
