// autocannon (the load generator of the service benchmarks) ships no type declarations: these
// are the parts the benchmarks use.
import { createRequire } from 'node:module'

export interface AutocannonRequest { method?: string, path: string, body?: string, headers?: Record<string, string> }

export interface AutocannonResult {
  requests: { average: number, total: number }
  latency: { p50: number, p99: number, p99_9: number, max: number, average: number }
  non2xx: number
  errors: number
  timeouts: number
}

export type Autocannon = (options: {
  url: string
  connections: number
  duration: number
  requests: AutocannonRequest[]
}) => Promise<AutocannonResult>

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon
