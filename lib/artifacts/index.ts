// The artifact contract: the only way the trainer writes model versions and the service reads them.
export * from './schema.js'
export { LATEST_FILE, TEMP_PREFIX, listVersions, readLatest, versionDir } from './layout.js'
export { VERSION_NAME_PATTERN, VERSION_NAME_PATTERN_SOURCE, assertVersionName, isVersionName, makeVersionName } from './version-name.js'
export { publishVersion, pruneVersions, removeStaleTemporaries, setLatest, sha256, type PublishOptions, type PublishedVersion } from './publish.js'
export { loadManifest, loadVersion, type LoadedVersion } from './load.js'
