import { resolveSettings } from '@provisioning/config';
import { DEFAULT_STATE_PATH, type LockRecord, type StateStore, SqliteStateStore } from '@provisioning/store';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandContext } from '../cli/command-definition';
import { CliError } from '../cli/errors';
import { workspaceRootFor } from './workspace-root';

/** Where a workspace keeps its state, found without loading its infra definitions. */
export interface StateStoreLocation {
  root: string;
  statePath: string;
  /** The infra directories of the workspace (`infra/<name>/`). */
  infraNames: string[];
  exists: boolean;
}

export interface StateStoreSession extends StateStoreLocation {
  store: StateStore;
  close(): Promise<void>;
}

/**
 * `state` commands must work while the infra files are broken (a stuck lock or a failed run is
 * exactly when someone needs them), so only the settings are read here, nothing is validated.
 */
export async function locateStateStore(ctx: CommandContext, options: { infra?: string }): Promise<StateStoreLocation> {
  const root = (await workspaceRootFor(ctx, { required: true })) as string;
  const infraNames = listInfraNames(root);
  if (options.infra !== undefined && !infraNames.includes(options.infra)) {
    throw new CliError(`no infra "${options.infra}" in ${join(root, 'infra')}`, `infras: ${infraNames.join(', ') || 'none'}`);
  }
  const { settings } = resolveSettings({ workspaceRoot: root, infra: options.infra, env: ctx.env });
  const statePath = resolve(root, settings.state.path ?? DEFAULT_STATE_PATH);
  return { root, statePath, infraNames, exists: existsSync(statePath) };
}

/** Opens the state store; fails when nothing was ever recorded (opening would create an empty one). */
export async function openStateStore(ctx: CommandContext, options: { infra?: string }): Promise<StateStoreSession> {
  const location = await locateStateStore(ctx, options);
  if (!location.exists) {
    throw new CliError(`no state store at ${location.statePath}: nothing was applied in this workspace yet`, "run 'provisioning apply' first");
  }
  const store = SqliteStateStore.open(location.statePath);
  return { ...location, store, close: () => store.close() };
}

function listInfraNames(root: string): string[] {
  const dir = join(root, 'infra');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The apply locks held now, one per infra at most. */
export async function currentLocks(session: Pick<StateStoreSession, 'store' | 'infraNames'>): Promise<LockRecord[]> {
  const locks = await Promise.all(session.infraNames.map((infra) => session.store.getLock(infra)));
  return locks.filter((lock): lock is LockRecord => lock !== undefined);
}
