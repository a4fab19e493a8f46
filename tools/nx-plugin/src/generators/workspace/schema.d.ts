export interface WorkspaceGeneratorSchema {
  /** Folder to create the workspace in, relative to the monorepo root. */
  directory: string;
  /** Template under templates/ (default minimal). */
  template?: string;
  /** Workspace name (default: the folder's name). */
  name?: string;
  /** Name of the first infra (default: the template's). */
  infra?: string;
  force?: boolean;
  skipFormat?: boolean;
}
