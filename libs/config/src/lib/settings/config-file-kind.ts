import type { z } from 'zod';
import { userConfigFileSchema } from '../schema/user-files';
import { workspaceFileSchema } from '../schema/workspace-file';

/** The two files `config set/edit` write: the user's config.yaml and the workspace's provisioning.yaml. */
export type ConfigFileKind = 'user' | 'workspace';

export const CONFIG_FILE_SCHEMAS: Record<ConfigFileKind, z.ZodType> = {
  user: userConfigFileSchema,
  workspace: workspaceFileSchema,
};
