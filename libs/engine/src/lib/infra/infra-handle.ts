import type { Diagnostic, Infra, SecretStore, Server, Workspace } from '@provisioning/config';
import type { ConnectionPool, HostSpecInput } from '@provisioning/remote';
import { hostSpecsFor } from '../hosts/host-specs';
import type { ClusterDefinition, Executor, ProviderDefinition, TaskservDefinition } from '@provisioning/sdk';
import { withAdHocTaskservs } from '../ad-hoc/ad-hoc-taskservs';
import { collectServerFacts, type HostFactsResult } from '../facts/collect-server-facts';
import type { InstalledTaskserv, LockRecord, RunDetail, RunSummary, StateStore } from '@provisioning/store';
import { RunCancelledError } from '../errors';
import { openPool, workspaceKnownHostsPath } from '../hosts/open-pool';
import { apply, type ApplyRunOptions } from '../run/apply';
import type { EngineEventListener, RunAction } from '../run/engine-events';
import { plan } from '../run/plan';
import type { RunPlan } from '../run/run-plan';
import type { RunRequest } from '../run/run-request';
import type { RunResult } from '../run/run-result';
import { type AdHocEvent, type AdHocResult, runAdHocCommand } from './ad-hoc-command';
import type { EngineSettings } from './engine-settings';
import type {
  ClusterCreateResult,
  ClusterDeleteResult,
  ClusterPlan,
  ClusterStatus,
} from '../clusters/cluster-operations';
import type { ServerCreatePlan, ServerCreateResult } from '../servers/create-servers';
import type { ServerDeletePlan, ServerDeleteResult } from '../servers/delete-servers';
import type { ServerState, StateRefreshResult } from '../servers/server-states';
import { type ClusterCallOptions, InfraServers, type ServerCallOptions } from './infra-servers';
import { openStore } from './open-state';
import { nameSet, parseServerSelection } from './server-selection';
import { taskservTargets } from './taskserv-targets';
import { type TaskservStatusReport, taskservStatusReport } from './taskserv-status';

/** Which part of the infra a call works on; undefined fields mean all. */
export interface Selection {
  /** Names (`web-1,web-2`), labels (`role=web`), both, or `all`; a list is joined with commas. */
  servers?: string | readonly string[];
  /** Taskserv entry names. */
  taskservs?: string | readonly string[];
}

export interface CallOptions {
  signal?: AbortSignal;
  onEvent?: EngineEventListener;
}

export interface PlanRequest extends Selection, CallOptions {
  action?: RunAction;
}

export interface ApplyRequest extends CallOptions, ApplyRunOptions {}

export interface RunCommandOptions {
  servers?: string | readonly string[];
  sudo?: boolean;
  /** Kill the command on a host after this long (default: settings run.timeout). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onEvent?: (event: AdHocEvent) => void;
}

export interface InfraHandleParts {
  workspace: Workspace;
  infra: Infra;
  settings: EngineSettings;
  diagnostics: Diagnostic[];
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  statePath: string;
  taskservs: ReadonlyMap<string, TaskservDefinition>;
  providers: ReadonlyMap<string, ProviderDefinition>;
  clusters: ReadonlyMap<string, ClusterDefinition>;
  acceptNewHostKeys: boolean;
  onHostKeyAccepted?: (key: AcceptedHostKey) => void;
}

/** A host key trusted on first use: whose, its SHA256 fingerprint, and the known_hosts file it went to. */
export interface AcceptedHostKey {
  host: string;
  address: string;
  port: number;
  fingerprint: string;
  file: string;
}

/**
 * One infra of a workspace, opened: plan, apply (exactly a plan that was shown), run ad-hoc
 * commands, read status and the run history. The state store and the SSH pool open on first
 * use and close with `close()`. Never prints, prompts, reads argv or exits.
 */
export class InfraHandle {
  private store: StateStore | undefined;
  private connections: ConnectionPool | undefined;

  private readonly provisioned: InfraServers;

  constructor(private readonly parts: InfraHandleParts) {
    this.provisioned = new InfraServers({ ...parts, state: () => this.state() });
  }

  // Servers a provider creates, and clusters built by cluster extensions (docs/providers.md,
  // docs/clusters.md). Servers created here are reached by plan/apply of a handle opened after.

