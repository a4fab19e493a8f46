import { isDeepStrictEqual } from 'node:util';
import type { TaskservDefinition } from '@provisioning/sdk';
import { z } from 'zod';
import { ExtensionError } from '../errors';
import type { ExtensionManifest } from '../manifest/manifest-schema';

function isTaskservDefinition(value: unknown): value is TaskservDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TaskservDefinition).name === 'string' &&
    typeof (value as TaskservDefinition).install === 'function' &&
    typeof (value as TaskservDefinition).params === 'object'
  );
}

/** The params JSON Schema a manifest must carry for a zod schema: as users write params (defaults optional). */
export function paramsJsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >;
  return jsonSchema;
}

/**
 * Finds the task service a bundle exports under the manifest's name and checks that the code
 * agrees with the manifest: same name, same version, same params schema. A package whose
 * manifest (what resolution and validation trusted) says something its code does not is refused.
 */
export function taskservFromExports(
  exports: Record<string, unknown>,
  manifest: ExtensionManifest,
  where: string,
): TaskservDefinition {
  const definitions = Object.values(exports).filter(isTaskservDefinition);
  const definition = definitions.find((candidate) => candidate.name === manifest.name);
  if (!definition) {
    const found = definitions.map((candidate) => `"${candidate.name}"`).join(', ') || 'none';
    throw new ExtensionError(
      'manifest-mismatch',
      `${where}: manifest.yaml names taskserv "${manifest.name}", but the code exports no taskserv of that name (found: ${found}); refused.`,
      'the package is inconsistent: rebuild it so manifest.yaml and src/index.ts agree.',
    );
  }
  if (definition.version !== manifest.version) {
    throw new ExtensionError(
      'manifest-mismatch',
      `${where}: manifest.yaml says version ${manifest.version}, but the code says ${definition.version}; refused.`,
      'bump both together (manifest.yaml and the defineTaskserv version), then publish again.',
    );
  }
  const fromCode = paramsJsonSchemaOf(definition.params);
  if (!isDeepStrictEqual(fromCode, manifest.params)) {
    throw new ExtensionError(
      'manifest-mismatch',
      `${where}: the params schema in manifest.yaml differs from the one in the code; refused.`,
      `regenerate manifest.yaml params from the zod schema; the code's is ${JSON.stringify(fromCode)}.`,
    );
  }
  return definition;
}
