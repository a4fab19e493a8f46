export interface TemplateGeneratorSchema {
  /** Template name in kebab-case. */
  name: string;
  /** One sentence: the workspace this template creates. */
  description?: string;
  skipFormat?: boolean;
}
