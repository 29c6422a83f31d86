// autocannon (the load generator of the service benchmarks) ships no type declarations: these
// are the parts the benchmarks use.
import { createRequire } from 'node:module'

export interface AutocannonRequest { method?: string, path: string, body?: string, headers?: Record<string, string> }

export interface AutocannonResult {
  requests: { average: number, total: number }
  latency: { p50: number, p99: number, p99_9: number, max: number, average: number }
  non2xx: number
  '2xx': number
  /** answers per HTTP status, e.g. `{ 200: { count: 1612 }, 503: { count: 20209 } }` */
  statusCodeStats: Record<string, { count: number }>
  errors: number
  timeouts: number
}

/** The run: awaitable for its result, and an emitter of every answer (`responseTime` in ms, not rounded). */
export type AutocannonRun = Promise<AutocannonResult> & {
  on: (event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void) => AutocannonRun
}

export type Autocannon = (options: {
  url: string
  connections: number
  /** seconds; ignored with `amount` */
  duration?: number
  /** stop after this many requests (then `duration` does not apply) */
  amount?: number
  requests: AutocannonRequest[]
}) => AutocannonRun

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

/**
 * What a run's answers were, as the API benches report them: a 304 is the revalidation
 * scenario's expected answer, so it is counted apart and not as a failure.
 */
export function outcome (result: AutocannonResult): { requests: number, notModified: number, non2xx: number, errors: number } {
  const notModified = result.statusCodeStats['304']?.count ?? 0
  return { requests: result.requests.total, notModified, non2xx: result.non2xx - notModified, errors: result.errors + result.timeouts }
}

/** A run's answers per HTTP status, e.g. `{ 200: 1612, 503: 20209 }`. */
export function statusCounts (result: AutocannonResult): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]))
}