  /** What `server create` would do per server: create, finish an interrupted create, or nothing; zone, size, image. */
  planServerCreate(names?: readonly string[], options: ServerCallOptions = {}): Promise<ServerCreatePlan> {
    return this.provisioned.planServerCreate(names, options);
  }
  /** Creates what the plan says (or plans the named servers first); each provider call is journaled before and after. */
  createServers(
    target?: ServerCreatePlan | readonly string[],
    options: ServerCallOptions = {},
  ): Promise<ServerCreateResult> {
    return this.provisioned.createServers(target, options);
  }
  /** Refuses servers provisioning did not create (no record) before anything is touched. */
  planServerDelete(names: readonly string[]): Promise<ServerDeletePlan> {
    return this.provisioned.planServerDelete(names);
  }
  deleteServers(plan: ServerDeletePlan, options: ServerCallOptions = {}): Promise<ServerDeleteResult> {
    return this.provisioned.deleteServers(plan, options);
  }
  /** Each server as the infra, the state store and its provider see it; `drift` adds what exists on one side only. */
  serverStates(options: { drift?: boolean } = {}): Promise<ServerState[]> {
    return this.provisioned.serverStates(options);
  }
  /** Re-reads every created server from its provider; forgets the ones deleted behind the tool's back. */
  refreshServers(): Promise<StateRefreshResult> {
    return this.provisioned.refreshServers();
  }
  planCluster(name: string): Promise<ClusterPlan> {
    return this.provisioned.planCluster(name);
  }
  /** Missing servers created, leavers drained, roles applied in order, health waited for, outputs read. */
  clusterCreate(name: string, options: ClusterCallOptions = {}): Promise<ClusterCreateResult> {
    return this.provisioned.createCluster(name, options);
  }
  clusterStatus(name: string, options: ClusterCallOptions = {}): Promise<ClusterStatus> {
    return this.provisioned.clusterStatus(name, options);
  }
  /** Removes what the cluster's roles placed and its saved outputs; the servers stay. */
  clusterDelete(name: string, options: ClusterCallOptions = {}): Promise<ClusterDeleteResult> {
    return this.provisioned.deleteCluster(name, options);
  }

  get name(): string {
    return this.parts.infra.name;
  }
  /** The workspace root. */
  get workspace(): string {
    return this.parts.workspace.root;
  }
  get workspaceName(): string {
    return this.parts.workspace.name;
  }
  get settings(): EngineSettings {
    return this.parts.settings;
  }
  /** Warnings from loading the workspace and problems found while resolving settings, each with where. */
  get diagnostics(): readonly Diagnostic[] {
    return this.parts.diagnostics;
  }
  get servers(): readonly Server[] {
    return this.parts.infra.servers;
  }
  /** The loaded infra definition (servers, taskserv entries with their sources, clusters). */
  get definition(): Infra {
    return this.parts.infra;
  }
  get statePath(): string {
    return this.parts.statePath;
  }
  get taskservDefinitions(): ReadonlyMap<string, TaskservDefinition> {
    return this.parts.taskservs;
  }

  /** How each server is reached (address, port, user, key, jump host), settings applied. */
  hostSpecs(): HostSpecInput[] {
    return hostSpecsFor(this.parts.infra, {
      settings: this.parts.settings,
      workspaceRoot: this.workspace,
      secretStore: this.parts.secrets,
    });
  }

  /** The workspace's own known_hosts file (ssh.known_hosts, default .provisioning/known_hosts). */
  get workspaceKnownHosts(): string {
    return workspaceKnownHostsPath(this.parts.settings, this.workspace);
  }

  /** The names of the servers a selection picks (validated: unknown names throw SelectionError). */
  selectServers(servers: Selection['servers']): string[] {
    const selected = this.serverSet(servers);
    return this.parts.infra.servers
      .map((server) => server.name)
      .filter((name) => !selected || selected.has(name));
  }

  /** What apply would change, per host, changing nothing; serialisable (`--out FILE`), with fingerprints apply checks. */
  async plan(request: PlanRequest = {}): Promise<RunPlan> {
    if (request.signal?.aborted) throw new RunCancelledError('the plan');
    return plan(this.request(request.action ?? 'install', request, request));
  }

  /**
   * Applies a plan exactly: each host's facts are read again and compared with those the plan was
   * made from, and a changed host is refused as stale. Given a selection instead, each host is
   * planned in its own apply round trip and that plan applied (nothing was shown, so nothing can
   * be stale, and no round trip is spent on a separate plan).
   */
  async apply(target: RunPlan | PlanRequest, options: ApplyRequest = {}): Promise<RunResult> {
    if (options.signal?.aborted) throw new RunCancelledError('the apply');
    if (!isPlan(target)) return apply(this.request(target.action ?? 'install', target, options), options);
    const selection = { servers: target.selection?.servers, taskservs: target.selection?.taskservs };
    return apply(this.request(target.action, selection, options), { ...options, plan: target });
  }

  /** Runs one command line on the selected servers (all when none given), `run.parallelism` at once. */
  async runCommand(command: string, options: RunCommandOptions = {}): Promise<AdHocResult> {
    if (options.signal?.aborted) throw new RunCancelledError('the command');
    return runAdHocCommand(this.pool(), command, {
      hosts: this.selectServers(options.servers),
      sudo: options.sudo,
      timeoutMs: options.timeoutMs ?? this.parts.settings.run.timeout * 1000,
      parallel: this.parts.settings.run.parallelism,
      signal: options.signal,
      onEvent: options.onEvent,
      env: this.parts.env,
      secrets: this.parts.secrets,
    });
  }

