import { ExtensionCatalog } from '@provisioning/extensions';
import type { TaskservDefinition } from '@provisioning/sdk';
import type { z } from 'zod';
import type { extensionListingSchema } from '../api/schemas';

/** The answer of its route, as the OpenAPI document describes it. */
export type ExtensionListing = z.output<typeof extensionListingSchema>;

/**
 * Every extension the workspace can use, each version each source offers (linked, the workspace's
 * and the user's installs, the built-ins), as `provisioning extension list` shows them. Folders
 * are left out: the page has no use for paths on the orchestrator's machine.
 */
export function extensionListing(
  workspace: string,
  builtins: ReadonlyMap<string, TaskservDefinition>,
  env: NodeJS.ProcessEnv,
): ExtensionListing {
  const catalog = new ExtensionCatalog({ workspaceRoot: workspace, env, builtins: [...builtins.values()] });
  return {
    core: catalog.coreVersion,
    extensions: catalog.names().flatMap((name) => {
      const used = catalog.resolve(name);
      return catalog.candidates(name).map((candidate) => ({
        name: candidate.name,
        kind: candidate.kind,
        version: candidate.version,
        source: candidate.source,
        core: candidate.core,
        fitsCore: candidate.fitsCore,
        used: used.ok && used.candidate === candidate,
      }));
    }),
  };
}
