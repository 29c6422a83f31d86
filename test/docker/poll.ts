// Waiting on things outside the test process (a container starting, a model appearing). The
// deadline only bounds a hang; tests never assert on how long the wait took.

export interface PollOptions {
  what: string
  timeoutMs: number
  intervalMs?: number
}

/**
 * Calls `check` until it returns something other than undefined, and returns that. A check that
 * throws (connection refused while a container starts) counts as "not yet"; on timeout the error
 * names what was awaited and the last thing the check threw.
 */
export async function pollUntil<T> (check: () => Promise<T | undefined>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${options.what}${cause}`)
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250))
  }
}
