export interface ValidateTemplateExecutorSchema {
  /** Workspace-relative template folder, e.g. templates/web. */
  template: string;
  /** Fail when the CLI's embedded copy differs from the folder (default true). */
  checkEmbedded?: boolean;
}
