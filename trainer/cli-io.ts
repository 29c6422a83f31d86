// What the trainer's commands (training, `models`) share: where they print, which artifacts
// directory they use, and how they fail — exit 2 with one line for the user's errors, exit 1
// with the stack for ours.
import { isUserError } from '../lib/errors.js'

export interface CommandIo {
  stdout: { write: (text: string) => unknown }
  stderr: { write: (text: string) => unknown }
  env: NodeJS.ProcessEnv
}

export const processIo: CommandIo = { stdout: process.stdout, stderr: process.stderr, env: process.env }

/** --out, else $ARTIFACTS_DIR (an empty one counts as unset), else ./artifacts. */
export function chooseArtifactsDir (out: string | undefined, env: NodeJS.ProcessEnv): string {
  return out ?? (env.ARTIFACTS_DIR || 'artifacts')
}

/** Prints `error` the documented way; returns the exit status. */
export function reportFailure (error: unknown, io: CommandIo): 1 | 2 {
  if (isUserError(error)) {
    io.stderr.write(`error: ${error.message}\n`)
    return 2
  }
  io.stderr.write(`internal error: ${(error as Error | undefined)?.stack ?? String(error)}\n`)
  return 1
}
