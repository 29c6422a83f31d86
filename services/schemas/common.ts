// Schemas shared by several route plugins.
import { Type, type Static } from 'typebox'
import { VERSION_NAME_PATTERN_SOURCE } from '../../lib/artifacts/index.js'
import { CURRENCY_DECIMALS } from '../../lib/money.js'

export const VersionNameSchema = Type.String({
  pattern: VERSION_NAME_PATTERN_SOURCE,
  description: 'a model version name: UTC creation time and a short content hash',
  examples: ['20261125T154500Z-3fa9c1']
})

/**
 * `?version=`: a version name without an example value, which Swagger UI would fill into "Try it
 * out" and so ask every read for a version that does not exist (404).
 */
export const VersionParameterSchema = Type.String({
  pattern: VERSION_NAME_PATTERN_SOURCE,
  description: 'answer from this model version (e.g. 20261125T154500Z-3fa9c1, see GET /models) instead of the active one'
})

/** `?version=` on read endpoints: answer from that model version instead of the active one (A/B comparisons). */
export const VersionQuerySchema = Type.Object({
  version: Type.Optional(VersionParameterSchema)
})
export type VersionQuery = Static<typeof VersionQuerySchema>

/**
 * An amount of money as every answer gives it: rounded to the currency's cents (lib/money.ts, applied
 * when a version is indexed), so `4310`, never `4309.999999999997`.
 */
export function MoneySchema (description: string, options: { minimum?: number, examples?: number[] } = {}): ReturnType<typeof Type.Number> {
  return Type.Number({ ...options, description: `${description}; rounded to cents (${CURRENCY_DECIMALS} decimals)` })
}
