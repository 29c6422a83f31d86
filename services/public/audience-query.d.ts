// Types of audience-query.js (plain JS served to the browser), for the tests that import it.
export type AudienceSort = 'monetary' | 'frequency' | 'recency' | 'expectedRevenue'
export type AudienceFilterName = 'minExpectedRevenue' | 'minMonetary' | 'minFrequency' | 'maxRecency' | 'minRecency' | 'minPAlive' | 'maxPAlive'
export type AudienceFilters = Partial<Record<AudienceFilterName, number>>
export const AUDIENCE_SORTS: ReadonlyArray<{ value: AudienceSort, label: string, values: boolean }>
export const AUDIENCE_FILTERS: ReadonlyArray<{ name: AudienceFilterName, label: string, unit: string, max: number, whole: boolean, scale: number, example: string, pAlive?: boolean }>
export type AudienceFilterReading =
  | { ok: true, filters: AudienceFilters }
  | { ok: false, errors: Partial<Record<AudienceFilterName, string>> }
export function readAudienceFilters (texts: Partial<Record<AudienceFilterName, string>>): AudienceFilterReading
export function listingQuery (options: {
  sort?: AudienceSort
  order?: 'asc' | 'desc'
  filters?: AudienceFilters
  version?: string
  limit?: number
  cursor?: string | null
  format?: 'csv' | 'json'
  extra?: Record<string, string | number | undefined>
}): string
