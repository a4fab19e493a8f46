import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ExtensionError } from '../errors';
import { writeAtomically } from '../registry/registry-client';
import { workspaceProvisioningDir } from './extension-dirs';

/** `.provisioning/links.json`: extensions used live from a folder, for development (not committed). */
const linksSchema = z.strictObject({ links: z.record(z.string(), z.string()) });

export function linksFile(workspaceRoot: string): string {
  return join(workspaceProvisioningDir(workspaceRoot), 'links.json');
}

/** Linked extension folders by name (absolute paths). */
export function readLinks(workspaceRoot: string): Record<string, string> {
  const file = linksFile(workspaceRoot);
  if (!existsSync(file)) return {};
  const parsed = linksSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new ExtensionError(
      'invalid-input',
      `${file}: not a links file ({ "links": { "name": "/path" } }).`,
      'delete it and link again with `provisioning extension link PATH`.',
    );
  return parsed.data.links;
}

export function writeLinks(workspaceRoot: string, links: Record<string, string>): void {
  const sorted = Object.fromEntries(Object.entries(links).sort(([a], [b]) => a.localeCompare(b)));
  writeAtomically(linksFile(workspaceRoot), `${JSON.stringify({ links: sorted }, null, 2)}\n`);
}
