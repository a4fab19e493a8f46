export interface BundleExecutorSchema {
  /** Bundle name, e.g. stable or lts. */
  name: string;
  /** Bundle version (semver). */
  version: string;
  /** Workspace-relative folder of the built CLI (default dist/apps/cli); maps and meta.json are left out. */
  cli?: string;
  /** Extension project names to include. */
  extensions?: string[];
  /** Template project names to include (template-<name>). */
  templates?: string[];
  /** Where package targets write tarballs (default dist/packages). */
  packagesPath?: string;
  /** Where the bundle tarball goes (default dist/bundles). */
  outputPath?: string;
}
