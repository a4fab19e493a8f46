import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ExtensionError } from '../errors';
import type { RegistryRef } from './registry-client';

/**
 * The registries a workspace's provisioning.yaml declares, in search order. Only `registries:` is
 * read, so a broken infra does not stop anyone from installing what would fix it.
 */
export function readWorkspaceRegistries(workspaceRoot: string): RegistryRef[] {
  const file = join(workspaceRoot, 'provisioning.yaml');
  if (!existsSync(file)) return [];
  const document = parse(readFileSync(file, 'utf8')) as { registries?: unknown } | null;
  const registries = document?.registries ?? [];
  if (!Array.isArray(registries))
    throw new ExtensionError(
      'invalid-input',
      'provisioning.yaml: registries must be a list',
      'run `provisioning validate` for the exact location',
    );
  return registries.map((entry, index) => {
    const { name, url, public_key: publicKey } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof url !== 'string')
      throw new ExtensionError(
        'invalid-input',
        `provisioning.yaml: registries[${index}] needs a name and a url`,
        'run `provisioning validate` for the exact location',
      );
    return { name, url, ...(typeof publicKey === 'string' ? { public_key: publicKey } : {}) };
  });
}