  /** OS, kernel, CPU, memory, disks, addresses and uptime of the selected servers, one round trip each. */
  async serverFacts(
    options: { servers?: Selection['servers']; signal?: AbortSignal } = {},
  ): Promise<HostFactsResult[]> {
    if (options.signal?.aborted) throw new RunCancelledError('reading facts');
    return collectServerFacts({
      hosts: this.selectServers(options.servers),
      executorFor: (host) => this.pool().executor(host),
      parallel: this.parts.settings.run.parallelism,
      timeoutMs: this.parts.settings.run.timeout * 1000,
      signal: options.signal,
    });
  }

  /**
   * A handle on the same infra with taskservs no file declares (tool installs from the command
   * line) added as entries on the selected servers; plan and apply them with `taskservs: [names]`.
   * Close it instead of this one (it has its own connections).
   */
  withAdHocTaskservs(
    definitions: readonly TaskservDefinition[],
    servers?: Selection['servers'],
  ): InfraHandle {
    return new InfraHandle({
      ...this.parts,
      infra: withAdHocTaskservs(this.parts.infra, definitions, this.selectServers(servers)),
      taskservs: new Map([
        ...this.parts.taskservs,
        ...definitions.map((definition) => [definition.name, definition] as const),
      ]),
    });
  }

  /** The executor of one server (one pooled connection), for a single read-only round trip of the caller's. */
  executor(server: string): Executor {
    this.selectServers(server);
    return this.pool().executor(server);
  }

  /** Per taskserv entry and host: converged, pending, not installed or error, from a fresh plan and the store's records. */
  async taskservStatus(request: Selection & CallOptions = {}): Promise<TaskservStatusReport> {
    const preview = await this.plan(request);
    const records = await this.installedTaskservs();
    return taskservStatusReport(this.name, preview, records, this.taskservs(request.taskservs));
  }

  /** The servers each taskserv entry targets, by entry name. */
  taskservTargets(): Map<string, string[]> {
    return taskservTargets(this.parts.infra);
  }

  /** What the state store records as installed, on every host or one. */
  async installedTaskservs(host?: string): Promise<InstalledTaskserv[]> {
    return this.state().listTaskservs(this.name, host);
  }

  async listRuns(query: { limit?: number } = {}): Promise<RunSummary[]> {
    return this.state().listRuns({ infra: this.name, limit: query.limit });
  }

  async showRun(id: string): Promise<RunDetail | undefined> {
    return this.state().showRun(id);
  }

  /** Who holds the infra's lock now, if anyone. */
  async lock(): Promise<LockRecord | undefined> {
    return this.state().getLock(this.name);
  }

  async close(): Promise<void> {
    const pool = this.connections;
    const store = this.store;
    this.connections = undefined;
    this.store = undefined;
    await pool?.close();
    await store?.close();
  }

  private request(action: RunAction, selection: Selection, options: CallOptions): RunRequest {
    const definitions = this.parts.taskservs;
    const settings = this.parts.settings;
    return {
      infra: this.parts.infra,
      workspaceName: this.parts.workspace.name,
      resolveTaskserv: (entry) => definitions.get(entry.taskserv),
      executorFor: (server) => this.pool().executor(server),
      action,
      servers: this.serverSet(selection.servers),
      taskservs: this.taskservs(selection.taskservs),
      parallel: settings.run.parallelism,
      env: this.parts.env,
      secrets: this.parts.secrets,
      baseDir: this.parts.workspace.root,
      timeoutMs: settings.run.timeout * 1000,
      store: this.state(),
      signal: options.signal,
      onEvent: options.onEvent,
    };
  }

  private serverSet(servers: Selection['servers']): ReadonlySet<string> | undefined {
    return parseServerSelection(
      this.parts.infra,
      typeof servers === 'string' || servers === undefined ? servers : servers.join(','),
    );
  }

  private taskservs(taskservs: Selection['taskservs']): ReadonlySet<string> | undefined {
    return nameSet(taskservs);
  }

  private state(): StateStore {
    this.store ??= openStore(this.parts.statePath);
    return this.store;
  }

  private pool(): ConnectionPool {
    this.connections ??= openPool(this.parts.infra, {
      settings: this.parts.settings,
      workspaceRoot: this.parts.workspace.root,
      acceptNewHostKeys: this.parts.acceptNewHostKeys,
      secretStore: this.parts.secrets,
      onEvent: (event) => {
        if (event.type === 'host-key-accepted') {
          const { host, address, port, fingerprint, file } = event;
          this.parts.onHostKeyAccepted?.({ host, address, port, fingerprint, file });
        }
      },
    });
    return this.connections;
  }
}

function isPlan(value: RunPlan | PlanRequest): value is RunPlan {
  return 'fingerprint' in value && 'hosts' in value;
}
