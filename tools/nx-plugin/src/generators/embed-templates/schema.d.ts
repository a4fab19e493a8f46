export interface EmbedTemplatesGeneratorSchema {
  skipFormat?: boolean;
}
