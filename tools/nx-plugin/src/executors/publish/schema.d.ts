export interface PublishExecutorSchema {
  /** Workspace-relative manifest.yaml of the extension. */
  manifest: string;
  /** Workspace-relative folder the package target writes to. */
  packagesPath?: string;
  /** The registry directory; PROVISIONING_REGISTRY_DIR when not given. */
  registry?: string;
  /** The ed25519 private key file; PROVISIONING_REGISTRY_KEY when not given. */
  key?: string;
}
