import { join } from 'node:path';
import type { ExtensionKind } from '../manifest/extension-name';

/** The user's provisioning folder: `$PROVISIONING_HOME`, else `~/.provisioning`. */
export function userProvisioningDir(env: NodeJS.ProcessEnv): string {
  return env.PROVISIONING_HOME || join(env.HOME ?? '/', '.provisioning');
}

/** Where installed extensions live under a root: `<root>/extensions/<kind>/<name>/<version>/`. */
export function installedExtensionDir(
  root: string,
  kind: ExtensionKind,
  name: string,
  version: string,
): string {
  return join(root, 'extensions', kind, name, version);
}

/** `.provisioning/` of a workspace: extensions installed for it and its links. */
export function workspaceProvisioningDir(workspaceRoot: string): string {
  return join(workspaceRoot, '.provisioning');
}

/** Download cache shared by every workspace of the user. */
export function userCacheDir(env: NodeJS.ProcessEnv): string {
  return join(userProvisioningDir(env), 'cache');
}
