// @provisioning/extensions: manifests and compatibility, workspace templates, and installable
// extensions: safe extraction, integrity and signatures, registries, version resolution, the lock
// file and the loader. Its public API is exported here.
export * from './manifest';
export * from './templates';
export { ExtensionError, type ExtensionErrorCode } from './errors';
export { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './archive/extraction-limits';
export { type ArchiveContent, type ArchiveFile, PACKAGE_ROOT, readArchive } from './archive/read-archive';
export { extractPackage } from './archive/extract-package';
export { sha256Hex } from './integrity/sha256';
export {
  generateSigningKeyPair,
  keyIdOf,
  privateKeyObject,
  publicKeyObject,
  publicKeyOfPrivate,
  type SigningKeyPair,
} from './integrity/signing-keys';
export {
  signedMessage,
  type SignedPackage,
  signPackage,
  type TrustedKey,
  verifyPackageSignature,
} from './integrity/package-signature';
export * from './registry/registry-index';
export {
  type FetchedIndex,
  RegistryClient,
  type RegistryClientOptions,
  type RegistryRef,
  writeAtomically,
} from './registry/registry-client';
export { readWorkspaceRegistries } from './registry/workspace-registries';
export { type AvailableVersion, resolveVersions, type VersionRequest } from './resolve/resolve-versions';
export * from './lockfile/lockfile';
export {
  installedExtensionDir,
  userCacheDir,
  userProvisioningDir,
  workspaceProvisioningDir,
} from './loader/extension-dirs';
export { linksFile, readLinks, writeLinks } from './loader/links';
export {
  bundleLinkedExtension,
  extensionBundleOptions,
  isBuildStale,
  PROVIDED_BY_CORE,
} from './loader/bundle-extension';
export { loadCommonJsBundle } from './loader/load-module';
export { paramsJsonSchemaOf, taskservFromExports } from './loader/check-definition';
export {
  describeCandidate,
  EXTENSION_SOURCES,
  ExtensionCatalog,
  type ExtensionCandidate,
  type ExtensionCatalogOptions,
  type ExtensionSource,
  readManifestOf,
  type Resolution,
} from './loader/extension-catalog';
export { parsePackageSpec } from './install/package-spec';
export { checkManifestMatches, readPackageManifest } from './install/verify-package';
export {
  ExtensionManager,
  type ExtensionManagerOptions,
  type InstallReport,
  type InstalledChange,
  type OutdatedRow,
} from './install/extension-manager';
export { publishToDirectory, type PublishResult, readIndexFile, setYanked } from './registry/publish';
export { serveRegistry, type ServedRegistry } from './registry/serve-registry';
export { extensionScaffoldFiles, type ExtensionScaffoldOptions } from './scaffold/extension-scaffold';
export {
  type TarballEntry,
  writeDeterministicTarball,
  type WrittenTarball,
} from './archive/deterministic-tarball';
export { packExtensionFolder } from './scaffold/pack-extension';
export { parseScenarioFile, readScenarioFile, SCENARIO_FILE } from './scenarios/scenario-file';
