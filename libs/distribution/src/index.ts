// @provisioning/distribution: the versions.yaml compatibility matrix and its named bundles, and the
// check of what a workspace uses against it (`provisioning version --check`). install.sh installs a
// bundle the nx-plugin bundle executor built. Its public API is exported here.
export {
  type BundleDefinition,
  bundleSchema,
  coreEntrySchema,
  findVersionsFile,
  parseVersionsMatrix,
  readVersionsMatrix,
  VERSIONS_FILE,
  type VersionsMatrix,
  versionsMatrixSchema,
} from './lib/versions-matrix';
export { checkAgainstMatrix, type ComponentCheck, type ComponentStatus, type InstalledComponent, type MatrixCheck } from './lib/check-installed';
