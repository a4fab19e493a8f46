import { join } from 'node:path';
import { nameSchema } from '../schema/common';
import { readYamlFile } from '../yaml/read-yaml-file';
import { WORKSPACE_FILE } from './find-workspace-root';

/**
 * `default_infra` of a workspace, read without validating the rest, for commands that only need
 * to know which infra's settings apply; undefined when unset, unreadable or not a valid name.
 */
export function readDefaultInfra(root: string): string | undefined {
  const read = readYamlFile(join(root, WORKSPACE_FILE), WORKSPACE_FILE);
  if (!read.ok) return undefined;
  const value = (read.parsed.data as { default_infra?: unknown } | null)?.default_infra;
  return nameSchema.safeParse(value).success ? (value as string) : undefined;
}
