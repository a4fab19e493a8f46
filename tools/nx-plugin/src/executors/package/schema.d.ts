export interface PackageExecutorSchema {
  /** Workspace-relative manifest.yaml (extension) or template.yaml (template). */
  manifest: string;
  /** Workspace-relative folder with the built code (extensions); packed under dist/. */
  buildOutput?: string;
  /** Workspace-relative folder; the tarball goes to <outputPath>/<id>/<id>-<version>.tgz. */
  outputPath?: string;
}
