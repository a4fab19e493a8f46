/**
 * A workspace template as text: its `template.yaml` and the files under its `files/` folder, keyed
 * by POSIX path relative to `files/`. Read from templates/<name>/ inside the monorepo (generators)
 * or from the copy embedded in the CLI bundle (`provisioning workspace init`).
 */
export interface WorkspaceTemplateSource {
  templateYaml: string;
  files: Readonly<Record<string, string>>;
}

/** The part of Nx's `Tree` that rendering needs, so Nx's tree and the CLI's disk tree both fit. */
export interface TemplateTree {
  exists(path: string): boolean;
  write(path: string, content: string): void;
}
