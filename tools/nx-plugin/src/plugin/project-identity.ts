import { posix } from 'node:path';
import { parse } from 'yaml';
// Types only: the plugin is loaded by every Nx command, so it avoids the runtime of libs/extensions
// (zod schemas, templates) and keeps to yaml and node built-ins.
import type { ExtensionKind } from '@provisioning/extensions';

export interface ExtensionIdentity {
  kind: ExtensionKind;
  name: string;
  /** Project name: `taskserv-redis`. */
  id: string;
}

const KIND_FOLDERS: Record<string, ExtensionKind> = {
  taskservs: 'taskserv',
  providers: 'provider',
  clusters: 'cluster',
};

/**
 * Kind and name of the extension whose manifest is at `manifestPath`. Taken from the manifest when it
 * states them, else from the folder (`extensions/taskservs/redis/manifest.yaml`), so a broken
 * manifest still yields a project whose `validate` target reports the problem instead of breaking
 * every Nx command.
 */
export function extensionIdentity(manifestPath: string, manifestText: string): ExtensionIdentity {
  const segments = posix.dirname(manifestPath).split('/');
  const folderName = segments[segments.length - 1];
  const folderKind = KIND_FOLDERS[segments[1]] ?? 'taskserv';
  const declared = safeParse(manifestText);
  const kind = typeof declared.kind === 'string' && isKind(declared.kind) ? declared.kind : folderKind;
  const name = typeof declared.name === 'string' && declared.name.length > 0 ? declared.name : folderName;
  return { kind, name, id: `${kind}-${name}` };
}

/** Project name of a workspace template: `template-kubernetes`. */
export function templateProjectName(templateYamlPath: string, templateYamlText: string): string {
  const declared = safeParse(templateYamlText);
  const folderName = posix.basename(posix.dirname(templateYamlPath));
  return `template-${typeof declared.name === 'string' && declared.name ? declared.name : folderName}`;
}

function isKind(value: string): value is ExtensionKind {
  return Object.values(KIND_FOLDERS).includes(value as ExtensionKind);
}

function safeParse(text: string): Record<string, unknown> {
  try {
    const value: unknown = parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
