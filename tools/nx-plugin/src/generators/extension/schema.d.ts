export interface ExtensionGeneratorSchema {
  /** Extension name in kebab-case, unique across kinds. */
  name: string;
  kind: string;
  /** One sentence for manifest.yaml and the README. */
  description?: string;
  skipFormat?: boolean;
}
