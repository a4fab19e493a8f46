export interface BundleExecutorSchema {
  /** Bundle name, e.g. stable or lts. */
  name: string;
  /** Bundle version (semver); default: versions.yaml bundles.<name>.version. */
  version?: string;
  /** Workspace-relative folder of the built CLI (default dist/apps/cli); maps and meta.json are left out. */
  cli?: string;
  /** Extension project names to include; default: versions.yaml bundles.<name>.extensions. */
  extensions?: string[];
  /** Template project names to include (template-<name>); default: versions.yaml bundles.<name>.templates. */
  templates?: string[];
  /** Where package targets write tarballs (default dist/packages). */
  packagesPath?: string;
  /** Where the bundle tarball goes (default dist/bundles). */
  outputPath?: string;
}
