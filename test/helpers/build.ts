// Builds the service on a fresh Fastify instance against a given artifacts directory, the way
// server.ts does, minus the port and the logger. Closed automatically when the test ends.
import Fastify, { type FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import app, { serverOptions } from '../../services/app.js'
import type { EnvInput } from '../../services/plugins/external/env.js'

export interface BuildOptions {
  /** the artifacts directory (e.g. t.testdir() with versions published by publishFixture) */
  artifactsDir: string
  /** more settings, as environment variables (API_KEYS, ADMIN_TOKEN, POLL_INTERVAL_MS …); no key = the API open, as for a trial */
  env?: EnvInput
}

/** A test admin token (ADMIN_TOKEN needs 16+ characters). */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789'

/** One test API key per scope (the admin one is TEST_ADMIN_TOKEN's value), and the API_KEYS setting that configures them. */
export const TEST_API_KEYS = { storefront: 'test-storefront-key-0123456789', crm: 'test-crm-key-0123456789', admin: TEST_ADMIN_TOKEN } as const
export const TEST_API_KEYS_SETTING = Object.entries(TEST_API_KEYS).map(([scope, key]) => `${scope}:${key}`).join(',')

export async function build (t: Test, options: BuildOptions): Promise<FastifyInstance> {
  const fastify = Fastify({ ...serverOptions, logger: false })
  t.teardown(() => fastify.close())
  await fastify.register(app, {
    // load shedding off unless a test is about it: a test machine under load (CI runs two test
    // files at once) delays event loops past the production limit and would answer 503 at random
    env: { POLL_INTERVAL_MS: 100, LOG_LEVEL: 'silent', MAX_EVENT_LOOP_DELAY_MS: 0, MAX_HEAP_USED_RATIO: 0, ...options.env, ARTIFACTS_DIR: options.artifactsDir }
  })
  await fastify.ready()
  return fastify
}

/** Polls `check` until it returns a truthy value or `timeoutMs` passes; returns that value or throws. */
export async function waitFor<T> (check: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value) return value as NonNullable<T>
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
