// Routes that answer JSON or CSV (the audiences and movers lists): which one a request gets.
// `?format=` decides when given; otherwise the Accept header: CSV when it ranks text/csv above
// application/json (q-values, then order), so a browser's or curl's default (*/*) gets JSON.
import type { FastifyRequest } from 'fastify'

/** Route config of a route that answers CSV too: http-cache.ts tags each format apart and adds Vary: Accept. */
export interface AnswerFormatConfig {
  answersCsv?: boolean
}

function quality (accept: string, type: string): { q: number, at: number } {
  let best = { q: 0, at: Infinity }
  accept.split(',').forEach((part, at) => {
    const [range, ...parameters] = part.trim().toLowerCase().split(';')
    const matches = range === type || range === `${type.split('/')[0]}/*` || range === '*/*'
    if (!matches) return
    const q = Number(/^\s*q=([0-9.]+)\s*$/.exec(parameters.find((p) => /^\s*q=/.test(p)) ?? '')?.[1] ?? 1)
    // the most specific range decides; among equals, the first
    const specific = range === type ? 2 : range === '*/*' ? 0 : 1
    const score = q + specific * 1e-6
    if (score > best.q || (score === best.q && at < best.at)) best = { q: score, at }
  })
  return best
}

export function wantsCsv (request: FastifyRequest): boolean {
  const format = (request.query as { format?: unknown }).format
  if (format === 'csv') return true
  if (format === 'json') return false
  const accept = request.headers.accept
  if (accept === undefined || !accept.toLowerCase().includes('text/csv')) return false
  const csv = quality(accept, 'text/csv')
  const json = quality(accept, 'application/json')
  return csv.q > 0 && (csv.q > json.q || (csv.q === json.q && csv.at < json.at))
}

/** The format of this request's answer, for a route with `answersCsv`; null for other routes. */
export function answerFormatOf (request: FastifyRequest): 'csv' | 'json' | null {
  if ((request.routeOptions.config as AnswerFormatConfig).answersCsv !== true) return null
  return wantsCsv(request) ? 'csv' : 'json'
}
