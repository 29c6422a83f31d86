// The artifact contract: the only way the trainer writes model versions and the service reads them.
export * from './schema.js'
export {
  LATEST_FILE, TEMP_PREFIX, listVersionEntries, listVersions, readLatest, readLatestState, versionDir,
  type PointerState, type VersionEntry
} from './layout.js'
export { VERSION_NAME_PATTERN, VERSION_NAME_PATTERN_SOURCE, assertVersionName, compareVersionNames, isVersionName, makeVersionName } from './version-name.js'
export {
  publishVersion, pruneVersions, removeStaleTemporaries, setLatest, sha256, type PublishOptions, type PublishedVersion
} from './publish.js'
export { LOCK_FILE, STALE_MS, withArtifactsLock, type HeldLock, type LockOptions } from './lock.js'
export { PIN_FILE, PinRecordSchema, defaultActor, pinVersion, readPin, unpinVersion, type PinOptions, type PinRecord, type PinState } from './pin.js'
export { loadManifest, loadVersion, type LoadedVersion } from './load.js'
export {
  COLUMN_FILE_MAGIC, ColumnFileError, compareStrings, decodeColumnFile, encodeColumnFile, encodeStrings, stringAt,
  type Column, type ColumnFile, type StringColumn
} from './columns.js'
export {
  customerId, customerRecords, customerTableOf, decodeCustomers, decodeNeighbours, decodePurchases, decodeValues, encodeModelFiles, modelBuffers, purchaseRow,
  type CustomerTable, type ModelFiles, type ModelFilesInput, type NeighbourTable, type PurchaseLists, type PurchaseTable, type ValueTable
} from './model-files.js'
export { decodeVarintRow, encodeVarintRows, varintRowLength, varintRowsOf, type VarintRows } from './purchase-varints.js'
