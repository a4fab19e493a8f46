// @provisioning/distribution: what Provisioning ships and installs. The versions.yaml compatibility
// matrix and its named bundles (checked by `provisioning version --check`; install.sh installs a
// bundle the nx-plugin bundle executor built), and the tool catalog (kubectl, helm, k3s, ...) with
// its checksums, tool installs expressed as taskservs for the engine to apply.
export {
  CatalogError,
  catalogSchema,
  loadCatalog,
  shippedCatalog,
  type ToolCatalog,
  type ToolEntry,
  toolSchema,
} from './lib/tools/catalog';
export { HOST_TOOL_LAYOUT, localToolLayout, type ToolLayout, toolPaths } from './lib/tools/layout';
export { type Platform, platformKey, platformOf } from './lib/tools/platform';
export {
  parseToolSpec,
  resolveDownload,
  type ResolvedDownload,
  type ToolRequest,
  toolEntry,
} from './lib/tools/resolve-tool';
export { toolTaskserv, toolTaskservName, type ToolTaskservOptions } from './lib/tools/tool-taskserv';
export { type InstalledTool, installedToolsScript, parseInstalledTools } from './lib/tools/installed-tools';
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
export {
  checkAgainstMatrix,
  type ComponentCheck,
  type ComponentStatus,
  type InstalledComponent,
  type MatrixCheck,
} from './lib/check-installed';
