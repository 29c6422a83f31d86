// Option tables in the manifest: the entries a trained version records in `options`, and their
// JSON Schema (test/trainer/options.test.ts checks it against the contract's, lib/artifacts).
import { Type, type TProperties } from 'typebox'
import type { ManifestValues, OptionRows, OptionValues } from './table.js'

/** What `values` write into the manifest's `options`, row by row in table order. */
export function manifestEntries<R extends OptionRows> (rows: R, values: OptionValues<R>): ManifestValues<R> {
  const source = values as Record<string, unknown>
  const entries: Record<string, unknown> = {}
  for (const [key, row] of Object.entries(rows)) {
    if (row.manifest === 'none') continue
    if (row.manifest === 'self') {
      if (source[key] !== undefined) entries[key] = source[key]
    } else {
      Object.assign(entries, row.manifest.write(source[key]))
    }
  }
  return entries as ManifestValues<R>
}

/** The JSON Schema of every entry the rows write (optional rows' own entries are optional). */
export function manifestSchema (rows: OptionRows): TProperties {
  const properties: TProperties = {}
  for (const [key, row] of Object.entries(rows)) {
    if (row.manifest === 'none') continue
    if (row.manifest === 'self') properties[key] = row.presence === 'optional' ? Type.Optional(row.kind.schema) : row.kind.schema
    else Object.assign(properties, row.manifest.schema)
  }
  return properties
}
