// Every error the project raises on purpose is named and coded here, so callers (the CLI's exit
// status, the service's 4xx bodies, tests) match on a code, never on a message.

export type ErrorCode =
  // bad usage or input: the trainer exits with status 2
  | 'ERR_USAGE'
  | 'ERR_INPUT_NOT_FOUND'
  | 'ERR_INPUT_UNREADABLE'
  | 'ERR_UNKNOWN_HEADER'
  | 'ERR_TOO_MANY_MALFORMED_ROWS'
  | 'ERR_EMPTY_AFTER_CLEANING'
  | 'ERR_K_TOO_LARGE'
  // artifacts that do not honour the contract
  | 'ERR_ARTIFACT_INVALID'
  | 'ERR_ARTIFACT_NOT_FOUND'
  | 'ERR_VERSION_NAME'
  // the artifacts directory as a place to write: read-only, full, locked by another writer
  | 'ERR_OUTPUT_UNWRITABLE'
  | 'ERR_ARTIFACTS_LOCKED'
  | 'ERR_LOCK_LOST'
  | 'ERR_VERSION_NOT_PINNABLE'

export class ShopperError extends Error {
  readonly code: ErrorCode
  constructor (code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = 'ShopperError'
    this.code = code
  }
}

/** Errors caused by what the user gave us or the place they pointed us at (exit status 2, one line), as opposed to our own bugs (status 1). */
const USER_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ERR_USAGE',
  'ERR_INPUT_NOT_FOUND',
  'ERR_INPUT_UNREADABLE',
  'ERR_UNKNOWN_HEADER',
  'ERR_TOO_MANY_MALFORMED_ROWS',
  'ERR_EMPTY_AFTER_CLEANING',
  'ERR_K_TOO_LARGE',
  'ERR_VERSION_NAME',
  'ERR_OUTPUT_UNWRITABLE',
  'ERR_ARTIFACTS_LOCKED',
  'ERR_LOCK_LOST',
  'ERR_VERSION_NOT_PINNABLE'
])

export function isUserError (error: unknown): error is ShopperError {
  return error instanceof ShopperError && USER_ERROR_CODES.has(error.code)
}

/**
 * A model version on disk that breaks the artifact contract. `file` names the file at fault
 * (or `manifest.json`), `reason` says what is wrong with it.
 */
export class ArtifactError extends ShopperError {
  readonly version: string
  readonly file: string
  readonly reason: string
  constructor (version: string, file: string, reason: string, code: ErrorCode = 'ERR_ARTIFACT_INVALID') {
    super(code, `model version ${version}: ${file}: ${reason}`)
    this.name = 'ArtifactError'
    this.version = version
    this.file = file
    this.reason = reason
  }
}
