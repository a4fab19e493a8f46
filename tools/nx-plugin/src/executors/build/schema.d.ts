export interface BuildExecutorSchema {
  /** Workspace-relative entry file, usually <root>/src/index.ts. */
  entry: string;
  /** Workspace-relative output folder; index.js is written there. */
  outputPath: string;
  /** Packages left as require() calls besides @provisioning/sdk and zod. */
  external?: string[];
}
