import { manifestSchema, type ExtensionManifest } from './manifest-schema';
import { parseYamlWithSchema } from './parse-yaml-document';
import type { ParseResult } from './source-problem';

/** Parses a `manifest.yaml`; `file` is only used to locate problems (`extensions/taskservs/redis/manifest.yaml:3:1`). */
export function parseManifest(text: string, file = 'manifest.yaml'): ParseResult<ExtensionManifest> {
  return parseYamlWithSchema(text, file, manifestSchema);
}
