import type { Infra, Server, TaskservRef } from '@provisioning/config';
import { createLocalExecutor } from '@provisioning/remote';
import type { Executor, TaskservDefinition } from '@provisioning/sdk';
import type { TaskservResolver } from '../steps/build-steps';

/** The one server of `localInfra()`: this machine, through the local executor. */
export const LOCAL_SERVER = 'localhost';

const adHocSource = (what: string) => ({ file: `(${what})`, line: 0, col: 0 });

/**
 * An infra with extra taskserv entries that no file declares (tool installs from the command
 * line), each on the given servers; the engine plans and applies them like any entry. Entries of
 * the same name in the files are replaced, so only the ad-hoc definitions run.
 */
export function withAdHocTaskservs(
  infra: Infra,
  definitions: readonly TaskservDefinition[],
  servers: readonly string[],
): Infra {
  const names = new Set(definitions.map((definition) => definition.name));
  const entries: TaskservRef[] = definitions.map((definition) => ({
    name: definition.name,
    taskserv: definition.name,
    servers: [...servers],
    params: {},
    depends_on: [],
    resolved: { values: {}, origins: {} },
    source: adHocSource('command line'),
  }));
  return {
    ...infra,
    taskservs: [...infra.taskservs.filter((entry) => !names.has(entry.name)), ...entries],
    clusters: [],
  };
}

/** An infra holding only this machine, for installs that need no workspace. */
export function localInfra(): Infra {
  const server: Server = {
    name: LOCAL_SERVER,
    provider: 'local',
    labels: {},
    source: adHocSource('this machine'),
  };
  return {
    name: 'local',
    dir: process.cwd(),
    files: [],
    servers: [server],
    taskservs: [],
    clusters: [],
    settings: {},
  };
}

/** The executor for this machine (`/bin/sh -c`, same contract as a host's). */
export function localExecutor(): Executor {
  return createLocalExecutor({ host: LOCAL_SERVER });
}

/** Resolves entries to the given definitions by name (the ad-hoc ones first). */
export function resolverFor(
  definitions: readonly TaskservDefinition[],
  fallback?: TaskservResolver,
): TaskservResolver {
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  return (entry) => byName.get(entry.taskserv) ?? fallback?.(entry);
}
