import { z } from 'zod';
import { nameSchema, paramsSchema } from './common';
import { settingsFileSchema } from './settings';

export const registrySchema = z.strictObject(
  {
    name: nameSchema.describe('How commands and the lockfile refer to this registry.'),
    url: z
      .string({ error: 'an https:// URL or a directory path' })
      .min(1, { error: 'an https:// URL or a directory path' })
      .describe('Where the registry index.json is served: https://... or a local directory.'),
    public_key: z
      .string({ error: 'an ed25519 public key (base64)' })
      .optional()
      .describe('Key that signs this registry; packages with another signature are refused.'),
  },
  { error: 'a registry: { name, url }' },
);

/** `provisioning.yaml` at the workspace root. */
export const workspaceFileSchema = z.strictObject(
  {
    name: nameSchema.describe('The workspace name; {{workspace.name}} in values.'),
    description: z.string({ error: 'a string' }).optional().describe('What this workspace manages.'),
    default_infra: nameSchema
      .optional()
      .describe('The infra commands use when --infra is not given (a folder under infra/).'),
    registries: z
      .array(registrySchema, { error: 'a list of registries' })
      .optional()
      .describe('Extension registries, searched in order.'),
    settings: settingsFileSchema
      .optional()
      .describe('Workspace settings (override user config and built-in defaults).'),
    taskserv_params: z
      .record(nameSchema, paramsSchema, { error: 'a mapping of taskserv names to parameters' })
      .optional()
      .describe(
        'Parameters for a taskserv in every infra of this workspace (override the extension defaults).',
      ),
  },
  { error: 'a mapping with at least `name:`' },
);

export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
export type Registry = z.infer<typeof registrySchema>;
