// Option tables: each trainer stage declares its options in one (see README.md here).
export { OptionTextError, date, integer, integerOr, list, number, oneOf, pairs, text, toggle, type Bounds, type OptionKind } from './kinds.js'
export {
  byFlag, byStage, checkOption, composeTables, defaultsOf, option, optionTable, pickOptions, resolveOptions,
  type AnyOptionRow, type ComposedTables, type ManifestEntry, type ManifestValues, type OptionDefaults, type OptionNamer,
  type OptionRow, type OptionRows, type OptionTable, type OptionValues, type Presence, type ValueOf
} from './table.js'
export { argSpec, helpLines, helpListing, valuesFromArgs, type ArgSpec } from './command-line.js'
export { manifestEntries, manifestSchema } from './manifest.js'
