import { resolveSettings } from '@provisioning/config';
import {
  DEFAULT_STATE_PATH,
  type InstalledTaskserv,
  type LockRecord,
  type RunDetail,
  type RunSummary,
  SqliteStateStore,
  type StateStore,
} from '@provisioning/store';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EngineError, InfraNotFoundError } from '../errors';
import { infraDirectories, locateWorkspace } from './locate-workspace';

export type { LockRecord, RunDetail, RunSummary } from '@provisioning/store';

export interface OpenStateOptions {
  workspace: string;
  /** Only this infra's runs and lock; it must have a directory under infra/. */
  infra?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The run history and locks of a workspace, read without loading (or validating) its infra
 * files: a stuck lock or a failed run is exactly when the infra files may be broken.
 */
export class StateHandle {
  private opened: StateStore | undefined;

  constructor(
    readonly workspace: string,
    readonly statePath: string,
    readonly infraNames: readonly string[],
    readonly infra: string | undefined,
  ) {}

  /** Whether anything was ever recorded (reading never creates the database). */
  get exists(): boolean {
    return this.opened !== undefined || existsSync(this.statePath);
  }

  async listRuns(query: { limit?: number } = {}): Promise<RunSummary[]> {
    if (!this.exists) return [];
    return this.store().listRuns({ infra: this.infra, limit: query.limit });
  }

  /** A run by id or unique prefix; undefined when unknown. Throws EngineError for an ambiguous prefix. */
  async showRun(id: string): Promise<RunDetail | undefined> {
    if (!this.exists) return undefined;
    try {
      return await this.store().showRun(id);
    } catch (error) {
      throw new EngineError((error as Error).message, "see the ids with 'provisioning state list'");
    }
  }

  /** What the store records as installed, on every host of this handle's infra (or of every infra). */
  async installedTaskservs(): Promise<InstalledTaskserv[]> {
    if (!this.exists) return [];
    const names = this.infra ? [this.infra] : this.infraNames;
    const records = await Promise.all(names.map((name) => this.store().listTaskservs(name)));
    return records.flat();
  }

  /** The locks held now, one per infra at most. */
  async locks(): Promise<LockRecord[]> {
    if (!this.exists) return [];
    const names = this.infra ? [this.infra] : this.infraNames;
    const locks = await Promise.all(names.map((name) => this.store().getLock(name)));
    return locks.filter((lock): lock is LockRecord => lock !== undefined);
  }

  /** Removes a lock whoever holds it; returns what was removed, undefined if it was gone. */
  async forceUnlock(lockId: string): Promise<LockRecord | undefined> {
    if (!this.exists) return undefined;
    return this.store().forceUnlock(lockId);
  }

  async close(): Promise<void> {
    await this.opened?.close();
    this.opened = undefined;
  }

  private store(): StateStore {
    this.opened ??= SqliteStateStore.open(this.statePath);
    return this.opened;
  }
}

/** Opens the state of a workspace (found from any directory inside it). */
export function openState(options: OpenStateOptions): StateHandle {
  const root = locateWorkspace(options.workspace);
  const infraNames = infraDirectories(root);
  if (options.infra !== undefined && !infraNames.includes(options.infra)) {
    throw new InfraNotFoundError(
      `no infra "${options.infra}" in ${join(root, 'infra')}`,
      `infras: ${infraNames.join(', ') || 'none'}`,
    );
  }
  const { settings } = resolveSettings({
    workspaceRoot: root,
    infra: options.infra,
    env: options.env ?? process.env,
  });
  return new StateHandle(root, statePathOf(root, settings.state.path), infraNames, options.infra);
}

export function statePathOf(root: string, path: string | undefined): string {
  return resolve(root, path ?? DEFAULT_STATE_PATH);
}

/** Opens (creating if needed) the SQLite store at `path`. */
export function openStore(path: string): StateStore {
  mkdirSync(dirname(path), { recursive: true });
  return SqliteStateStore.open(path);
}
