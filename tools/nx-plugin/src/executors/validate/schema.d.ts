export interface ValidateExecutorSchema {
  /** Workspace-relative path of the extension's manifest.yaml. */
  manifest: string;
}
