import { mkdirSync } from 'node:fs';
import { join, posix, relative, dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../settings/atomic-write';
import { infraFileSchema } from './infra-file';
import { userConfigFileSchema } from './user-files';
import { workspaceFileSchema } from './workspace-file';
import { workflowFileSchema } from '../workflow/workflow-file';

/** The files that have a published JSON Schema, generated from the same zod schemas validation uses. */
export const JSON_SCHEMA_FILES = {
  workspace: {
    file: 'provisioning.schema.json',
    schema: workspaceFileSchema,
    title: 'Provisioning workspace (provisioning.yaml)',
  },
  infra: {
    file: 'infra.schema.json',
    schema: infraFileSchema,
    title: 'Provisioning infra file (infra/<name>/*.yaml)',
  },
  user: {
    file: 'config.schema.json',
    schema: userConfigFileSchema,
    title: 'Provisioning user config ($XDG_CONFIG_HOME/provisioning/config.yaml)',
  },
  workflow: {
    file: 'workflow.schema.json',
    schema: workflowFileSchema,
    title: 'Provisioning workflow (workflows/<name>.yaml)',
  },
} as const;

export type JsonSchemaKind = keyof typeof JSON_SCHEMA_FILES;

/** Where schemas are written inside a workspace. */
export const SCHEMAS_DIR = posix.join('.provisioning', 'schemas');

export function jsonSchemaFor(kind: JsonSchemaKind): Record<string, unknown> {
  const entry = JSON_SCHEMA_FILES[kind];
  // Refinements (semver ranges) cannot be expressed in JSON Schema; editors check the shape, validate the rest.
  const generated = z.toJSONSchema(entry.schema, { unrepresentable: 'any', io: 'input' }) as Record<
    string,
    unknown
  >;
  // `x-` keys are the user's own (anchors for merges), ignored by validation: let editors accept them too.
  return { ...generated, title: entry.title, patternProperties: { '^x-': {} } };
}

/** Writes every JSON Schema into `<root>/.provisioning/schemas/`; returns the paths written. */
export function writeJsonSchemas(workspaceRoot: string): string[] {
  const dir = join(workspaceRoot, SCHEMAS_DIR);
  mkdirSync(dir, { recursive: true });
  return (Object.keys(JSON_SCHEMA_FILES) as JsonSchemaKind[]).map((kind) => {
    const path = join(dir, JSON_SCHEMA_FILES[kind].file);
    writeFileAtomic(path, `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`);
    return path;
  });
}

/**
 * The first line for a generated YAML file so the YAML language server validates it as you type:
 * `# yaml-language-server: $schema=../../.provisioning/schemas/infra.schema.json`.
 * `fileInWorkspace` is the YAML file's path relative to the workspace root.
 */
export function schemaModeline(kind: Exclude<JsonSchemaKind, 'user'>, fileInWorkspace: string): string {
  const fromDir = dirname(fileInWorkspace);
  const target = relative(fromDir, join(SCHEMAS_DIR, JSON_SCHEMA_FILES[kind].file)).split('\\').join('/');
  return `# yaml-language-server: $schema=${target.startsWith('.') ? target : `./${target}`}`;
}
